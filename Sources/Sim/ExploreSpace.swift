/// The worlds a search walks and how they move (issue 19): full
/// simulations (`FullSpace`: for goals, which are queries on a session, and
/// for protocols without `leanChecks`), or the lean engine's compact worlds
/// (`LeanSpace`). Both offer the same moves in the same order and the same
/// fingerprints, so a search finds the same states and schedules in either.
@usableFromInline
protocol ExploreSpace: Sendable {
    associatedtype World: Sendable
    /// What a search thread steps on, made once per thread (`makeScratch`).
    associatedtype Scratch
    /// The most worlds of one level kept for the next (past that the next
    /// level walks the tree again from the start: memory over time).
    static var frontierKept: Int { get }
    var start: World { get }
    /// The explorer's moves from `w`, in a fixed order (`Explorer.moves`).
    func moves(_ w: World, _ budget: Budget) -> [StepAction]
    /// `w` after `action`, or nil when the action is not allowed there.
    func performed(_ action: StepAction, on w: World) -> World?
    func fingerprint(_ w: World, _ budget: Budget) -> Int
    /// The invariants broken in `w` (since the run began).
    func violated(_ w: World) -> [String]
    /// Every move from `w` not in `sleep`, performed and fingerprinted; the
    /// world only when its fingerprint is not in `seen`; with the sleep
    /// set of each successor (`Explorer.successors`).
    func successors(_ w: World, _ budget: Budget, sleep: SleepSet, seen: FingerprintSet,
                    scratch: inout Scratch) -> [Successor<World>]
    func makeScratch() -> Scratch
    /// Whether `successors` uses sleep sets (else every sleep set is empty).
    var reduces: Bool { get }
    /// `body` on `w` after `action`, which must be allowed (it was once);
    /// `w` is as before afterwards.
    func visit(_ action: StepAction, on w: inout World, _ body: (inout World) -> Void)
}

extension ExploreSpace {
    /// Each move performed on a copy of `w`; no sleep sets.
    @inlinable
    func successors(_ w: World, _ budget: Budget, sleep: SleepSet, seen: FingerprintSet,
                    scratch: inout Void) -> [Successor<World>] {
        moves(w, budget).compactMap { action in
            guard let next = performed(action, on: w) else { return nil }
            let spent = budget.after(action)
            let print = fingerprint(next, spent)
            return (action, seen.contains(print) ? nil : next, spent, print, [])
        }
    }

    @inlinable
    var reduces: Bool { false }

    @inlinable
    func makeScratch() {}

    /// On a copy of `w`.
    @inlinable
    func visit(_ action: StepAction, on w: inout World, _ body: (inout World) -> Void) {
        guard var next = performed(action, on: w) else {
            preconditionFailure("choice \(action) worked once and failed on the walk")
        }
        body(&next)
    }
}

/// Full simulations: every step records its trace, as a session does.
@usableFromInline
struct FullSpace<P: NodeProtocol>: ExploreSpace {
    @usableFromInline typealias Scratch = Void
    @usableFromInline
    let start: Simulation<P>
    /// The renamings of node symmetry (just the identity without).
    @usableFromInline
    let renamings: Renamings
    @usableFromInline
    let timerNames = P.descriptor.timers
    // A simulation keeps tens of kilobytes of its own (docs/EXPLORER.md).
    @usableFromInline static var frontierKept: Int { 1_024 }

    @inlinable
    func moves(_ sim: Simulation<P>, _ budget: Budget) -> [StepAction] {
        let world = sim.world
        let flying = world.inflight.keys.sorted().filter { world.inflight[$0]?.lost == false }
        let timer = sim.proto.primaryTimer
        let timerSet = world.timers.map { slots in slots.contains { $0.name == timer && $0.due != nil } }
        return Explorer.moves(flying: flying, timerSet: timerSet, crashed: world.crashed, budget)
    }

    @inlinable
    func performed(_ action: StepAction, on sim: Simulation<P>) -> Simulation<P>? {
        var next = sim
        guard (try? next.perform(action)) != nil else { return nil }
        return next
    }

    @inlinable
    func fingerprint(_ sim: Simulation<P>, _ budget: Budget) -> Int {
        var world = LeanWorld(projecting: sim, timerNames: timerNames, renamings: renamings)
        return Fingerprint.of(&world, budget, renamings: renamings, proto: sim.proto)
    }

    @inlinable
    func violated(_ sim: Simulation<P>) -> [String] { sim.world.violated }
}

/// The lean engine's worlds: the same moves with nothing recorded. The
/// search keeps them packed (`PackedWorld`) and steps each thread's one
/// working world (`LeanScratch`), so a new world costs one small array.
@usableFromInline
struct LeanSpace<P: NodeProtocol>: ExploreSpace {
    @usableFromInline
    let engine: LeanEngine<P>
    @usableFromInline
    let table: WorldTable<P>
    @usableFromInline
    let start: PackedWorld
    // A packed world is about a hundred bytes.
    @usableFromInline static var frontierKept: Int { 1 << 20 }

    /// Sleep sets are on: asked for, no node symmetry (two worlds that share
    /// a fingerprint may then be renamings of each other, whose moves do not
    /// correspond), and the protocol's steps at different nodes commute.
    @usableFromInline
    let reduces: Bool

