import Sim

/// The clock protocols' engine benchmark: on 5 nodes, a send between a
/// seeded random pair, then a step, until the trace holds `events` events,
/// with the timeline taking its step-back snapshots as a session does.
enum ClockWorkload {
    static func run<P: NodeProtocol>(_ type: P.Type, events: Int) -> Int {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let proto = try! P(cluster: cluster, options: try! ProtocolOptions(P.descriptor.options, given: [],
                                                                             cluster: cluster, protocolID: P.id))
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 3, latency: 1...6)))
        var rng = SeededGenerator(seed: 5)
        let n = cluster.count
        while timeline.sim.eventCount < events {
            let a = rng.draw(0...(n - 1)), b = (a + rng.draw(1...(n - 1))) % n
            try! timeline.perform(.request(NodeID(a), CommonRequests.send(.peer(NodeID(b)), .text("m"))))
            _ = try? timeline.perform(.next)
        }
        return timeline.sim.eventCount
    }
}
