import Scenario
import Testing
import TestSupport

/// For every safe protocol, at least 500 seeds of random fault schedules
/// (drops, delays, duplicates, crashes and restarts, partitions) end with
/// `violations=none`.
@Suite struct SafetyPropertyTests {
    static let safeProtocols = ["fifo-broadcast", "causal-broadcast", "raft"]

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
        #expect(deliveries > (protocolID == "raft" ? 500 : 5_000))
    }
}
