import Sim

extension TwoPhaseCommit {
    /// Two-phase commit on 5 nodes (a coordinator, four participants), 1 %
    /// loss: transaction after transaction, each asked for once the last is
    /// decided and its messages have arrived (a lost vote ends in abort
    /// after the vote timeout). Every transaction stays in the log, so
    /// memory grows with the run.
    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes, 1% loss") { events in
            let cluster = ClusterInfo(names: ["K", "A", "B", "C", "D"])
            let proto = try! TwoPhaseCommit(cluster: cluster, options: [])
            var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 5, lossPerMillion: 10_000)))
            var n = 0
            // Bounded by the event count asked for: each turn adds events.
            while timeline.sim.eventCount < events {
                n += 1
                guard (try? timeline.perform(.request(NodeID(0), commitRequest(.text("T\(n)"))))) != nil else { break }
                for _ in 0..<10_000 {
                    guard (try? timeline.perform(.next)) != nil else { break }
                }
            }
            return timeline.sim.eventCount
        }
    }
}
