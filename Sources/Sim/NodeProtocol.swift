/// What a protocol's message must tell the engine so it can be traced.
public protocol MessagePayload: Sendable, Hashable {
    /// The seed's name for the message type (`RequestVote`, `Promise`).
    var typeName: String { get }
    /// The application label it carries, if any (`m1`).
    var label: String? { get }
    /// Key fields in display order.
    var fields: [Field] { get }
    var tags: PrimitiveTags { get }
    /// The one-line form used in event descriptions (`RequestVote term=2`).
    var summary: String { get }
    /// Sent over a FIFO link: never overtakes an earlier FIFO message on the
    /// same link (seed 002 Raft (4/9) forwards requests "via a FIFO link").
    var fifo: Bool { get }
}

extension MessagePayload {
    public var fifo: Bool { false }

    public var summary: String {
        let parts = [typeName] + (label.map { [$0] } ?? []) + fields.map { "\($0.name)=\($0.value.rendered)" }
        return parts.joined(separator: " ")
    }
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

/// A protocol as a pure per-node state machine (DESIGN.md §1.1, etcd-io/raft's
/// `Step` design): `handle` mutates only `state` and returns effects as data.
public protocol NodeProtocol: Sendable {
    /// Hashable so that a world can be hashed (the explorer's visited set).
    associatedtype State: Sendable, Hashable
    associatedtype Message: MessagePayload
    /// What invariants remember between steps (the history a safety property
    /// needs, e.g. the leader of every term). Part of the world, so step-back
    /// restores it exactly; its equality must not depend on caches.
    associatedtype Ghost: Sendable, Hashable = NoGhost

    /// Every fact about the protocol that the rest of Baton reads.
    static var descriptor: ProtocolDescriptor { get }
    /// The engine workload `swift package benchmark` runs for this protocol.
    static var benchmark: EngineBenchmark? { get }

    /// Throws `OptionError` for options the descriptor's parser accepts but
    /// the protocol refuses in combination.
    init(cluster: ClusterInfo, options: ProtocolOptions) throws

    var cluster: ClusterInfo { get }
    /// Checked after every step, in the order of `descriptor.invariants`.
    var invariants: [Invariant<Self>] { get }

    func initialState(for node: NodeID) -> State
    func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>]
    /// The same, appending the effects to `out` (the explorer keeps one
    /// buffer for every step instead of an array a step). The default calls
    /// `handle` above.
    func handle(_ input: Input<Message>, at node: NodeID, state: inout State, into out: inout [Effect<Message>])
    /// The state after a crash: durable parts kept, volatile parts reset.
    func recover(_ crashed: State, at node: NodeID) -> State
    /// The descriptor's variables, in its order, with their values.
    func variables(of state: State) -> [StateVariable]
    /// The protocol's own fields stamped on a node's local, timeout and
    /// receive events (clock protocols put their clock here).
    func observe(_ state: State) -> [Field]
    /// A few words for the top of the node's lifeline (`leader t3`).
    func headline(of state: State) -> String
    /// The node's row in the state strip; at most `entriesMax` entries, the
    /// latest (default: every variable as the note).
    func strip(of state: State, entriesMax: Int) -> StripRow

    func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value?

    func initialGhost() -> Ghost
    /// Fold the step's events into the ghost, before invariants run.
    /// `action` is the step's action as a value (a request, a fault, `.next`).
    func updateGhost(_ ghost: inout Ghost, _ sim: Simulation<Self>, _ range: Range<Int>, action: StepAction)
    /// Notes the ghost found worth recording in the trace this step (Paxos:
    /// the moment a value is chosen), emptied as they are taken.
    func drainNotes(_ ghost: inout Ghost) -> [String]

    /// Node symmetry, for the explorer (issue 19), asked only of protocols
    /// whose descriptor says `symmetricNodes`: the state, message or ghost
    /// as it would be had every node `i` been node `p[i]` (node ids inside
    /// mapped, per-node arrays reordered, sets kept sorted).
    func permuted(_ state: State, by p: [Int]) -> State
    func permuted(_ message: Message, by p: [Int]) -> Message
    func permuted(_ ghost: Ghost, by p: [Int]) -> Ghost
    /// A summary of a node's state that no renaming changes (it must not
    /// read node ids): the explorer tries only the renamings that sort the
    /// nodes by it, so the more it tells nodes apart the fewer it tries.
    /// The default, one value for all, is correct and tries every renaming.
    func symmetryKey(_ state: State) -> Int

