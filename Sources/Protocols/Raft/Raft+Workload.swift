import Sim

extension Raft {
    /// The reference engine workload (issue 7's budget: ≥ 1M events/s).
    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes, 1% loss", eventCounts: [10_000, 100_000, 1_000_000]) { events in
            benchmarkTimeline(events: events).sim.eventCount
        }
    }

    /// Raft on 5 nodes with heartbeats and 1 % loss: a client request every
    /// 20 steps to whoever leads, until `events` events (or `steps` steps),
    /// with the trace recorded and the timeline taking its step-back
    /// snapshots, as a session does.
    public static func benchmarkTimeline(events: Int, steps: Int = .max) -> Timeline<Raft> {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let options = try! ProtocolOptions(descriptor.options, given: [], cluster: cluster, protocolID: id)
        let proto = try! Raft(cluster: cluster, options: options)
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 7, lossPerMillion: 10_000)))
        try! timeline.perform(.fireTimeout(NodeID(0)))
        var n = 0
        while timeline.sim.eventCount < events && timeline.lastStep < steps {
            n += 1
            if n % 20 == 0, let leader = timeline.sim.world.states.indices.first(where: {
                timeline.sim.world.states[$0].currentRole == .leader && !timeline.sim.world.crashed[$0] }) {
                try! timeline.perform(.request(NodeID(leader), CommonRequests.propose(.text("v\(n)"))))
            } else {
                guard (try? timeline.perform(.next)) != nil else { break }
            }
        }
        return timeline
    }
}
