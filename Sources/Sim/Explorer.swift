import Foundation

/// What `baton explore` may do besides delivering and firing timers, and
/// how far it searches (issue 19). Budgets count faults on one path.
public struct ExploreOptions: Sendable {
    public var depthMax = 12
    /// Ten million: Paxos's double decision from the start (`propose A x`,
    /// `propose B y`, a crash budget of 1) is 10 choices and 7.2 million
    /// states deep, about 80 seconds and 1.2 GB (docs/EXPLORER.md).
    public var statesMax = 10_000_000
    public var drops = 0
    public var duplicates = 0
    public var crashes = 0
    public var partitions = 0
    public var jobs = 1
    /// Count worlds that differ only by a renaming of the nodes once, when
    /// the protocol declares its nodes symmetric and no goal is sought (a
    /// goal may name a node: `leader=A`).
    public var symmetry = true
    /// Step the lean engine's compact worlds where the protocol allows it
    /// (`leanChecks`, no random loss, no goal); false: always full
    /// simulations (the same search, slower; for comparison).
    public var lean = true
    /// The goal reads only the nodes' states, crashed flags, the ghost and
    /// the invariants broken (`ExploreGoal.readsOnlyState`): it is then
    /// asked of a simulation that has just those from the lean world.
    public var goalReadsOnlyState = false
    /// Sleep sets (docs/EXPLORER.md): of two independent moves, the second
    /// order is not taken where the first was. The same states are found
    /// with fewer transitions; false takes every order (for comparison).
    public var reduction = true
    public init() {}
}

/// How a search ended: a violation or the goal on a path (the choices
/// made from the start, shortest first: breadth-first), or nothing within
/// the bounds; with the counts.
public struct ExploreResult: Sendable {
    public enum Found: Sendable, Equatable {
        case violation([String])
        /// The goal held; with the invariants broken on the way, if any.
        case goal(violations: [String])
    }
    public var found: Found? = nil
    public var path: [StepAction] = []
    public var states = 0
    public var transitions = 0
    public var depthReached = 0
    /// Why the search stopped before its depth bound, if it did.
    public enum Stop: Sendable, Equatable {
        /// `statesMax` distinct states were found.
        case stateLimit
        /// `progress` asked it to (Esc, Ctrl-C).
        case asked
    }
    public var stopped: Stop? = nil
    /// Stopped (by the state limit or from outside) before the depth bound.
    public var cut: Bool { stopped != nil }
    /// Every schedule was explored: the search ran out of moves before the
    /// depth bound (`depthReached` is then the longest schedule).
    public var exhausted = false
    /// How many renamings of the nodes each fingerprint was taken over
    /// (0: no node symmetry was used).
    public var renamings = 0
    /// The deepest level explored in full: `depthReached`, or one less when
    /// the search stopped in the middle of a level.
    public var depthComplete: Int { cut ? max(0, depthReached - 1) : depthReached }
}

/// Breadth-first search over every choice the engine allows from a world:
/// deliver any message in flight now, fire any live node's timer now, and
/// faults within the budgets (drop, duplicate, crash and restart, isolate a
/// node). Equal worlds (`Fingerprint`, with the budgets left) are expanded once.
/// Time does not pass by itself: a timer may fire at any moment, which is
/// every schedule an asynchronous system allows (docs/EXPLORER.md).
///
/// Worlds: the lean engine's compact ones (`LeanSpace`) where the protocol
/// and the goal allow, else full simulations (`FullSpace`); the same states
/// and schedules either way.
///
/// Memory: the search keeps the tree of choices (`SearchTree`, a few dozen
/// bytes a state), the fingerprints, and a level's worlds only while there
/// are few (`ExploreSpace.frontierKept`). Past that, a depth rebuilds its
/// frontier's worlds by walking the tree from the start depth-first (one
/// world per level of the walk). Either way worlds are expanded in batches
/// of `batchSize`. Why: a whole `Simulation` is tens of kilobytes, so a
/// frontier of them ran out of memory past depth 7 for Raft.
public enum Explorer {
    // Often enough that a stop (Esc, Ctrl-C) is heard within a few milliseconds.
    static let progressEvery = 512
    /// Worlds expanded together (on `jobs` threads); bounds the worlds held at once.
    static let batchSize = 256

    /// `goal`: checked on every new world, and then only it stops the
    /// search; nil searches for a violation.
    /// `progress` hears (states, depth) every `progressEvery` new states and
    /// may stop the search (the caller keeps the time: the engine reads no clock).
    public static func run<P: NodeProtocol>(_ start: Simulation<P>, _ options: ExploreOptions,
                                            goal: ((Simulation<P>) -> Bool)?,
                                            progress: (Int, Int) -> Bool = { _, _ in true }) -> ExploreResult {
        let symmetric = goal == nil && options.symmetry && P.descriptor.symmetricNodes
        let symmetries = symmetric ? Fingerprint.symmetries(nodes: start.cluster.count) : []
        // A goal is a query on a session, so it needs full simulations,
        // unless it reads only what a lean world has.
        if goal == nil || options.goalReadsOnlyState, options.lean,
           let engine = LeanEngine(start, symmetries: symmetries) {
            let space = LeanSpace(engine, from: start, reducing: options.reduction)
            return search(space, options, goal: goal.map { g in { g(start.probe(space.unpacked($0))) } },
                          symmetries: symmetries, progress: progress)
        }
        let full = FullSpace(start: start, renamings: Renamings(symmetries, nodes: start.cluster.count))
        return search(full, options, goal: goal, symmetries: symmetries, progress: progress)
    }

