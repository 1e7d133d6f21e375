import Protocols
@testable import Sim
import Testing

/// The canonical world (`WorldKey`): what the explorer's visited set keys on.
@Suite struct WorldKeyTests {
    static func deliver<P: NodeProtocol>(_ sim: Simulation<P>, _ ids: [MessageID]) throws -> Simulation<P> {
        var sim = sim
        for id in ids { try sim.perform(.deliverNow(id)) }
        return sim
    }

    /// Two independent messages delivered in either order: different traces,
    /// equal worlds, equal hashes.
    @Test func independentDeliveriesInEitherOrderGiveEqualKeys() throws {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D"])
        var sim = Simulation(proto: try LamportClock(cluster: cluster, options: []), config: EngineConfig(seed: 3))
        try sim.perform(.request(NodeID(0), .send(to: NodeID(1), label: "m1")))
        try sim.perform(.request(NodeID(2), .send(to: NodeID(3), label: "m2")))
        let one = try Self.deliver(sim, [1, 2]), other = try Self.deliver(sim, [2, 1])
        #expect(one.trace[one.eventCount - 1].node != other.trace[other.eventCount - 1].node)
        #expect(WorldKey(one) == WorldKey(other))
        #expect(WorldKey(one).hashValue == WorldKey(other).hashValue)
        // And it is not a constant: delivering only one differs.
        #expect(WorldKey(try Self.deliver(sim, [1])) != WorldKey(one))
    }

    /// Raft: A's two VoteRequests delivered in either order make B and C
    /// answer under swapped message ids; the in-flight multiset is the same.
    /// (Latency and timeouts are fixed: with ranges, the two orders draw
    /// different delays, and those worlds really do differ.)
    @Test func answersCreatedInEitherOrderGiveEqualKeys() throws {
        let cluster = ClusterInfo(names: ["A", "B", "C"])
        var sim = Simulation(proto: try Raft(cluster: cluster, options: [("election-timeout", "10")]),
                             config: EngineConfig(seed: 5, latency: 1...1))
        try sim.perform(.fireTimeout(NodeID(0)))
        let one = try Self.deliver(sim, [1, 2]), other = try Self.deliver(sim, [2, 1])
        #expect(one.message(3)?.from != other.message(3)?.from)
        #expect(WorldKey(one) == WorldKey(other))
        var seen: Set<WorldKey<Raft>> = [WorldKey(one)]
        #expect(!seen.insert(WorldKey(other)).inserted)
    }

    /// Counters and clocks are left out, the state is not: the same node
    /// state reached by different histories hashes equal, a different one not.
    @Test func paxosStateHasSynthesizedEquality() {
        var a = PaxosState(), b = PaxosState()
        #expect(a == b && a.hashValue == b.hashValue)
        a.round = 1
        #expect(a != b)
        b.round = 1
        #expect(a == b && a.hashValue == b.hashValue)
    }

    /// The explorer's fingerprint leaves out due times (it delivers and fires
    /// at any moment): two starts whose timers differ only in when they fall
    /// due are one state for it, though not for `WorldKey`; a different
    /// state or a different budget is another.
    @Test func fingerprintsIgnoreDueTimesButNotStatesOrBudgets() throws {
        let cluster = ClusterInfo(names: ["A", "B", "C"])
        func start(_ seed: UInt64) throws -> Simulation<Raft> {
            Simulation(proto: try Raft(cluster: cluster, options: []), config: EngineConfig(seed: seed))
        }
        let one = try start(1), other = try start(2)
        let budget = Budget(ExploreOptions())
        #expect(one.world.timers != other.world.timers, "the seeds draw different election timeouts")
        #expect(WorldKey(one) != WorldKey(other))
        #expect(Fingerprint.of(one, budget) == Fingerprint.of(other, budget))
        var a = one, b = one
        try a.perform(.fireTimeout(NodeID(0)))
        try b.perform(.fireTimeout(NodeID(1)))
        #expect(Fingerprint.of(a, budget) != Fingerprint.of(b, budget))
        var options = ExploreOptions()
        options.drops = 1
        #expect(Fingerprint.of(one, budget) != Fingerprint.of(one, Budget(options)))
    }

    /// Node symmetry (Raft declares it): A's election with its request to B
    /// delivered, and B's with its request to A delivered, are one world
    /// up to renaming A and B; without symmetry they are two. A world that
    /// no renaming gives (nothing delivered yet) stays apart.
    @Test func renamedWorldsShareASymmetricFingerprint() throws {
        let cluster = ClusterInfo(names: ["A", "B", "C"])
        let start = Simulation(proto: try Raft(cluster: cluster, options: []), config: EngineConfig(seed: 1))
        let budget = Budget(ExploreOptions())
        let all = Fingerprint.symmetries(nodes: 3)
        #expect(all.count == 6 && Set(all).count == 6 && all[0] == [0, 1, 2])
        var a = start, b = start, c = start
        try a.perform(.fireTimeout(NodeID(0)))
        try a.perform(.deliverNow(1))      // A→B VoteRequest
        try b.perform(.fireTimeout(NodeID(1)))
        try b.perform(.deliverNow(1))      // B→A VoteRequest
        try c.perform(.fireTimeout(NodeID(1)))
        #expect(Fingerprint.of(a, budget) != Fingerprint.of(b, budget))
        #expect(Fingerprint.of(a, budget, symmetries: all) == Fingerprint.of(b, budget, symmetries: all))
        #expect(Fingerprint.of(a, budget, symmetries: all) != Fingerprint.of(c, budget, symmetries: all))
    }
}