    @usableFromInline
    init(_ engine: LeanEngine<P>, from sim: Simulation<P>, reducing: Bool) {
        self.engine = engine
        table = WorldTable(engine, template: engine.world(sim))
        start = table.pack(table.template)
        reduces = reducing && !engine.renamings.symmetric && engine.checks.stepsCommute
    }

    @inlinable
    func makeScratch() -> LeanScratch<P> { table.scratch() }

    /// The world `p` names, on its own (for goals and tests).
    @inlinable
    func unpacked(_ p: PackedWorld) -> LeanWorld<P> { table.unpacked(p) }

    @inlinable
    func moves(_ p: PackedWorld, _ budget: Budget) -> [StepAction] { moves(unpacked(p), budget) }

    /// `Explorer.moves`, in its order, read off the world in place: building
    /// its arrays of ids and flags was a third of the cost at every world
    /// (measured). LeanEngineTests checks after every step of its walks that
    /// these are the moves `FullSpace` finds through `Explorer.moves`.
    @inlinable
    func moves(_ w: LeanWorld<P>, _ budget: Budget) -> [StepAction] {
        let nodes = w.states.indices, timers = !engine.timerNames.isEmpty
        var out: [StepAction] = []
        // Flights read in place (a flight taken as a value is copied, its payload retained).
        w.flights.withUnsafeBufferPointer { flights in
            out.reserveCapacity(3 * flights.count + 3 * nodes.count)
            let flying = flights.indices.lazy.filter { !flights[$0].lost }.map { Int(flights[$0].id) }
            for id in flying { out.append(.deliverNow(id)) }
            for i in nodes where !w.crashed[i] && timers && w.primaryTimerSet(i) { out.append(.fireTimeout(NodeID(i))) }
            if budget.drops > 0 { for id in flying { out.append(.drop(id)) } }
            if budget.duplicates > 0 { for id in flying { out.append(.duplicate(id)) } }
        }
        if budget.crashes > 0 { for i in nodes where !w.crashed[i] { out.append(.crash(NodeID(i))) } }
        for i in nodes where w.crashed[i] { out.append(.restart(NodeID(i))) }
        if budget.partitions > 0 { for i in nodes { out.append(.partition([[NodeID(i)]])) } }
        return out
    }

    @inlinable
    func performed(_ action: StepAction, on p: PackedWorld) -> PackedWorld? {
        var next = unpacked(p)
        return engine.perform(action, &next) ? table.pack(next) : nil
    }

    @inlinable
    func fingerprint(_ p: PackedWorld, _ budget: Budget) -> Int {
        var world = unpacked(p)
        return Fingerprint.of(&world, budget, renamings: engine.renamings, proto: engine.proto)
    }

    @inlinable
    func violated(_ p: PackedWorld) -> [String] { table.violated(p) }

    /// Each move performed on the thread's working world (`scratch`, made
    /// `parent` first) and reverted; a successor not in `seen` is packed.
    /// Why: most successors are known worlds, and a new one costs one array.
    ///
    /// With sleep sets (`reduces`), a move in `sleep` is not taken: its
    /// world is reached by another order. A successor's sleep set is what
    /// was asleep here or taken here before its move, independent of it.
    @inlinable
    func successors(_ parent: PackedWorld, _ budget: Budget, sleep: SleepSet, seen: FingerprintSet,
                    scratch s: inout LeanScratch<P>) -> [Successor<PackedWorld>] {
        table.unpack(parent, into: &s)
        let moves = moves(s.world, budget)
        var out: [Successor<PackedWorld>] = []
        out.reserveCapacity(moves.count)
        // Far below the in-flight limit, so no send is refused in either order of two moves.
        let reducing = reduces && s.world.flights.count * 4 < engine.inFlightMax
        var done: SleepSet = reducing ? sleep : []
        if reducing { done.reserveCapacity(sleep.count + moves.count) }
        for action in moves {
            let move = reducing ? sleepMove(action, s.world) : nil
            if let move, sleep.contains(move) { continue }
            var undo = LeanUndo(s.world)
            guard engine.apply(action, &s.world, &undo) else { continue }
            let spent = budget.after(action)
            // The working world keeps the renamed hashes it learns (they stay true after a revert).
            let print = Fingerprint.of(&s.world, spent, renamings: engine.renamings, proto: engine.proto)
            let asleep = move.map { m in done.kept { SleepMove.independent($0, m) } } ?? []
            if let move { done.append(move) }
            let next = seen.contains(print) ? nil : table.pack(s.world, after: undo, from: parent)
            out.append((action, next, spent, print, asleep))
            engine.revert(&s.world, &undo)
        }
        return out
    }

    /// `action` in `w` as sleep sets name it.
    @inlinable
    func sleepMove(_ action: StepAction, _ w: LeanWorld<P>) -> SleepMove {
        let kind: SleepMove.Kind, id: MessageID
        switch action {
        case .deliverNow(let m): (kind, id) = (.deliver, m)
        case .drop(let m): (kind, id) = (.drop, m)
        case .duplicate(let m): (kind, id) = (.duplicate, m)
        case .fireTimeout(let node): return SleepMove(kind: .timer, node: node.index, message: 0)
        default: return SleepMove(kind: .global, node: -1, message: 0)
        }
        // A move is offered only for a flight in the world; `| 1`: 0 means no message.
        let f = w.flight(id)!
        return SleepMove(kind: kind, node: kind == .deliver ? Int(f.to) : -1, message: f.hash | 1)
    }
}
