/// The deterministic engine for one protocol: a world that changes, and
/// append-only logs of what happened. `perform` runs exactly one step.
public struct Simulation<P: NodeProtocol>: Sendable {
    public let proto: P
    public let config: EngineConfig
    public internal(set) var world: World<P>
    /// Physical logs. While replaying after a step back they may run ahead of
    /// the world; `world.traceCount` etc. say how much of them is current.
    public internal(set) var trace: Trace
    public internal(set) var messages = ChunkedArray<MessageRecord<P.Message>>()
    public internal(set) var closedExchanges: [Exchange] = []
    let invariants: [Invariant<P>]
    /// The descriptor's request verbs and what each records, read once: a
    /// request is checked and recorded on every step that makes one.
    let requestRecords: [(verb: String, record: RequestSpec.Record)]
    /// Stands in for the ghost while it is moved out to be updated; made
    /// once, so the swap costs a few retains rather than fresh allocations.
    let ghostPlaceholder: P.Ghost
    /// Per node, the fields last observed, whose storage later equal
    /// observations share (a cache: it never changes what is recorded).
    var observedFields: [[Field]]

    public init(proto: P, config: EngineConfig) {
        self.proto = proto
        self.config = config
        let states = proto.cluster.nodes.map { proto.initialState(for: $0) }
        world = World(states: states, ghost: proto.initialGhost(), config: config)
        trace = Trace(width: proto.cluster.count)
        invariants = proto.invariants
        requestRecords = P.descriptor.requests.map { ($0.verb, $0.record) }
        // The descriptor names what is checked; the checks must agree with it.
        precondition(invariants.map(\.name) == P.descriptor.invariants,
                     "\(P.descriptor.id): invariants \(invariants.map(\.name)) differ from the descriptor's")
        ghostPlaceholder = proto.initialGhost()
        observedFields = Array(repeating: [], count: proto.cluster.count)
        // Step 0: every node starts (and sets its first timers).
        for node in proto.cluster.nodes {
            let effects = proto.handle(.start, at: node, state: &world.states[node.index])
            perform(effects, at: node, cause: nil)
        }
        purgeStaleTop()
    }

    public var cluster: ClusterInfo { proto.cluster }
    public var eventCount: Int { world.traceCount }
    public var messageCount: Int { world.messageCount }

    public func event(_ index: Int) -> TraceEvent {
        precondition(index < world.traceCount, "event beyond the current step")
        return trace[index]
    }

    public func message(_ id: MessageID) -> MessageRecord<P.Message>? {
        guard id >= 1 && id <= world.messageCount else { return nil }
        return messages[id - 1]
    }

    /// In-flight message ids, oldest first (never Dictionary order).
    public var inflightIDs: [MessageID] { world.inflight.keys.sorted() }

    /// Exchanges in id order: closed ones from the log, then the open ones.
    public var exchanges: [Exchange] {
        let closed = closedExchanges.prefix(world.closedExchangeCount)
        return (closed + world.openExchanges).sorted { $0.id < $1.id }
    }

    /// Perform one step. Throws, changing nothing, when the action is invalid.
    @discardableResult
    public mutating func perform(_ action: StepAction) throws(SimError) -> Range<Int> {
        try validate(action)
        let start = world.traceCount
        if case .next = action {
            guard let entry = popNextValid() else { throw .nothingToStep }
            world.step += 1
            precondition(entry.time >= world.time, "time must not run backwards")
            world.time = entry.time
            process(entry)
        } else {
            world.step += 1
            apply(action)
        }
        checkInvariants(from: start, action: action)
        purgeStaleTop()
        return start..<world.traceCount
    }

    /// Drop the physical logs beyond the world (a fork after stepping back).
    mutating func discardFuture() {
        trace.truncate(eventCount: world.traceCount)
        if messages.count > world.messageCount { messages.truncate(to: world.messageCount) }
        if closedExchanges.count > world.closedExchangeCount {
            closedExchanges.removeSubrange(world.closedExchangeCount...)
        }
    }

    // MARK: validation (throws before anything changes)

