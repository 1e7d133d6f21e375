/// A message as the non-generic layers see it.
public struct MessageInfo: Equatable, Sendable {
    public let id: MessageID
    public let from: NodeID
    public let to: NodeID
    public let typeName: String
    public let label: String?
    public let fields: [Field]
    public let tags: PrimitiveTags
    public let summary: String
    public let sentAt: Tick
    public let sentStep: Int
    public let duplicateOf: MessageID?
    public let exchange: Int?
}

/// A run of any protocol behind one non-generic interface, for the scenario
/// runner, the exporters and the UI. `Timeline<P>` is the one conformer.
public protocol SessionCore: Sendable {
    /// The protocol's facts (id, timers, requests, invariants, ...).
    var descriptor: ProtocolDescriptor { get }
    var cluster: ClusterInfo { get }
    var config: EngineConfig { get }
    var step: Int { get }
    var lastStep: Int { get }
    var time: Tick { get }
    var eventCount: Int { get }
    var messageCount: Int { get }
    func event(_ index: Int) -> TraceEvent
    /// The event's vector clock in node order, nil for events outside
    /// happens-before; a slice of the trace's storage (no copy per event).
    func vclockSlice(ofEvent index: Int) -> ArraySlice<Int>?
    /// A message's facts; without its summary (`summary` empty) when
    /// `withSummary` is false, which spares building text a caller will not use.
    func messageInfo(_ id: MessageID, withSummary: Bool) -> MessageInfo?
    /// In-flight messages, oldest id first, with their due time.
    var inflight: [(id: MessageID, due: Tick)] { get }
    func variables(of node: NodeID) -> [StateVariable]
    /// The protocol's short summary of a node (its `observe` fields).
    func summary(of node: NodeID) -> [Field]
    /// A few words for the top of the node's lifeline (`leader t3`).
    func headline(of node: NodeID) -> String
    /// The node's row in the state strip, with at most `entriesMax` entries.
    func strip(of node: NodeID, entriesMax: Int) -> StripRow
    /// Ticks until the node's next timer fires, or nil when none is set.
    func ticksToNextTimer(_ node: NodeID) -> Tick?
    func isCrashed(_ node: NodeID) -> Bool
    var violated: [String] { get }
    var exchanges: [Exchange] { get }
    /// The open exchanges only, oldest first: what a frame shows, at a cost
    /// that does not grow with the history (closed ones are in `exchanges`).
    var openExchanges: [Exchange] { get }
    /// The trace index of the first violation, if any (no scan of the trace).
    var firstViolationEvent: Int? { get }
    var isQuiet: Bool { get }
    var nextEventTime: Tick? { get }
    var blockedLinks: [(NodeID, NodeID)] { get }
    /// The engine's happens-before clocks of a node's latest event.
    func hbLamport(_ node: NodeID) -> Int
    func hbVClock(_ node: NodeID) -> [Int]
    var actions: [StepAction] { get }
    func globalQuery(_ name: String) -> Value?
    func fate(of id: MessageID) -> String

    /// The world without counters and clocks, for the explorer's visited set:
    /// equal when the runs can go on alike (`WorldKey`).
    var worldKey: AnyHashable { get }

    mutating func perform(_ action: StepAction) throws(SimError) -> Range<Int>
    /// Search every schedule from the current world (`Explorer.run`); `goal`
    /// is asked of each new world, seen as a session of its own.
    func explore(_ options: ExploreOptions, goal: ((any SessionCore) -> Bool)?,
                 progress: (Int, Int) -> Bool) -> ExploreResult
    mutating func go(to step: Int)
    /// Forget the steps after the current one (a rewind, not a step back).
    mutating func discardFuture()
}

