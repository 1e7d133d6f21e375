import Scenario
import Sim

public enum History {
    /// Lamport clocks on 9 nodes: sends between random pairs, stepped, until
    /// the trace holds `events` events.
    public static func nineNodes(events: Int) -> PlaySession {
        var session = try! PlaySession(clusterLine: "cluster lamport nodes=9 seed=3 latency=1..6")
        var rng = SeededGenerator(seed: 5)
        let names = (0..<9).map { String(UnicodeScalar(UInt8(65 + $0))) }
        while session.core.eventCount < events {
            let a = rng.draw(0...8), b = (a + rng.draw(1...8)) % 9
            _ = session.run(text: "send \(names[a]) \(names[b])")
            _ = session.run(text: "step")
        }
        return session
    }
}
