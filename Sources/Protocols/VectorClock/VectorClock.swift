import Sim

/// Vector clocks, exactly as seed 002 ("Vector clocks algorithm"): T[i] += 1
/// on every local event and before every send, which carries T; on receipt
/// T[j] := max(T[j], T′[j]) for every j, then T[i] += 1 and deliver.
public struct VectorClock: NodeProtocol {
    public struct State: Equatable, Sendable {
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

    public static let id = "vector"
    public static let title = "Vector clocks"
    public static let optionSpecs: [OptionSpec] = []
    public static let supportedRequests: [RequestKind] = [.local, .send]
    public static let variableNames = ["T"]
    public static var vclockVariable: String? { "T" }
    public static var messageTypes: [MessageTypeInfo] {
        [MessageTypeInfo(protocolID: id, typeName: "Message", tags: messageTags)]
    }

    public let cluster: ClusterInfo
    public var primaryTimer: String? { nil }

    public init(cluster: ClusterInfo, options: [(String, String)]) throws {
        if let (name, _) = options.first {
            throw OptionError(option: name, message: "vector takes no protocol options")
        }
        self.cluster = cluster
    }

    public func initialState(for node: NodeID) -> State {
        State(T: Array(repeating: 0, count: cluster.count))
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        let i = node.index
        switch input {
        case .request(.local):
            state.T[i] += 1
            return []
        case .request(.send(let to, let label)):
            state.T[i] += 1
            return [.send(to: to, Message(T: state.T, label: label))]
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

    public var invariants: [Invariant<VectorClock>] { [Self.vectorCondition] }

    /// seed 002: "(V(a) < V(b)) ⟺ (a → b)".
    static let vectorCondition = ClockConditions.vector { (sim: Simulation<VectorClock>, index) in
        ClockConditions.vectorField("T", sim, index)
    }
}
