import Sim

/// The broadcast protocols' engine benchmark: on 5 nodes with 1 % loss, a
/// broadcast from a seeded random node every 8 steps, stepping in between,
/// until the trace holds `events` events.
enum BroadcastWorkload {
    static func run<P: BroadcastNode>(_ type: P.Type, events: Int) -> Int {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let options = try! ProtocolOptions(P.descriptor.options, given: [], cluster: cluster, protocolID: P.id)
        let proto = try! P(cluster: cluster, options: options)
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 11)))
        var rng = SeededGenerator(seed: 5)
        var n = 0
        while timeline.sim.eventCount < events {
            n += 1
            if n % 8 == 1 {
                let node = NodeID(rng.draw(0...(cluster.count - 1)))
                try! timeline.perform(.request(node, CommonRequests.broadcast(.text("m\(n)"))))
            } else {
                _ = try? timeline.perform(.next)
            }
        }
        return timeline.sim.eventCount
    }
}