    /// The explorer's lean engine (issue 19) for a protocol whose ghost folds
    /// a `StepDigest` and whose invariants read only the ghost and states;
    /// nil (the default) when they read the trace: the explorer then steps
    /// full simulations, several times slower.
    var leanChecks: LeanChecks<Self>? { get }
    /// This protocol with its handlers' notes left unbuilt, for the
    /// explorer, which drops them (building their text was a tenth of
    /// Raft's handler). The default builds them.
    var silenced: Self { get }
    /// The explorer's hash of a node state: equal states hash alike, and
    /// every field must count (the visited set keeps hashes only, so a
    /// field left out merges states). The default is `hashValue`; a
    /// protocol may mix its fields' words with `WordMix`, cheaper than
    /// `Hasher` when the explorer hashes a changed state at every step.
    func stateHash(_ state: State) -> Int
    /// The same for the ghost (default `hashValue`).
    func ghostHash(_ ghost: Ghost) -> Int
}

extension NodeProtocol {
    /// Start with options as written (`[("heartbeat", "5")]`), parsed by the
    /// descriptor's parser. Throws `OptionError`.
    public init(cluster: ClusterInfo, options: [(String, String)]) throws {
        try self.init(cluster: cluster, options: ProtocolOptions(Self.descriptor.options, given: options,
                                                                 cluster: cluster, protocolID: Self.descriptor.id))
    }

    public static var id: String { descriptor.id }
    public static var title: String { descriptor.title }
    public static var benchmark: EngineBenchmark? { nil }
    /// The timer that `timeout A` fires, or nil when nodes have none.
    public var primaryTimer: String? { Self.descriptor.primaryTimer }
    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? { nil }
    public func updateGhost(_ ghost: inout Ghost, _ sim: Simulation<Self>, _ range: Range<Int>,
                            action: StepAction) {}
    public func drainNotes(_ ghost: inout Ghost) -> [String] { [] }
    public func permuted(_ state: State, by p: [Int]) -> State { unsymmetric() }
    public func permuted(_ message: Message, by p: [Int]) -> Message { unsymmetric() }
    public func permuted(_ ghost: Ghost, by p: [Int]) -> Ghost { unsymmetric() }
    public func symmetryKey(_ state: State) -> Int { 0 }
    public var leanChecks: LeanChecks<Self>? { nil }
    public var silenced: Self { self }
    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State,
                       into out: inout [Effect<Message>]) {
        out.append(contentsOf: handle(input, at: node, state: &state))
    }
    public func stateHash(_ state: State) -> Int { state.hashValue }
    public func ghostHash(_ ghost: Ghost) -> Int { ghost.hashValue }

    /// A protocol that declares symmetric nodes must say how to permute them:
    /// treating an unpermuted world as permuted would merge worlds that differ.
    private func unsymmetric() -> Never {
        preconditionFailure("\(Self.id) declares symmetricNodes but does not permute its nodes")
    }
}

/// A protocol's engine benchmark, run by `swift package benchmark` at each
/// of `eventCounts` (Benchmarks/, docs/PERFORMANCE.md).
public struct EngineBenchmark: Sendable {
    /// How the run is set up, for the benchmark's name (`5 nodes, 1% loss`).
    public let setup: String
    public let eventCounts: [Int]
    /// False when memory stays small whatever the length (checked absolutely).
    public let memoryGrowsWithRun: Bool
    /// Runs until at least `events` events; returns how many there were.
    public let run: @Sendable (_ events: Int) -> Int

    public init(setup: String, eventCounts: [Int] = [1_000_000], memoryGrowsWithRun: Bool = true,
                run: @escaping @Sendable (_ events: Int) -> Int) {
        self.setup = setup
        self.eventCounts = eventCounts
        self.memoryGrowsWithRun = memoryGrowsWithRun
        self.run = run
    }
}

/// The ghost of protocols whose invariants need no memory.
public struct NoGhost: Sendable, Hashable {
    public init() {}
}

extension NodeProtocol where Ghost == NoGhost {
    public func initialGhost() -> NoGhost { NoGhost() }
}
