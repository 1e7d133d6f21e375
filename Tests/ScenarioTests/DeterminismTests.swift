import Export
import Scenario
import Testing
import TestSupport

/// One seed derives everything (DESIGN.md §1.2). Per protocol, the
/// conformance suite runs 200 random fault schedules twice each.
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
}
