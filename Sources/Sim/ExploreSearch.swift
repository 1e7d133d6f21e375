/// The choices a search has made, as a tree: node 0 is the start world and
/// every other node is one action from its parent. A level is expanded in
/// node order and each node's children are added together, so a node's
/// children are one contiguous range and the tree is walked down by ranges.
/// About 40 bytes a node (an action and three 32-bit links).
///
/// `@exclusivity(unchecked)` here and in `Search`: only the search's own
/// thread touches these (`--jobs` threads get the batch and the visited set
/// as values), and the dynamic checks of every access were a tenth of what
/// adding a node cost (measured).
final class SearchTree {
    @exclusivity(unchecked) var parent: [Int32] = [-1]
    @exclusivity(unchecked) var action: [StepAction] = [.next]
    @exclusivity(unchecked) var firstChild: [Int32] = [0]
    @exclusivity(unchecked) var childCount: [Int32] = [0]
    /// `levelStart[d]`: the first node at depth d (a level ends where the next begins).
    @exclusivity(unchecked) var levelStart = [0]

    var count: Int { parent.count }

    func count(atDepth d: Int) -> Int {
        guard d < levelStart.count else { return 0 }
        return (d + 1 < levelStart.count ? levelStart[d + 1] : count) - levelStart[d]
    }

    /// Nodes added from now on are one level deeper.
    func beginLevel() { levelStart.append(count) }

    /// `node`'s children are the nodes added next, until another node's begin.
    func beginChildren(of node: Int) {
        firstChild[node] = Int32(count)
        childCount[node] = 0
    }

    func add(_ step: StepAction, parent p: Int) -> Int {
        precondition(Int(firstChild[p] + childCount[p]) == count, "children must be added together")
        precondition(count < Int(Int32.max), "search tree full")
        parent.append(Int32(p))
        action.append(step)
        firstChild.append(0)
        childCount.append(0)
        childCount[p] += 1
        return count - 1
    }

    func children(of node: Int) -> Range<Int> {
        Int(firstChild[node])..<Int(firstChild[node] + childCount[node])
    }

    /// The actions from the start to `node`.
    func path(to node: Int) -> [StepAction] {
        var actions: [StepAction] = []
        var at = node
        // Bounded by the depth: each turn moves to the parent.
        while at > 0 {
            actions.append(action[at])
            at = Int(parent[at])
        }
        return actions.reversed()
    }
}

/// One breadth-first search (see `Explorer`): the tree, the fingerprints
/// seen, the batch of frontier worlds waiting to be expanded, the result.
final class Search<S: ExploreSpace> {
    let space: S
    let options: ExploreOptions
    let goal: ((S.World) -> Bool)?
    let progress: (Int, Int) -> Bool
    let tree = SearchTree()
    @exclusivity(unchecked) var visited: FingerprintSet
    let violatedAtStart: Set<String>
    @exclusivity(unchecked) var batch: [Frontier<S.World>] = []
    /// The worlds of the level being added, kept while there are at most
    /// `S.frontierKept` of them (nil past that): the next level then starts
    /// from them instead of walking the tree again.
    @exclusivity(unchecked) var kept: [(node: Int, world: S.World, budget: Budget, print: Int)]? = []
    /// With sleep sets: the sleep set of each world of the level being
    /// added (by fingerprint), met on every path to it in this level; and
    /// those of the level being expanded. Only worlds new in a level are
    /// here: a world met again in a later level was expanded already.
    @exclusivity(unchecked) var sleepAdded: [Int: SleepSet] = [:]
    @exclusivity(unchecked) var sleepExpanded: [Int: SleepSet] = [:]
    @exclusivity(unchecked) var result = ExploreResult()
    @exclusivity(unchecked) var stopped = false

    /// The renamings of the nodes fingerprints are taken over (empty: none).
    let symmetries: [[Int]]

    init(_ space: S, _ options: ExploreOptions, goal: ((S.World) -> Bool)?,
         progress: @escaping (Int, Int) -> Bool, symmetries: [[Int]]) {
        self.space = space
        self.options = options
        self.goal = goal
        self.progress = progress
        self.symmetries = symmetries
        let print = space.fingerprint(space.start, Budget(options))
        visited = FingerprintSet([print])
        kept = [(0, space.start, Budget(options), print)]
        violatedAtStart = Set(space.violated(space.start))
        result.states = 1
        result.renamings = symmetries.count
    }