    static func search<S: ExploreSpace>(_ space: S, _ options: ExploreOptions, goal: ((S.World) -> Bool)?,
                                                symmetries: [[Int]], progress: (Int, Int) -> Bool) -> ExploreResult {
        // The search object lives only for this call.
        withoutActuallyEscaping(progress) { progress in
            let search = Search(space, options, goal: goal, progress: progress, symmetries: symmetries)
            // Bounded by the depth: each turn adds one level or stops.
            for depth in 1...max(1, options.depthMax) {
                search.expandLevel(to: depth)
                if search.stopped { break }
                if search.tree.count(atDepth: depth) == 0 {
                    search.exhausted()
                    break
                }
            }
            return search.result
        }
    }

    /// Each world's successors, in a fixed order; with `jobs` > 1 the worlds
    /// are split among threads, and the result is the same. A successor
    /// whose fingerprint is in `seen` (read only here) comes without its
    /// world: it is counted as a transition and dropped at once, which
    /// spares copying it around (most successors are known worlds).
    static func expand<S: ExploreSpace>(_ batch: [Frontier<S.World>], _ space: S,
                                        _ options: ExploreOptions, seen: FingerprintSet) -> [[Successor<S.World>]] {
        guard options.jobs > 1, batch.count > 64 else {
            var scratch = space.makeScratch()
            return batch.map { space.successors($0.world, $0.budget, sleep: $0.sleep, seen: seen, scratch: &scratch) }
        }
        let box = Results<[Successor<S.World>]>(count: batch.count)
        let chunks = min(options.jobs * 4, batch.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var scratch = space.makeScratch()
            var i = chunk
            // Bounded by the batch: each iteration takes every chunks-th world.
            while i < batch.count {
                box.set(i, space.successors(batch[i].world, batch[i].budget, sleep: batch[i].sleep, seen: seen,
                                            scratch: &scratch))
                i += chunks
            }
        }
        return box.collected
    }

    /// The moves the explorer tries, in this order: deliver each message in
    /// flight (`flying`, oldest first), fire each live node's set timer,
    /// then the faults the budget allows: drop, duplicate, crash, restart
    /// (free: the crash it undoes was paid for), isolate a node.
    @inlinable
    static func moves(flying: [MessageID], timerSet: [Bool], crashed: [Bool], _ budget: Budget) -> [StepAction] {
        // One array, filled in order (the search asks for moves at every world).
        let nodes = crashed.indices
        var out: [StepAction] = []
        out.reserveCapacity(3 * flying.count + 3 * nodes.count)
        for id in flying { out.append(.deliverNow(id)) }
        for i in nodes where !crashed[i] && timerSet[i] { out.append(.fireTimeout(NodeID(i))) }
        if budget.drops > 0 { for id in flying { out.append(.drop(id)) } }
        if budget.duplicates > 0 { for id in flying { out.append(.duplicate(id)) } }
        if budget.crashes > 0 { for i in nodes where !crashed[i] { out.append(.crash(NodeID(i))) } }
        for i in nodes where crashed[i] { out.append(.restart(NodeID(i))) }
        if budget.partitions > 0 { for i in nodes { out.append(.partition([[NodeID(i)]])) } }
        return out
    }
}

/// A world waiting to be expanded: its node in the search tree, the
/// budget left and the moves asleep there.
@usableFromInline
typealias Frontier<World> = (node: Int, world: World, budget: Budget, sleep: SleepSet)

/// A move, the world it leads to (nil when known), the budget left there,
/// its fingerprint and its sleep set.
@usableFromInline
typealias Successor<World> = (StepAction, World?, Budget, Int, SleepSet)

/// Faults left on a path: part of what decides its futures.
@usableFromInline
struct Budget: Hashable, Sendable {
    @usableFromInline
    var drops, duplicates, crashes, partitions: Int

    @usableFromInline
    init(_ o: ExploreOptions) {
        drops = o.drops
        duplicates = o.duplicates
        crashes = o.crashes
        partitions = o.partitions
    }

    /// The budget left after `action`: a fault spends one of its kind; the
    /// rest (deliveries, timers, restarts) are free.
    @inlinable
    func after(_ action: StepAction) -> Budget {
        var b = self
        switch action {
        case .drop: b.drops -= 1
        case .duplicate: b.duplicates -= 1
        case .crash: b.crashes -= 1
        case .partition: b.partitions -= 1
        default: break
        }
        assert(min(b.drops, b.duplicates, b.crashes, b.partitions) >= 0, "a fault beyond its budget")
        return b
    }
}

/// Slots filled by worker threads, each by one thread (a lock for Swift's sake).
final class Results<T>: @unchecked Sendable {
    let lock = NSLock()
    var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }

    var collected: [T] { lock.withLock { slots.map { $0! } } }
}
