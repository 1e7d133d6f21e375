import Export
import Scenario
import Testing
import TestSupport

/// One seed derives everything (DESIGN.md §1.2).
@Suite struct DeterminismTests {
    static func json(_ text: String) -> (String, ScenarioRunner.Outcome) {
        let outcome = ScenarioRunner.run(file: "random.baton", text: text)
        return (outcome.session.map(JSONTrace.render) ?? "", outcome)
    }

    @Test func sameScenarioTwiceGivesByteIdenticalJSON() {
        let text = RandomScenario.script(seed: 77, protocolID: "vector", lines: 200)
        let (first, _) = Self.json(text)
        let (second, _) = Self.json(text)
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func differentSeedsGiveDifferentRuns() {
        let a = "cluster lamport nodes=3 seed=1 latency=1..9\nsend A B\nsend A C\nsend B C\nrun\n"
        let b = a.replacingOccurrences(of: "seed=1", with: "seed=2")
        #expect(Self.json(a).0 != Self.json(b).0)
    }

    /// 200 seeds × random faults: never a crash, never a violation, never
    /// an error, and each run is reproducible byte for byte.
    @Test(arguments: ["lamport", "vector", "fifo-broadcast", "causal-broadcast", "raft", "paxos"])
    func randomFaultSchedulesNeverCrash(protocolID: String) {
        var faults = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed, protocolID: protocolID)
            let (first, outcome) = Self.json(text)
            let (second, _) = Self.json(text)
            #expect(first == second, "seed \(seed) is not reproducible")
            #expect(outcome.exitCode == 0, "seed \(seed): \(outcome.errors) \(outcome.failures)")
            #expect(outcome.session?.core.violated == [], "seed \(seed)")
            faults += text.split(separator: "\n").filter {
                ["drop", "delay", "duplicate", "crash", "partition", "cut"].contains($0.split(separator: " ")[0])
            }.count
        }
        #expect(faults > 1_000)
    }
}
