import Sim

/// Lamport clocks, exactly as seed 002 ("Lamport clocks algorithm"):
/// t := t+1 on every local event and before every send, which carries t;
/// on receipt t := max(t, t′) + 1, then the message goes to the application.
public struct LamportClock: NodeProtocol {
    public struct State: Equatable, Sendable {
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

    public static let id = "lamport"
    public static let title = "Lamport clocks"
    public static let optionSpecs: [OptionSpec] = []
    public static let supportedRequests: [RequestKind] = [.local, .send]
    public static let variableNames = ["t"]
    public static var clockVariable: String? { "t" }
    public static var messageTypes: [MessageTypeInfo] {
        [MessageTypeInfo(protocolID: id, typeName: "Message", tags: messageTags)]
    }

    public let cluster: ClusterInfo
    public var primaryTimer: String? { nil }

    public init(cluster: ClusterInfo, options: [(String, String)]) throws {
        if let (name, _) = options.first {
            throw OptionError(option: name, message: "lamport takes no protocol options")
        }
        self.cluster = cluster
    }

    public func initialState(for node: NodeID) -> State { State() }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        switch input {
        case .request(.local):
            state.t += 1
            return []
        case .request(.send(let to, let label)):
            state.t += 1
            return [.send(to: to, Message(t: state.t, label: label))]
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

    public var invariants: [Invariant<LamportClock>] { [Self.clockCondition] }

    /// seed 002: "If a → b then L(a) < L(b)".
    static let clockCondition = ClockConditions.lamport { (sim: Simulation<LamportClock>, index) in
        ClockConditions.intField("t", sim, index)
    }
}
