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
    /// Stopped by `statesMax` (or a stop asked from outside) before the depth bound.
    public var cut = false
}

/// Breadth-first search over every choice the engine allows from a world:
/// deliver any message in flight now, fire any live node's timer now, and
/// faults within the budgets (drop, duplicate, crash and restart, isolate a
/// node). Equal worlds (`WorldKey`, with the budgets left) are expanded once.
/// Time does not pass by itself: a timer may fire at any moment, which is
/// every schedule an asynchronous system allows (docs/EXPLORER.md).
public enum Explorer {
    // Often enough that a stop (Esc, Ctrl-C) is heard within a few milliseconds.
    static let progressEvery = 512

    /// `goal`: checked on every new world, and then only it stops the
    /// search; nil searches for a violation.
    /// `progress` hears (states, depth) every `progressEvery` new states and
    /// may stop the search (the caller keeps the time: the engine reads no clock).
    public static func run<P: NodeProtocol>(_ start: Simulation<P>, _ options: ExploreOptions,
                                            goal: ((Simulation<P>) -> Bool)?,
                                            progress: (Int, Int) -> Bool = { _, _ in true }) -> ExploreResult {
        var result = ExploreResult()
        let violatedAtStart = Set(start.world.violated)
        var visited: Set<Visit<P>> = [Visit(start, Budget(options))]
        // The path to each node of the search tree: parent index and action.
        var tree: [(parent: Int, action: StepAction)] = [(-1, .next)]
        var frontier: [(sim: Simulation<P>, budget: Budget, node: Int)] = [(start, Budget(options), 0)]
        result.states = 1
        depthLoop: for depth in 1...max(1, options.depthMax) {
            let expanded = expand(frontier, options)
            var next: [(sim: Simulation<P>, budget: Budget, node: Int)] = []
            for (parentIndex, successors) in expanded.enumerated() {
                for (action, sim, budget) in successors {
                    result.transitions += 1
                    guard visited.insert(Visit(sim, budget)).inserted else { continue }
                    tree.append((frontier[parentIndex].node, action))
                    result.states += 1
                    result.depthReached = depth
                    // With a goal only the goal stops the search (it may be a
                    // violation that follows another: `violations=a,b`).
                    let newly = sim.world.violated.filter { !violatedAtStart.contains($0) }
                    if let goal {
                        if goal(sim) { result.found = .goal(violations: newly) }
                    } else if !newly.isEmpty {
                        result.found = .violation(newly)
                    }
                    if result.found != nil {
                        result.path = path(to: tree.count - 1, tree)
                        break depthLoop
                    }
                    next.append((sim, budget, tree.count - 1))
                    if result.states >= options.statesMax {
                        result.cut = true
                        break depthLoop
                    }
                    if result.states % progressEvery == 0 && !progress(result.states, depth) {
                        result.cut = true
                        break depthLoop
                    }
                }
            }
            frontier = next
            if frontier.isEmpty { break }
        }
        return result
    }

    /// Each frontier world's successors, in a fixed order; with `jobs` > 1
    /// the worlds are split among threads, and the result is the same.
    static func expand<P: NodeProtocol>(_ frontier: [(sim: Simulation<P>, budget: Budget, node: Int)],
                                        _ options: ExploreOptions) -> [[(StepAction, Simulation<P>, Budget)]] {
        guard options.jobs > 1, frontier.count > 64 else { return frontier.map { successors($0.sim, $0.budget) } }
        let box = Results<[(StepAction, Simulation<P>, Budget)]>(count: frontier.count)
        let chunks = min(options.jobs * 4, frontier.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var i = chunk
            // Bounded by the frontier: each iteration takes every chunks-th world.
            while i < frontier.count {
                box.set(i, successors(frontier[i].sim, frontier[i].budget))
                i += chunks
            }
        }
        return box.collected
    }

    /// Every action allowed from `sim` with `budget`, performed.
    static func successors<P: NodeProtocol>(_ sim: Simulation<P>, _ budget: Budget) -> [(StepAction, Simulation<P>, Budget)] {
        var out: [(StepAction, Simulation<P>, Budget)] = []
        func attempt(_ action: StepAction, _ spent: Budget) {
            var copy = sim
            guard (try? copy.perform(action)) != nil else { return }
            out.append((action, copy, spent))
        }
        let world = sim.world
        let live = sim.cluster.nodes.filter { !world.crashed[$0.index] }
        let flying = world.inflight.keys.sorted().filter { world.inflight[$0]?.lost == false }
        for id in flying { attempt(.deliverNow(id), budget) }
        if let timer = sim.proto.primaryTimer {
            for node in live where world.timers[node.index].contains(where: { $0.name == timer && $0.due != nil }) {
                attempt(.fireTimeout(node), budget)
            }
        }
        if budget.drops > 0 { for id in flying { attempt(.drop(id), budget.spending(\.drops)) } }
        if budget.duplicates > 0 { for id in flying { attempt(.duplicate(id), budget.spending(\.duplicates)) } }
        if budget.crashes > 0 { for node in live { attempt(.crash(node), budget.spending(\.crashes)) } }
        // A restart is free: the crash it undoes was paid for.
        for node in sim.cluster.nodes where world.crashed[node.index] { attempt(.restart(node), budget) }
        if budget.partitions > 0 {
            for node in sim.cluster.nodes { attempt(.partition([[node]]), budget.spending(\.partitions)) }
        }
        return out
    }

    static func path(to node: Int, _ tree: [(parent: Int, action: StepAction)]) -> [StepAction] {
        var actions: [StepAction] = []
        var at = node
        // Bounded by the depth: each turn moves to the parent.
        while at > 0 {
            actions.append(tree[at].action)
            at = tree[at].parent
        }
        return actions.reversed()
    }
}

/// Faults left on a path: part of what decides its futures.
struct Budget: Hashable, Sendable {
    var drops, duplicates, crashes, partitions: Int

    init(_ o: ExploreOptions) {
        drops = o.drops
        duplicates = o.duplicates
        crashes = o.crashes
        partitions = o.partitions
    }

    func spending(_ key: WritableKeyPath<Budget, Int>) -> Budget {
        var b = self
        b[keyPath: key] -= 1
        return b
    }
}

/// A visited world: its key and the budget left.
struct Visit<P: NodeProtocol>: Hashable, Sendable {
    let key: WorldKey<P>
    let budget: Budget

    init(_ sim: Simulation<P>, _ budget: Budget) {
        key = WorldKey(sim)
        self.budget = budget
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
