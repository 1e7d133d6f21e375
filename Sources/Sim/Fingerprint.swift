/// The explorer's visited-set entry (issue 19): a 64-bit hash of what
/// decides the futures the explorer can reach, computed straight from the
/// world without building a `WorldKey`.
///
/// It is `WorldKey` coarsened by what the explorer never reads: due times.
/// The explorer delivers any message now and fires any set timer now
/// (`Explorer.successors`), so whether a message is due in 1 tick or 3, or a
/// timer in 5 or 9, never changes which moves exist or what they do
/// (protocols never read the clock; the determinism lint enforces it). Two
/// worlds that differ only in due times therefore reach the same
/// fingerprints, and one of them is enough. Messages in flight are a multiset
/// and set timers a set, each combined order-free (a wrapping sum of
/// per-element hashes), so the order that created them does not matter.
///
/// With node symmetry (`symmetries` not empty) the fingerprint is the least
/// over every renaming of the nodes, so worlds that differ only by which
/// node is which share it.
///
/// Hash compaction, as Spin's `-DHC` does: two different worlds share a
/// fingerprint with probability about n²/2⁶⁵ for n states (3·10⁻⁸ at a
/// million), and then one of them is not explored. docs/EXPLORER.md says so.
struct Fingerprint {
    static func of<P: NodeProtocol>(_ sim: Simulation<P>, _ budget: Budget, symmetries: [[Int]] = []) -> Int {
        guard !symmetries.isEmpty else { return hash(sim, budget, renaming: nil) }
        // Only the renamings that put the nodes in the order of their keys:
        // the keys do not depend on names, so for any renaming of this world
        // the candidates are the same worlds, and so is their least hash.
        let world = sim.world
        var keys = [Int](repeating: 0, count: world.states.count)
        for i in world.states.indices {
            var k = Hasher()
            k.combine(sim.proto.symmetryKey(world.states[i]))
            k.combine(world.crashed[i])
            keys[i] = k.finalize()
        }
        var least = Int.max
        // Bounded by the symmetries given (at most 5! = 120).
        for p in symmetries where sorts(keys, p) { least = min(least, hash(sim, budget, renaming: p)) }
        return least
    }

    /// Whether renaming `p` places the nodes in non-decreasing key order.
    private static func sorts(_ keys: [Int], _ p: [Int]) -> Bool {
        for i in keys.indices {
            for j in keys.indices where keys[i] < keys[j] && p[i] > p[j] { return false }
        }
        return true
    }

    /// Every renaming of `n` nodes (identity first), or none past `nodesMax`
    /// nodes, where n! renamings would cost more than they save.
    static func symmetries(nodes n: Int, nodesMax: Int = 5) -> [[Int]] {
        guard n >= 2, n <= nodesMax else { return [] }
        var out: [[Int]] = [Array(0..<n)]
        // Heap's algorithm would do; n ≤ 5 keeps this simple one small.
        func extend(_ prefix: [Int]) {
            guard prefix.count < n else {
                if prefix != Array(0..<n) { out.append(prefix) }
                return
            }
            for i in 0..<n where !prefix.contains(i) { extend(prefix + [i]) }
        }
        extend([])
        return out
    }

    /// `renaming`: node i is hashed as node renaming[i].
    private static func hash<P: NodeProtocol>(_ sim: Simulation<P>, _ budget: Budget, renaming p: [Int]?) -> Int {
        let world = sim.world, proto = sim.proto
        var h = Hasher()
        if let p {
            var states = world.states, crashed = world.crashed
            for i in world.states.indices {
                states[p[i]] = proto.permuted(world.states[i], by: p)
                crashed[p[i]] = world.crashed[i]
            }
            h.combine(states)
            h.combine(crashed)
            h.combine(world.network.permuted(by: p))
            h.combine(proto.permuted(world.ghost, by: p))
        } else {
            h.combine(world.states)
            h.combine(world.crashed)
            h.combine(world.network)
            h.combine(world.ghost)
        }
        h.combine(world.violated.count)
        for name in world.violated.sorted() { h.combine(name) }
        h.combine(budget)
        // Random loss is drawn at send time: then the generator decides futures.
        if world.network.lossPerMillion > 0 { h.combine(world.rng.state) }
        var flights = 0
        for (id, flight) in world.inflight {
            let m = sim.messages[id - 1]
            var f = Hasher()
            f.combine(p.map { $0[m.from.index] } ?? m.from.index)
            f.combine(p.map { $0[m.to.index] } ?? m.to.index)
            if let p { f.combine(proto.permuted(m.payload, by: p)) } else { f.combine(m.payload) }
            f.combine(flight.lost)
            flights &+= f.finalize()
        }
        h.combine(world.inflight.count)
        h.combine(flights)
        var timers = Array(repeating: 0, count: world.timers.count)
        for (node, slots) in world.timers.enumerated() {
            var set = 0
            for slot in slots where slot.due != nil {
                var t = Hasher()
                t.combine(slot.name)
                set &+= t.finalize()
            }
            timers[p?[node] ?? node] = set
        }
        h.combine(timers)
        return h.finalize()
    }
}
