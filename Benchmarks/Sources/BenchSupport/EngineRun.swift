import Protocols
import Sim

public enum EngineRun {
    /// Drive the engine directly (no parsing): Raft on 5 nodes, a client
    /// request every 20 steps to whoever leads, until `events` events.
    public static func raft(events: Int) -> Int { raftTimeline(events: events).sim.eventCount }

    public static func raftTimeline(events: Int) -> Timeline<Raft> {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let proto = try! Raft(cluster: cluster, options: [])
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 7, lossPerMillion: 10_000)))
        try! timeline.perform(.fireTimeout(NodeID(0)))
        var n = 0
        while timeline.sim.eventCount < events {
            n += 1
            if n % 20 == 0, let leader = timeline.sim.world.states.indices.first(where: {
                timeline.sim.world.states[$0].currentRole == .leader && !timeline.sim.world.crashed[$0] }) {
                try! timeline.perform(.request(NodeID(leader), .propose(value: "v\(n)")))
            } else {
                guard (try? timeline.perform(.next)) != nil else { break }
            }
        }
        return timeline
    }
}