extension SessionCore {
    /// A message's facts, with its summary.
    public func messageInfo(_ id: MessageID) -> MessageInfo? { messageInfo(id, withSummary: true) }
    /// The event's vector clock as an array (see `vclockSlice`).
    public func vclock(ofEvent index: Int) -> [Int]? { vclockSlice(ofEvent: index).map(Array.init) }
    public var protocolID: String { descriptor.id }
    public var protocolTitle: String { descriptor.title }
    public var primaryTimer: String? { descriptor.primaryTimer }
    public var clockVariable: String? { descriptor.clockVariable }
    public var vclockVariable: String? { descriptor.vclockVariable }
}

extension Timeline: SessionCore {
    public var descriptor: ProtocolDescriptor { P.descriptor }
    public var worldKey: AnyHashable { AnyHashable(WorldKey(sim)) }
    public func explore(_ options: ExploreOptions, goal: ((any SessionCore) -> Bool)?,
                        progress: (Int, Int) -> Bool) -> ExploreResult {
        Explorer.run(sim, options, goal: goal.map { g in { g(Timeline(viewing: $0)) } }, progress: progress)
    }
    public var cluster: ClusterInfo { sim.cluster }
    public var config: EngineConfig { sim.config }
    public var time: Tick { sim.world.time }
    public var eventCount: Int { sim.eventCount }
    public var messageCount: Int { sim.messageCount }
    public func event(_ index: Int) -> TraceEvent { sim.event(index) }
    public func vclockSlice(ofEvent index: Int) -> ArraySlice<Int>? { sim.trace.vclock(of: index) }

    public func messageInfo(_ id: MessageID, withSummary: Bool) -> MessageInfo? {
        guard let m = sim.message(id) else { return nil }
        let p = m.payload
        return MessageInfo(id: id, from: m.from, to: m.to, typeName: p.typeName, label: p.label,
                           fields: p.fields, tags: p.tags, summary: withSummary ? p.summary : "", sentAt: m.sentAt,
                           sentStep: m.sentStep, duplicateOf: m.duplicateOf, exchange: m.exchange)
    }

    public var inflight: [(id: MessageID, due: Tick)] {
        sim.inflightIDs.map { (id: $0, due: sim.world.inflight[$0]!.due) }
    }

    public func variables(of node: NodeID) -> [StateVariable] {
        sim.proto.variables(of: sim.world.states[node.index])
    }

    public func summary(of node: NodeID) -> [Field] { sim.proto.observe(sim.world.states[node.index]) }
    public func headline(of node: NodeID) -> String { sim.proto.headline(of: sim.world.states[node.index]) }
    public func strip(of node: NodeID, entriesMax: Int) -> StripRow {
        sim.proto.strip(of: sim.world.states[node.index], entriesMax: max(0, entriesMax))
    }
    public func ticksToNextTimer(_ node: NodeID) -> Tick? {
        guard !sim.world.crashed[node.index] else { return nil }
        return sim.world.timers[node.index].compactMap(\.due).min().map { $0 - sim.world.time }
    }
    public func isCrashed(_ node: NodeID) -> Bool { sim.world.crashed[node.index] }
    public var violated: [String] { sim.world.violated }
    public var exchanges: [Exchange] { sim.exchanges }
    public var openExchanges: [Exchange] { sim.world.openExchanges.sorted { $0.id < $1.id } }
    public var firstViolationEvent: Int? { sim.world.firstViolationEvent }
    public var isQuiet: Bool { sim.world.isQuiet }
    public var nextEventTime: Tick? { sim.nextEventTime }
    public var blockedLinks: [(NodeID, NodeID)] { sim.world.network.blockedLinks() }
    public func hbLamport(_ node: NodeID) -> Int { sim.world.hb.lamport[node.index] }
    public func hbVClock(_ node: NodeID) -> [Int] { Array(sim.world.hb.vclock(of: node)) }
    public func fate(of id: MessageID) -> String { sim.fate(of: id) }
    public func globalQuery(_ name: String) -> Value? {
        sim.proto.globalQuery(name, states: sim.world.states, crashed: sim.world.crashed, ghost: sim.world.ghost)
    }
}

