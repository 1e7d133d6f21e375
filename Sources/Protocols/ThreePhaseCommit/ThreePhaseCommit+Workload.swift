import Sim

extension ThreePhaseCommit {
    /// Three-phase commit on 5 nodes, 1 % loss: transaction after
    /// transaction, as 2PC's benchmark (a loss breaks the assumption and may
    /// split a transaction; the engine's cost is what is measured).
    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes, 1% loss") { events in
            let cluster = ClusterInfo(names: ["K", "A", "B", "C", "D"])
            let proto = try! ThreePhaseCommit(cluster: cluster, options: [])
            var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 5, lossPerMillion: 10_000)))
            var n = 0
            // Bounded by the event count asked for: each turn adds events.
            while timeline.sim.eventCount < events {
                n += 1
                guard (try? timeline.perform(.request(NodeID(0), TwoPhaseCommit.commitRequest(.text("T\(n)"))))) != nil
                else { break }
                for _ in 0..<10_000 {
                    guard (try? timeline.perform(.next)) != nil else { break }
                }
            }
            return timeline.sim.eventCount
        }
    }
}
