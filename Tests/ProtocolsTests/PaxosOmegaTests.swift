import Scenario
import Testing

/// seed 004 §3.3 and Figure 9: with weak leader election on a stable
/// network, concurrent proposers do not duel. The bound printed here is the
/// one the issue note states.
@Suite struct PaxosOmegaTests {
    /// Steps from three simultaneous proposals to the first decision, with
    /// no fault, over 200 seeds and two latencies.
    static func stepsToDecide(seed: UInt64, latency: String) -> (steps: Int, ticks: Int, aborts: Int, value: String)? {
        let text = """
            cluster paxos nodes=5 seed=\(seed) latency=\(latency) leader=omega
            propose A x
            propose C y
            propose E z
            run until decided max=400
            """
        let outcome = ScenarioRunner.run(file: "omega.baton", text: text)
        guard outcome.exitCode == 0, let core = outcome.session?.core, core.violated.isEmpty else { return nil }
        let aborts = (0..<core.eventCount).filter { core.event($0).text?.contains("aborted") == true }.count
        let decided = Query.variable(core, core.cluster.node(named: "A")!, "decided")?.rendered ?? "none"
        return (core.step, core.time, aborts, decided)
    }

    @Test func threeProposersDecideWithinABoundWithoutADuel() {
        var worstSteps = 0, worstTicks = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            for latency in ["1..3", "1..10"] {
                let run = Self.stepsToDecide(seed: seed, latency: latency)
                #expect(run != nil, "seed \(seed) latency \(latency) did not decide in 400 steps")
                guard let run else { continue }
                // Everyone elects A: only A proposes, nothing is aborted, A's value wins.
                #expect(run.aborts == 0 && run.value == "x", "seed \(seed) latency \(latency): \(run)")
                worstSteps = max(worstSteps, run.steps)
                worstTicks = max(worstTicks, run.ticks)
            }
        }
        // Phase 1 and phase 2 take two message delays each (4 × 10 ticks at
        // the slow latency); a phase slower than A's retry timer (15..25
        // ticks) is started again by A with its next round, never by a rival.
        #expect(worstTicks <= 50)
        print("leader=omega, 5 nodes, 3 proposers, no faults: no abort, decided within \(worstTicks) ticks "
              + "and \(worstSteps) steps (200 seeds × latency 1..3 and 1..10)")
    }

    /// Without Ω, the same three proposers can duel: some seed takes more
    /// than one ballot (the property above is not trivially true).
    @Test func withoutOmegaTheSameProposersDuel() {
        var retried = false
        for seed in 1...50 as ClosedRange<UInt64> where !retried {
            let text = """
                cluster paxos nodes=5 seed=\(seed) proposers=A,C,E retry=1..6
                propose A x
                propose C y
                propose E z
                run until decided max=2000
                """
            let core = ScenarioRunner.run(file: "duel.baton", text: text).session?.core
            retried = core.map { c in (0..<c.eventCount).contains { c.event($0).text?.contains("aborted") == true } } ?? false
        }
        #expect(retried)
    }
}
