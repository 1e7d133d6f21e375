/// The explorer's visited-set entry (issue 19): a 64-bit hash of what
/// decides the futures the explorer can reach, computed from a `LeanWorld`
/// (a full simulation is projected onto one) out of the hashes it keeps of
/// its parts, without building a `WorldKey`.
///
/// It is `WorldKey` coarsened by what the explorer never reads: due times.
/// The explorer delivers any message now and fires any set timer now
/// (`Explorer.successors`), so whether a message is due in 1 tick or 3, or a
/// timer in 5 or 9, never changes which moves exist or what they do
/// (protocols never read the clock; the determinism lint enforces it). Two
/// worlds that differ only in due times therefore reach the same
/// fingerprints, and one of them is enough. Messages in flight are a multiset,
/// combined order-free (a wrapping sum of per-message hashes), and set timers
/// a set of bits, so the order that created them does not matter.
///
/// With node symmetry (`symmetries` not empty) the fingerprint is the least
/// over every renaming of the nodes, so worlds that differ only by which
/// node is which share it.
///
/// Hash compaction, as Spin's `-DHC` does: two different worlds share a
/// fingerprint with probability about n²/2⁶⁵ for n states (3·10⁻⁸ at a
/// million), and then one of them is not explored. docs/EXPLORER.md says so.
@usableFromInline
struct Fingerprint {
    /// The fingerprint of a simulation's world (its `LeanWorld`).
    @inlinable
    static func of<P: NodeProtocol>(_ sim: Simulation<P>, _ budget: Budget, symmetries: [[Int]] = []) -> Int {
        of(LeanWorld(projecting: sim, timerNames: P.descriptor.timers), budget, proto: sim.proto, symmetries: symmetries)
    }

    @inlinable
    static func of<P: NodeProtocol>(_ world: LeanWorld<P>, _ budget: Budget, proto: P,
                                    symmetries: [[Int]] = []) -> Int {
        guard !symmetries.isEmpty else { return hash(world, budget) }
        // Only the renamings that put the nodes in the order of their keys:
        // the keys do not depend on names, so for any renaming of this world
        // the candidates are the same worlds, and so is their least hash.
        var keys = [Int](repeating: 0, count: world.states.count)
        for i in world.states.indices {
            var k = Hasher()
            k.combine(proto.symmetryKey(world.states[i]))
            k.combine(world.crashed[i])
            keys[i] = k.finalize()
        }
        var least = Int.max
        // Bounded by the symmetries given (at most 5! = 120).
        for p in symmetries where sorts(keys, p) { least = min(least, hash(world, budget, proto: proto, renaming: p)) }
        return least
    }

    /// Whether renaming `p` places the nodes in non-decreasing key order.
    @inlinable
    static func sorts(_ keys: [Int], _ p: [Int]) -> Bool {
        for i in keys.indices {
            for j in keys.indices where keys[i] < keys[j] && p[i] > p[j] { return false }
        }
        return true
    }

    /// Every renaming of `n` nodes (identity first), or none past `nodesMax`
    /// nodes, where n! renamings would cost more than they save.
    @inlinable
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

    /// From the hashes the world keeps of its parts: a step rehashes only
    /// what it changed, so this costs a handful of words.
    @inlinable
    static func hash<P: NodeProtocol>(_ world: LeanWorld<P>, _ budget: Budget) -> Int {
        var h = Hasher()
        h.combine(world.nodes.count)
        for slot in world.nodes { h.combine(slot.hash) }
        h.combine(world.flights.count)
        h.combine(world.flightSum)
        h.combine(world.ghostBox.hash)
        h.combine(world.network)
        common(world, budget, &h)
        return h.finalize()
    }

    /// The world as if every node i were node `p[i]`, hashed in full.
    @inlinable
    static func hash<P: NodeProtocol>(_ world: LeanWorld<P>, _ budget: Budget, proto: P,
                                              renaming p: [Int]) -> Int {
        var h = Hasher()
        var states = world.states, crashed = world.crashed, timers = world.nodes.map(\.timers)
        for i in world.states.indices {
            states[p[i]] = proto.permuted(world.states[i], by: p)
            crashed[p[i]] = world.crashed[i]
            timers[p[i]] = world.nodes[i].timers
        }
        h.combine(states)
        h.combine(crashed)
        h.combine(timers)
        h.combine(world.network.permuted(by: p))
        h.combine(proto.permuted(world.ghost, by: p))
        var flights = 0
        for f in world.flights {
            flights &+= LeanFlight(id: 0, from: p[Int(f.from)], to: p[Int(f.to)], payload: proto.permuted(f.payload, by: p),
                                   lost: f.lost).hash
        }
        h.combine(world.flights.count)
        h.combine(flights)
        common(world, budget, &h)
        return h.finalize()
    }

    /// What no renaming changes: broken invariants, budgets, the generator.
    @inlinable
    static func common<P: NodeProtocol>(_ world: LeanWorld<P>, _ budget: Budget, _ h: inout Hasher) {
        h.combine(world.violated.count)
        if world.violated.count > 0 { for name in world.violated.sorted() { h.combine(name) } }
        h.combine(budget)
        // Random loss is drawn at send time: then the generator decides futures.
        if let rng = world.rngState { h.combine(rng) }
    }
}
