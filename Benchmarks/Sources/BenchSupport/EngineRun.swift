import Protocols
import Sim

/// Engine workloads driven directly (no parsing), with the trace recorded and
/// the timeline taking its step-back snapshots, as a session does.
public enum EngineRun {
    public static func raft(events: Int) -> Int { raftTimeline(events: events).sim.eventCount }

    /// Raft on 5 nodes with heartbeats and 1 % loss: a client request every
    /// 20 steps to whoever leads, until `events` events (or `steps` steps).
    public static func raftTimeline(events: Int, steps: Int = .max) -> Timeline<Raft> {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let proto = try! Raft(cluster: cluster, options: [])
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 7, lossPerMillion: 10_000)))
        try! timeline.perform(.fireTimeout(NodeID(0)))
        var n = 0
        while timeline.sim.eventCount < events && timeline.lastStep < steps {
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

    /// Lamport or vector clocks on 5 nodes: a send between a seeded random
    /// pair, then a step, until `events` events.
    public static func clocks<P: NodeProtocol>(_ proto: P, events: Int) -> Int {
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 3, latency: 1...6)))
        var rng = SeededGenerator(seed: 5)
        let n = proto.cluster.count
        while timeline.sim.eventCount < events {
            let a = rng.draw(0...(n - 1)), b = (a + rng.draw(1...(n - 1))) % n
            try! timeline.perform(.request(NodeID(a), .send(to: NodeID(b), label: "m")))
            _ = try? timeline.perform(.next)
        }
        return timeline.sim.eventCount
    }

    public static func lamport(events: Int) -> Int {
        clocks(try! LamportClock(cluster: ClusterInfo(names: ["A", "B", "C", "D", "E"]), options: []), events: events)
    }

    public static func vector(events: Int) -> Int {
        clocks(try! VectorClock(cluster: ClusterInfo(names: ["A", "B", "C", "D", "E"]), options: []), events: events)
    }

    /// Paxos on 5 nodes, two dueling proposers and 1 % loss, until
    /// `events` events. Single-decree Paxos decides once and goes quiet, so
    /// this runs instance after instance (seed by seed), each from both
    /// proposers' first Prepare to the decision, and counts all their events.
    public static func paxos(events: Int) -> Int {
        var total = 0
        var seed: UInt64 = 1
        while total < events {
            total += paxosInstance(seed: seed).sim.eventCount
            seed += 1
        }
        return total
    }

    public static func paxosInstance(seed: UInt64) -> Timeline<Paxos> {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        let proto = try! Paxos(cluster: cluster, options: [("proposers", "A,B")])
        var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: seed, lossPerMillion: 10_000)))
        try! timeline.perform(.request(NodeID(0), .propose(value: "x")))
        try! timeline.perform(.request(NodeID(1), .propose(value: "y")))
        // Bounded: retries stop once a value is decided and every message
        // has arrived; the cap only guards against a livelock.
        for _ in 0..<100_000 {
            guard (try? timeline.perform(.next)) != nil else { break }
        }
        return timeline
    }
}