    public func validate(_ action: StepAction) throws(SimError) {
        guard world.traceCount < config.eventsMax else { throw .historyFull(world.traceCount) }
        switch action {
        case .next, .partition, .cut, .heal, .dropLink:
            return
        case .request(_, let request):
            guard requestRecords.contains(where: { $0.verb == request.verb }) else {
                throw .unsupportedRequest(protocolID: P.id, verb: request.verb)
            }
        case .fireTimeout:
            guard proto.primaryTimer != nil else { throw .noTimer(protocolID: P.id) }
        case .deliverNow(let id), .drop(let id), .duplicate(let id):
            try requireInFlight(id)
            if case .duplicate = action, world.inflight.count >= config.inFlightMax {
                throw .inFlightLimit(config.inFlightMax)
            }
        case .delay(let id, let ticks):
            try requireInFlight(id)
            guard ticks >= 1 else { throw .badDelay(ticks) }
        case .delayLink(_, _, let ticks):
            guard ticks >= 1 else { throw .badDelay(ticks) }
        case .crash(let node):
            guard !world.crashed[node.index] else { throw .alreadyCrashed(cluster.name(node)) }
        case .restart(let node):
            guard world.crashed[node.index] else { throw .notCrashed(cluster.name(node)) }
        }
    }

    private func requireInFlight(_ id: MessageID) throws(SimError) {
        guard world.inflight[id] == nil else { return }
        guard id >= 1 && id <= world.messageCount else { throw .unknownMessage(id) }
        throw .notInFlight(id, why: fate(of: id))
    }

    /// What became of a message that is no longer in flight, from the trace.
    public func fate(of id: MessageID) -> String {
        for index in stride(from: world.traceCount - 1, through: 0, by: -1) {
            let e = trace[index]
            guard e.message == id else { continue }
            switch e.kind {
            case .receive: return "it was received at step \(e.step)"
            case .drop: return "it was lost at step \(e.step): \(e.reason?.rawValue ?? "dropped")"
            default: continue
            }
        }
        return "it is not on the wire"
    }

    // MARK: the queue

    /// Every step ends with a valid entry (or nothing) at the top of the
    /// queue, so a failed `.next` changes nothing and `nextEventTime` is O(1).
    private mutating func popNextValid() -> QueueEntry? {
        world.queue.pop()
    }

    private mutating func purgeStaleTop() {
        while let top = world.queue.first, !isCurrent(top) { _ = world.queue.pop() }
    }

    func isCurrent(_ entry: QueueEntry) -> Bool {
        switch entry.payload {
        case .deliver(let id, let version):
            return world.inflight[id]?.version == version
        case .timer(let node, let slot, let generation):
            let timer = world.timers[node.index][slot]
            return timer.generation == generation && timer.due == entry.time
        }
    }

    /// The time of the next queued event, if any.
    public var nextEventTime: Tick? { world.queue.first?.time }

    mutating func enqueue(_ time: Tick, _ payload: QueueEntry.Payload) {
        world.sequence += 1
        world.queue.push(QueueEntry(time: time, sequence: world.sequence, payload: payload))
    }

    private mutating func process(_ entry: QueueEntry) {
        switch entry.payload {
        case .deliver(let id, _):
            arrive(id)
        case .timer(let node, let slot, _):
            world.timers[node.index][slot].due = nil
            fire(world.timers[node.index][slot].name, at: node)
        }
    }

    // MARK: invariants

    private mutating func checkInvariants(from start: Int, action: StepAction?) {
        // Move the ghost out while it changes, so its arrays are not copied
        // (swapped, not assigned: an assignment retains and releases every
        // field of both, each step).
        var ghost = ghostPlaceholder
        swap(&ghost, &world.ghost)
        proto.updateGhost(&ghost, self, start..<world.traceCount, action: action ?? .next)
        let notes = proto.drainNotes(&ghost)
        swap(&ghost, &world.ghost)
        for text in notes { note(text, at: nil) }
        for invariant in invariants where !world.violated.contains(invariant.name) {
            guard let why = invariant.check(self, start..<world.traceCount) else { continue }
            world.violated.append(invariant.name)
            let index = record(TraceEvent(step: world.step, time: world.time, kind: .violation,
                                          text: "\(invariant.name): \(why)"))
            if world.firstViolationEvent == nil { world.firstViolationEvent = index }
        }
    }
}
