import Sim

/// Vector clocks, exactly as seed 002 ("Vector clocks algorithm"): T[i] += 1
/// on every local event and before every send, which carries T; on receipt
/// T[j] := max(T[j], T′[j]) for every j, then T[i] += 1 and deliver.
public struct VectorClock: NodeProtocol {
    public struct State: Hashable, Sendable {
        /// The seed's local vector T, in node order.
        public var T: [Int]

        public init(T: [Int]) {
            self.T = T
        }
    }

    public struct Message: MessagePayload {
        public let T: [Int]
        public let label: String?

        public init(T: [Int], label: String?) {
            self.T = T
            self.label = label
        }

        public var typeName: String { "Message" }
        public var fields: [Field] { [Field("T", .vector(T))] }
        public var tags: PrimitiveTags { VectorClock.messageTags }
        public var summary: String { "\(label ?? "m") T=\(Value.vector(T).rendered)" }
    }

    static let messageTags = PrimitiveTags([.p4c], tricks: [.piggyback])

    public static let descriptor = ProtocolDescriptor(
        id: "vector", title: "Vector clocks",
        requests: [CommonRequests.local, CommonRequests.send, CommonRequests.broadcast],
        messages: [MessageSpec("Message", messageTags)],
        invariants: ["vector-condition"],
        variables: [VariableSpec("T", durable: true)],
        vclockVariable: "T",
        examples: [Example("seed 002's example", """
            # seed 002: vector clocks example
            cluster vector nodes=A,B,C
            local A
            send A B m1
            deliver #1
            send B C m2
            local C
            send C A m3
            step 2
            expect A.T=3,0,2 B.T=2,2,0 C.T=2,2,3
            """)])

    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes") { events in ClockWorkload.run(Self.self, events: events) }
    }

    public let cluster: ClusterInfo

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
    }

    public func initialState(for node: NodeID) -> State {
        State(T: Array(repeating: 0, count: cluster.count))
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        let i = node.index
        switch input {
        case .request(let r) where r.is(CommonRequests.local):
            state.T[i] += 1
            return []
        case .request(let r) where r.is(CommonRequests.send):
            state.T[i] += 1
            // One send event however many receivers: one tick, one timestamp.
            return r.peers.sorted().map { .send(to: $0, Message(T: state.T, label: r.text)) }
        case .request(let r) where r.is(CommonRequests.broadcast):
            // A multicast to every other node: one send event (seed 002).
            state.T[i] += 1
            return cluster.nodes.filter { $0 != node }.map { .send(to: $0, Message(T: state.T, label: r.text)) }
        case .receive(_, let message):
            for j in state.T.indices { state.T[j] = max(state.T[j], message.T[j]) }
            state.T[i] += 1
            return [.deliver(label: message.label ?? "m")]
        case .request, .timer, .recover, .start:
            return []
        }
    }

    public func recover(_ crashed: State, at node: NodeID) -> State { crashed }

    public func variables(of state: State) -> [StateVariable] {
        [StateVariable("T", .vector(state.T), durable: true)]
    }

    public func observe(_ state: State) -> [Field] { [Field("T", .vector(state.T))] }

    public func headline(of state: State) -> String { "T=" + Value.vector(state.T).rendered }

    public var invariants: [Invariant<VectorClock>] { [Self.vectorCondition] }

    /// seed 002: "(V(a) < V(b)) ⟺ (a → b)".
    static let vectorCondition = ClockConditions.vector { (sim: Simulation<VectorClock>, index) in
        ClockConditions.vectorField("T", sim, index)
    }
}
