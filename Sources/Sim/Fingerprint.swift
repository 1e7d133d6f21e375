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
/// Hash compaction, as Spin's `-DHC` does: two different worlds share a
/// fingerprint with probability about n²/2⁶⁵ for n states (3·10⁻⁸ at a
/// million), and then one of them is not explored. docs/EXPLORER.md says so.
struct Fingerprint {
    static func of<P: NodeProtocol>(_ sim: Simulation<P>, _ budget: Budget) -> Int {
        let world = sim.world
        var h = Hasher()
        h.combine(world.states)
        h.combine(world.crashed)
        h.combine(world.network)
        h.combine(world.ghost)
        h.combine(world.violated.count)
        for name in world.violated.sorted() { h.combine(name) }
        h.combine(budget)
        // Random loss is drawn at send time: then the generator decides futures.
        if world.network.lossPerMillion > 0 { h.combine(world.rng.state) }
        var flights = 0
        for (id, flight) in world.inflight {
            let m = sim.messages[id - 1]
            var f = Hasher()
            f.combine(m.from)
            f.combine(m.to)
            f.combine(m.payload)
            f.combine(flight.lost)
            flights &+= f.finalize()
        }
        h.combine(world.inflight.count)
        h.combine(flights)
        for (node, slots) in world.timers.enumerated() {
            var set = 0
            for slot in slots where slot.due != nil {
                var t = Hasher()
                t.combine(slot.name)
                set &+= t.finalize()
            }
            h.combine(node)
            h.combine(set)
        }
        return h.finalize()
    }
}