/// A run of one concrete protocol as a `SessionCore`: each protocol declares
/// its one-line core (`struct RaftCore: ProtocolCore`), which forwards to its
/// `Timeline` (the forwarding is written once, below).
///
/// Why a concrete core besides `Timeline: SessionCore`: a call through
/// `any SessionCore` reaches a generic type's witnesses unspecialised (a
/// metadata lookup and boxed copies on every access), and `baton run` stepped
/// Raft 3.6x slower than the engine benchmark that holds a `Timeline<Raft>`.
/// The witnesses of a concrete type's conformance are specialised. Unoptimised
/// (debug) builds do the opposite: there the forwarding copies the timeline on
/// every access, so `ProtocolEntry` hands out the bare `Timeline` in debug
/// builds (tests run the same code either way: these are one-line forwards).
public protocol ProtocolCore: SessionCore {
    associatedtype Proto: NodeProtocol
    var timeline: Timeline<Proto> { get set }
    init(_ timeline: Timeline<Proto>)
}

extension ProtocolCore {
    public var descriptor: ProtocolDescriptor { Proto.descriptor }
    public var cluster: ClusterInfo { timeline.cluster }
    public var config: EngineConfig { timeline.config }
    public var step: Int { timeline.step }
    public var lastStep: Int { timeline.lastStep }
    public var time: Tick { timeline.time }
    public var eventCount: Int { timeline.eventCount }
    public var messageCount: Int { timeline.messageCount }
    public func event(_ index: Int) -> TraceEvent { timeline.event(index) }
    public func vclockSlice(ofEvent index: Int) -> ArraySlice<Int>? { timeline.vclockSlice(ofEvent: index) }
    public func messageInfo(_ id: MessageID, withSummary: Bool) -> MessageInfo? {
        timeline.messageInfo(id, withSummary: withSummary)
    }
    public var inflight: [(id: MessageID, due: Tick)] { timeline.inflight }
    public func variables(of node: NodeID) -> [StateVariable] { timeline.variables(of: node) }
    public func summary(of node: NodeID) -> [Field] { timeline.summary(of: node) }
    public func headline(of node: NodeID) -> String { timeline.headline(of: node) }
    public func strip(of node: NodeID, entriesMax: Int) -> StripRow { timeline.strip(of: node, entriesMax: entriesMax) }
    public func ticksToNextTimer(_ node: NodeID) -> Tick? { timeline.ticksToNextTimer(node) }
    public func isCrashed(_ node: NodeID) -> Bool { timeline.isCrashed(node) }
    public var violated: [String] { timeline.violated }
    public var exchanges: [Exchange] { timeline.exchanges }
    public var openExchanges: [Exchange] { timeline.openExchanges }
    public var firstViolationEvent: Int? { timeline.firstViolationEvent }
    public var isQuiet: Bool { timeline.isQuiet }
    public var nextEventTime: Tick? { timeline.nextEventTime }
    public var blockedLinks: [(NodeID, NodeID)] { timeline.blockedLinks }
    public func hbLamport(_ node: NodeID) -> Int { timeline.hbLamport(node) }
    public func hbVClock(_ node: NodeID) -> [Int] { timeline.hbVClock(node) }
    public var actions: [StepAction] { timeline.actions }
    public func globalQuery(_ name: String) -> Value? { timeline.globalQuery(name) }
    public func fate(of id: MessageID) -> String { timeline.fate(of: id) }
    public var worldKey: AnyHashable { timeline.worldKey }
    public func explore(_ options: ExploreOptions, goal: ((any SessionCore) -> Bool)?,
                        progress: (Int, Int) -> Bool) -> ExploreResult {
        Explorer.run(timeline.sim, options, goal: goal.map { g in { g(Self(Timeline(viewing: $0))) } }, progress: progress)
    }
    public mutating func perform(_ action: StepAction) throws(SimError) -> Range<Int> { try timeline.perform(action) }
    public mutating func go(to step: Int) { timeline.go(to: step) }
    public mutating func discardFuture() { timeline.discardFuture() }
}

