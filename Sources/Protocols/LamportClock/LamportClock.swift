import Sim

/// Lamport clocks, exactly as seed 002 ("Lamport clocks algorithm"):
/// t := t+1 on every local event and before every send, which carries t;
/// on receipt t := max(t, t′) + 1, then the message goes to the application.
public struct LamportClock: NodeProtocol {
    public struct State: Hashable, Sendable {
        /// The seed's local variable t.
        public var t = 0

        public init(t: Int = 0) {
            self.t = t
        }
    }

    public struct Message: MessagePayload {
        public let t: Int
        public let label: String?

        public init(t: Int, label: String?) {
            self.t = t
            self.label = label
        }

        public var typeName: String { "Message" }
        public var fields: [Field] { [Field("t", .int(t))] }
        public var tags: PrimitiveTags { LamportClock.messageTags }
        public var summary: String { "\(label ?? "m") t=\(t)" }
    }

    /// The timestamp rides on the message being sent anyway: 4c + piggyback.
    static let messageTags = PrimitiveTags([.p4c], tricks: [.piggyback])

    public static let descriptor = ProtocolDescriptor(
        id: "lamport", title: "Lamport clocks",
        requests: [CommonRequests.local, CommonRequests.send, CommonRequests.broadcast],
        messages: [MessageSpec("Message", messageTags)],
        invariants: ["clock-condition"],
        variables: [VariableSpec("t", durable: true)],
        clockVariable: "t",
        examples: [Example("seed 002's example", """
            # seed 002: Lamport clocks example
            cluster lamport nodes=A,B,C
            local A
            send A B m1
            local C
            deliver #1
            send B C m2
            local A
            deliver #2
            expect A.t=3 B.t=4 C.t=5
            """)])

    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes") { events in ClockWorkload.run(Self.self, events: events) }
    }

    public let cluster: ClusterInfo

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
    }

    public func initialState(for node: NodeID) -> State { State() }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        switch input {
        case .request(let r) where r.is(CommonRequests.local):
            state.t += 1
            return []
        case .request(let r) where r.is(CommonRequests.send):
            state.t += 1
            // One send event however many receivers: one tick, one timestamp.
            return r.peers.sorted().map { .send(to: $0, Message(t: state.t, label: r.text)) }
        case .request(let r) where r.is(CommonRequests.broadcast):
            // A multicast to every other node: one send event (seed 002).
            state.t += 1
            return cluster.nodes.filter { $0 != node }.map { .send(to: $0, Message(t: state.t, label: r.text)) }
        case .receive(_, let message):
            state.t = max(state.t, message.t) + 1
            return [.deliver(label: message.label ?? "m")]
        case .request, .timer, .recover, .start:
            return []
        }
    }

    /// A logical clock must never run backwards, so t is durable.
    public func recover(_ crashed: State, at node: NodeID) -> State { crashed }

    public func variables(of state: State) -> [StateVariable] {
        [StateVariable("t", .int(state.t), durable: true)]
    }

    public func observe(_ state: State) -> [Field] { [Field("t", .int(state.t))] }

    public func headline(of state: State) -> String { "t=\(state.t)" }

    public var invariants: [Invariant<LamportClock>] { [Self.clockCondition] }

    /// seed 002: "If a → b then L(a) < L(b)".
    static let clockCondition = ClockConditions.lamport { (sim: Simulation<LamportClock>, index) in
        ClockConditions.intField("t", sim, index)
    }
}