    /// Add the worlds at `depth`: take those at depth − 1 as kept, or
    /// rebuild them by walking the tree from the start, and expand them
    /// batch by batch.
    func expandLevel(to depth: Int) {
        tree.beginLevel()
        let frontier = kept
        kept = []
        sleepExpanded = sleepAdded
        sleepAdded = [:]
        if let frontier {
            // Bounded by the level kept: each turn takes one world.
            for entry in frontier where !stopped {
                batch.append((entry.node, entry.world, entry.budget, sleep(entry.print)))
                if batch.count >= Explorer.batchSize { flush(depth) }
            }
        } else {
            var world = space.start
            walk(0, &world, Budget(options), depth: 0, frontier: depth - 1)
        }
        flush(depth)
    }

    /// Depth-first down to the frontier on one world: each child is its
    /// parent's world with the child's action performed again (the engine
    /// is deterministic, so it is the world found before), then undone.
    func walk(_ node: Int, _ world: inout S.World, _ budget: Budget, depth: Int, frontier: Int) {
        guard !stopped else { return }
        if depth == frontier {
            batch.append((node, world, budget, space.reduces ? sleep(space.fingerprint(world, budget)) : []))
            if batch.count >= Explorer.batchSize { flush(frontier + 1) }
            return
        }
        for child in tree.children(of: node) {
            guard !stopped else { return }
            let step = tree.action[child]
            space.visit(step, on: &world) { next in
                walk(child, &next, budget.after(step), depth: depth + 1, frontier: frontier)
            }
        }
    }

    /// Expand the batch (on threads with --jobs), then take its successors
    /// in order: new fingerprints become nodes at `depth`.
    func flush(_ depth: Int) {
        var expanded = Explorer.expand(batch, space, options, seen: visited)
        for k in expanded.indices where !stopped {
            let parent = batch[k].node
            tree.beginChildren(of: parent)
            for j in expanded[k].indices where !stopped {
                result.transitions += 1
                // Moved out, not copied: a copy retains every array in the world.
                var world: S.World? = nil
                swap(&world, &expanded[k][j].1)
                let (action, _, budget, print, asleep) = expanded[k][j]
                // Known before this batch (no world), or found earlier in it.
                guard let world, visited.insert(print) else {
                    // Met again in this level: asleep only what is asleep on every path.
                    if let known = sleepAdded[print], !known.isEmpty { sleepAdded[print] = known.intersection(asleep) }
                    continue
                }
                // An empty sleep set is what a lookup finds for a world not there.
                if space.reduces && !asleep.isEmpty { sleepAdded[print] = asleep }
                let node = tree.add(action, parent: parent)
                result.states += 1
                result.depthReached = depth
                judge(world, node)
                keep(node, world, budget, print)
            }
        }
        batch.removeAll(keepingCapacity: true)
    }

    func keep(_ node: Int, _ world: S.World, _ budget: Budget, _ print: Int) {
        guard kept != nil else { return }
        if kept!.count < S.frontierKept { kept!.append((node, world, budget, print)) } else { kept = nil }
    }

    /// The sleep set of a world of the level being expanded, by fingerprint.
    func sleep(_ print: Int) -> SleepSet { sleepExpanded[print] ?? [] }

    /// A new world: has it found what is sought, or hit a bound?
    func judge(_ world: S.World, _ node: Int) {
        // With a goal only the goal stops the search (it may be a violation
        // that follows another: `violations=a,b`).
        let newly = space.violated(world).filter { !violatedAtStart.contains($0) }
        if let goal {
            if goal(world) { result.found = .goal(violations: newly) }
        } else if !newly.isEmpty {
            result.found = .violation(newly)
        }
        if result.found != nil {
            result.path = tree.path(to: node)
            stopped = true
        } else if result.states >= options.statesMax {
            result.stopped = .stateLimit
            stopped = true
        } else if result.states % Explorer.progressEvery == 0 && !progress(result.states, result.depthReached) {
            result.stopped = .asked
            stopped = true
        }
    }

    /// No world at the new depth has a move left that leads somewhere new.
    func exhausted() { result.exhausted = true }
}
