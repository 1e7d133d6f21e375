import Sim

extension Paxos {
    /// Paxos on 5 nodes, two dueling proposers and 1 % loss. Single-decree
    /// Paxos decides once and goes quiet, so this runs instance after
    /// instance (seed by seed), each from both proposers' first Prepare to
    /// the decision, and counts all their events. Memory stays that of one
    /// instance.
    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes", memoryGrowsWithRun: false) { events in
            var total = 0
            var seed: UInt64 = 1
            while total < events {
                total += benchmarkInstance(seed: seed).sim.eventCount
                seed += 1
            }
            return total
        }
    }

    public static func benchmarkInstance(seed: UInt64) -> Timeline<Paxos> {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let options = try! ProtocolOptions(descriptor.options, given: [("proposers", "A,B")], cluster: cluster,
                                           protocolID: id)
        let proto = try! Paxos(cluster: cluster, options: options)
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: seed, lossPerMillion: 10_000)))
        try! timeline.perform(.request(NodeID(0), CommonRequests.propose(.text("x"))))
        try! timeline.perform(.request(NodeID(1), CommonRequests.propose(.text("y"))))
        // Bounded: retries stop once a value is decided and every message
        // has arrived; the cap only guards against a livelock.
        for _ in 0..<100_000 {
            guard (try? timeline.perform(.next)) != nil else { break }
        }
        return timeline
    }
}
