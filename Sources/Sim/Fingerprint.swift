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
        let renamings = Renamings(symmetries, nodes: sim.cluster.count)
        var world = LeanWorld(projecting: sim, timerNames: P.descriptor.timers, renamings: renamings)
        return of(&world, budget, renamings: renamings, proto: sim.proto)
    }

    /// `renamings`: those the world keeps hashes for. The world learns the
    /// renamed hashes this computes (`LeanWorld.prepare`).
    @inlinable
    static func of<P: NodeProtocol>(_ world: inout LeanWorld<P>, _ budget: Budget, renamings: Renamings,
                                    proto: P) -> Int {
        guard renamings.symmetric else { return hash(world, budget, renaming: 0, renamings) }
        // Only the renamings that put the nodes in the order of their keys:
        // the keys do not depend on names, so for any renaming of this world
        // the candidates are the same worlds, and so is their least hash.
        let keys = world.nodes.map(\.key)
        var least = Int.max
        // Bounded by the renamings (at most 5! = 120).
        for r in 0..<renamings.count where sorts(keys, renamings.all[r]) {
            if r > 0 { world.prepare(renaming: r, proto, renamings) }
            least = min(least, hash(world, budget, renaming: r, renamings))
        }
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

    /// The world as if every node i were node `p[i]` (p: renaming r, the
    /// identity for r = 0), from the hashes it keeps of its parts: a step
    /// rehashes only what it changed, so this costs a handful of words.
    @inlinable
    static func hash<P: NodeProtocol>(_ world: LeanWorld<P>, _ budget: Budget, renaming r: Int,
                                      _ renamings: Renamings) -> Int {
        var h = WordMix()
        let n = world.nodes.count, m = renamings.count - 1
        h.combine(n)
        if r == 0 {
            for slot in world.nodes { h.combine(slot.hash) }
        } else {
            let inverse = renamings.inverse[r]
            for j in 0..<n { h.combine(world.renamedNodeHashes[inverse[j] * m + r - 1]) }
        }
        h.combine(world.flights.count)
        h.combine(r == 0 ? world.flightSum : world.renamedFlightSums[r - 1])
        h.combine(r == 0 ? world.ghostBox.hash : world.renamedGhostHashes[r - 1])
        h.combine(world.networkHashes[r])
        common(world, budget, &h)
        return h.finalize()
    }

    /// What no renaming changes: broken invariants, budgets, the generator.
    @inlinable
    static func common<P: NodeProtocol>(_ world: LeanWorld<P>, _ budget: Budget, _ h: inout WordMix) {
        h.combine(world.violated.count)
        if world.violated.count > 0 { for name in world.violated.sorted() { h.combine(name.hashValue) } }
        h.combine(budget.drops)
        h.combine(budget.duplicates)
        h.combine(budget.crashes)
        h.combine(budget.partitions)
        // Random loss is drawn at send time: then the generator decides futures.
        h.combine(world.rngState == nil ? 0 : 1)
        if let rng = world.rngState { h.combine(Int(truncatingIfNeeded: rng)) }
    }
}

/// The fingerprint's combiner of words that are hashes already (each
/// part's `Hasher` value) or small counts: each word is xored in and the
/// state stirred by SplitMix64's finalizer, a bijection, so two sequences
/// that first differ at one word differ after it, and later words collide
/// them only by chance (about 2⁻⁶⁴ a pair). Why not `Hasher`: SipHash costs
/// a call and a few dozen instructions a word, and the fingerprint's dozen
/// words were a twentieth of the search (measured); the parts' own hashes
/// stay seeded SipHash.
public struct WordMix: Sendable {
    @usableFromInline var state: UInt64 = 0x243F_6A88_85A3_08D3

    @inlinable public init() {}

    @inlinable
    public static func stir(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable
    public mutating func combine(_ word: Int) {
        state = Self.stir(state ^ UInt64(bitPattern: Int64(word))) &+ 0x9E37_79B9_7F4A_7C15
    }

    @inlinable
    public func finalize() -> Int { Int(bitPattern: UInt(Self.stir(state))) }
}
