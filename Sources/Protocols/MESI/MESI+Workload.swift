import Sim

extension MESI {
    /// A directory and four caches, no faults (MESI assumes none): each
    /// round one cache reads or writes or evicts, in a fixed pattern that
    /// exercises sharing, invalidation, recall and silent eviction.
    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "directory and 4 caches") { events in
            let cluster = ClusterInfo(names: ["D", "C1", "C2", "C3", "C4"])
            let proto = try! MESI(cluster: cluster, options: [])
            var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 5)))
            var n = 0
            // Bounded by the event count asked for: each turn adds events.
            while timeline.sim.eventCount < events {
                n += 1
                let cache = NodeID(1 + n % 4)
                let request: ClientRequest
                switch n % 7 {
                case 0, 3: request = writeRequest(.text("\(n)"))
                case 5: request = evictRequest()
                default: request = readRequest()
                }
                guard (try? timeline.perform(.request(cache, request))) != nil else { break }
                for _ in 0..<100 {
                    guard (try? timeline.perform(.next)) != nil else { break }
                }
            }
            return timeline.sim.eventCount
        }
    }
}
