import Foundation

/// What `baton explore` may do besides delivering and firing timers, and
/// how far it searches (issue 19). Budgets count faults on one path.
public struct ExploreOptions: Sendable {
    public var depthMax = 12
    public var statesMax = 1_000_000
    public var drops = 0
    public var duplicates = 0
    public var crashes = 0
    public var partitions = 0
    public var jobs = 1
    /// Count worlds that differ only by a renaming of the nodes once, when
    /// the protocol declares its nodes symmetric and no goal is sought (a
    /// goal may name a node: `leader=A`).
    public var symmetry = true
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
/// Memory: the search keeps the tree of choices (`SearchTree`, a few dozen
/// bytes a state) and the fingerprints, never a frontier of worlds. Each
/// depth rebuilds its frontier's worlds by walking the tree from the start
/// depth-first (one world per level of the walk), and expands them in
/// batches of `batchSize`. Why: a whole `Simulation` is tens of kilobytes,
/// so a frontier of worlds ran out of memory past depth 7 for Raft.
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
        // The search object lives only for this call.
        withoutActuallyEscaping(progress) { progress in
            let symmetric = goal == nil && options.symmetry && P.descriptor.symmetricNodes
            let search = Search(start, options, goal: goal, progress: progress,
                                symmetries: symmetric ? Fingerprint.symmetries(nodes: start.cluster.count) : [])
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
    /// are split among threads, and the result is the same.
    static func expand<P: NodeProtocol>(_ batch: [(node: Int, sim: Simulation<P>, budget: Budget)],
                                        _ options: ExploreOptions, symmetries: [[Int]]) -> [[Successor<P>]] {
        guard options.jobs > 1, batch.count > 64 else {
            return batch.map { successors($0.sim, $0.budget, symmetries: symmetries) }
        }
        let box = Results<[Successor<P>]>(count: batch.count)
        let chunks = min(options.jobs * 4, batch.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var i = chunk
            // Bounded by the batch: each iteration takes every chunks-th world.
            while i < batch.count {
                box.set(i, successors(batch[i].sim, batch[i].budget, symmetries: symmetries))
                i += chunks
            }
        }
        return box.collected
    }

    /// Every action allowed from `sim` with `budget`, performed.
    static func successors<P: NodeProtocol>(_ sim: Simulation<P>, _ budget: Budget,
                                            symmetries: [[Int]] = []) -> [Successor<P>] {
        var out: [Successor<P>] = []
        func attempt(_ action: StepAction) {
            var copy = sim
            guard (try? copy.perform(action)) != nil else { return }
            let spent = budget.after(action)
            // Hashed here, on the worker thread with --jobs.
            out.append((action, copy, spent, Fingerprint.of(copy, spent, symmetries: symmetries)))
        }
        let world = sim.world
        let live = sim.cluster.nodes.filter { !world.crashed[$0.index] }
        let flying = world.inflight.keys.sorted().filter { world.inflight[$0]?.lost == false }
        for id in flying { attempt(.deliverNow(id)) }
        if let timer = sim.proto.primaryTimer {
            for node in live where world.timers[node.index].contains(where: { $0.name == timer && $0.due != nil }) {
                attempt(.fireTimeout(node))
            }
        }
        if budget.drops > 0 { for id in flying { attempt(.drop(id)) } }
        if budget.duplicates > 0 { for id in flying { attempt(.duplicate(id)) } }
        if budget.crashes > 0 { for node in live { attempt(.crash(node)) } }
        // A restart is free: the crash it undoes was paid for.
        for node in sim.cluster.nodes where world.crashed[node.index] { attempt(.restart(node)) }
        if budget.partitions > 0 {
            for node in sim.cluster.nodes { attempt(.partition([[node]])) }
        }
        return out
    }
}

/// A move, the world it leads to, the budget left there and its fingerprint.
typealias Successor<P: NodeProtocol> = (StepAction, Simulation<P>, Budget, Int)

/// Faults left on a path: part of what decides its futures.
struct Budget: Hashable, Sendable {
    var drops, duplicates, crashes, partitions: Int

    init(_ o: ExploreOptions) {
        drops = o.drops
        duplicates = o.duplicates
        crashes = o.crashes
        partitions = o.partitions
    }

    /// The budget left after `action`: a fault spends one of its kind; the
    /// rest (deliveries, timers, restarts) are free.
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
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }

    var collected: [T] { lock.withLock { slots.map { $0! } } }
}
