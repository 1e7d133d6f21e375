/// What a protocol's message must tell the engine so it can be traced.
public protocol MessagePayload: Sendable, Equatable {
    /// The seed's name for the message type (`RequestVote`, `Promise`).
    var typeName: String { get }
    /// The application label it carries, if any (`m1`).
    var label: String? { get }
    /// Key fields in display order.
    var fields: [Field] { get }
    var tags: PrimitiveTags { get }
    /// The one-line form used in event descriptions (`RequestVote term=2`).
    var summary: String { get }
}

extension MessagePayload {
    public var summary: String {
        let parts = [typeName] + (label.map { [$0] } ?? []) + fields.map { "\($0.name)=\($0.value.rendered)" }
        return parts.joined(separator: " ")
    }
}

/// A request from outside the cluster (the scenario or the user).
public enum ClientRequest: Equatable, Sendable {
    case local(label: String?)
    case send(to: NodeID, label: String)
    case broadcast(label: String)
    case propose(value: String)

    public var kind: RequestKind {
        switch self {
        case .local: return .local
        case .send: return .send
        case .broadcast: return .broadcast
        case .propose: return .propose
        }
    }
}

public enum RequestKind: String, Sendable, CaseIterable {
    case local, send, broadcast, propose
}

/// An input handed to a node's state machine.
public enum Input<M: MessagePayload>: Equatable, Sendable {
    case receive(from: NodeID, M)
    case timer(String)
    case request(ClientRequest)
    /// Called once right after a restart, on the recovered state.
    case recover
    /// Called once for every node when the cluster is created (to set timers).
    case start
}

public enum ExchangeOutcome: String, Sendable {
    case reached, failed, superseded
}

/// What a node asks the engine to do. Nothing is performed inline
/// (DESIGN.md §1.1): the engine performs these in order.
public enum Effect<M: MessagePayload>: Equatable, Sendable {
    case send(to: NodeID, M)
    /// The engine draws the delay from `ticks` with its seeded generator.
    case setTimer(String, ticks: ClosedRange<Int>)
    case cancelTimer(String)
    /// Hand `label` to the application (recorded as a `deliver` event);
    /// `fields` identify it for invariants (`sender`, `seq`).
    case deliver(label: String, fields: [Field] = [])
    case note(String)
    /// Open an instance of `primitive`; sends that follow in the same handler
    /// are tagged with it. `key` is the protocol's own handle (e.g. the term).
    case openExchange(key: Int, primitive: Primitive, participants: [NodeID], threshold: Int)
    case exchangeResponse(key: Int, from: NodeID, granted: Bool)
    case closeExchange(key: Int, outcome: ExchangeOutcome)
}

/// A protocol option (`holdback=off`), validated before the run starts.
public struct OptionSpec: Sendable, Equatable {
    public let name: String
    public let help: String
    public let allowed: [String]?

    public init(_ name: String, help: String, allowed: [String]? = nil) {
        self.name = name
        self.help = help
        self.allowed = allowed
    }
}

public struct OptionError: Error, Equatable, Sendable {
    public let option: String
    public let message: String

    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }
}

/// A protocol as a pure per-node state machine (DESIGN.md §1.1, etcd-io/raft's
/// `Step` design): `handle` mutates only `state` and returns effects as data.
public protocol NodeProtocol: Sendable {
    associatedtype State: Sendable, Equatable
    associatedtype Message: MessagePayload
    /// What invariants remember between steps (the history a safety property
    /// needs, e.g. the leader of every term). Part of the world, so step-back
    /// restores it exactly.
    associatedtype Ghost: Sendable, Equatable = NoGhost

    static var id: String { get }
    static var title: String { get }
    static var optionSpecs: [OptionSpec] { get }
    static var messageTypes: [MessageTypeInfo] { get }
    static var supportedRequests: [RequestKind] { get }
    /// Names accepted as `A.<name>` queries, for checking a scenario before it runs.
    static var variableNames: [String] { get }

    init(cluster: ClusterInfo, options: [(String, String)]) throws

    var cluster: ClusterInfo { get }
    /// The timer that `timeout A` fires, or nil when nodes have none.
    var primaryTimer: String? { get }
    var invariants: [Invariant<Self>] { get }

    func initialState(for node: NodeID) -> State
    func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>]
    /// The state after a crash: durable parts kept, volatile parts reset.
    func recover(_ crashed: State, at node: NodeID) -> State
    func variables(of state: State) -> [StateVariable]
    /// The protocol's own fields stamped on a node's local, timeout and
    /// receive events (clock protocols put their clock here).
    func observe(_ state: State) -> [Field]

    /// The state variable that is the node's Lamport clock, if the protocol
    /// keeps one (`A.clock` answers it; otherwise the engine's clock).
    static var clockVariable: String? { get }
    /// Likewise for a vector clock (`A.vclock`).
    static var vclockVariable: String? { get }

    /// Global queries this protocol answers (`leader`, `leaders`, `decided`).
    static var globalQueryNames: [String] { get }
    func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value?

    func initialGhost() -> Ghost
    /// Fold the events a step added into the ghost, before invariants run.
    func updateGhost(_ ghost: inout Ghost, _ sim: Simulation<Self>, _ range: Range<Int>)
}

/// The ghost of protocols whose invariants need no memory.
public struct NoGhost: Sendable, Equatable {
    public init() {}
}

extension NodeProtocol {
    public static var clockVariable: String? { nil }
    public static var vclockVariable: String? { nil }
    public static var globalQueryNames: [String] { [] }
    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? { nil }
    public func updateGhost(_ ghost: inout Ghost, _ sim: Simulation<Self>, _ range: Range<Int>) {}
}

extension NodeProtocol where Ghost == NoGhost {
    public func initialGhost() -> NoGhost { NoGhost() }
}
