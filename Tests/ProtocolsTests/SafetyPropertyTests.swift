import Scenario
import Testing
import TestSupport

/// For every safe protocol, at least 500 seeds of random fault schedules
/// (drops, delays, duplicates, crashes and restarts, partitions) end with
/// `violations=none`.
@Suite struct SafetyPropertyTests {
    static let safeProtocols = ["fifo-broadcast", "causal-broadcast", "raft", "paxos"]

    @Test(arguments: safeProtocols)
    func fiveHundredSeedsWithoutAViolation(protocolID: String) {
        var deliveries = 0
        for seed in 1...500 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed &* 7_919, protocolID: protocolID, lines: 50)
            let outcome = ScenarioRunner.run(file: "\(protocolID)-\(seed).baton", text: text)
            #expect(outcome.exitCode == 0, "seed \(seed): \(outcome.errors) \(outcome.failures)")
            guard let core = outcome.session?.core else { continue }
            #expect(core.violated.isEmpty, "seed \(seed): \(core.violated)\n\(text)")
            deliveries += (0..<core.eventCount).filter { core.event($0).kind == .deliver }.count
        }
        // Raft commits only while a leader holds a majority, so it delivers less.
        let expected = ["raft": 500, "paxos": 500]
        #expect(deliveries > expected[protocolID, default: 5_000])
    }

    /// The same random schedules find the break in each unsafe teaching
    /// variant, so the property tests above can fail.
    @Test(arguments: [("causal-broadcast", "holdback=off", "causal-order"),
                      ("raft", "unsafe=double-vote", "election-safety"),
                      ("paxos", "unsafe=forget-promise", "agreement")])
    func unsafeVariantsAreCaught(protocolID: String, option: String, invariant: String) {
        var caught = 0
        for seed in 1...500 as ClosedRange<UInt64> where caught == 0 {
            let text = RandomScenario.script(seed: seed &* 7_919, protocolID: protocolID, lines: 50, options: option)
            let outcome = ScenarioRunner.run(file: "unsafe.baton", text: text)
            if outcome.session?.core.violated.contains(invariant) == true { caught += 1 }
        }
        #expect(caught > 0, "no schedule broke \(invariant) under \(option)")
    }
}
