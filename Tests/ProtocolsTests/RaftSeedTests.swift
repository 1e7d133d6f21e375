import Scenario
import Sim
import Testing

/// Raft details of seed 002 that the goldens alone would show for one seed.
@Suite struct RaftSeedTests {
    /// Raft (4/9): a follower forwards requests to the leader "via a FIFO
    /// link", so two requests made at one follower commit in order, whatever
    /// latencies the network draws.
    @Test func forwardedRequestsKeepTheirOrder() {
        var reordered: [UInt64] = []
        for seed in 1...100 as ClosedRange<UInt64> {
            let text = """
                cluster raft nodes=3 seed=\(seed) latency=1..20 election-timeout=200..300 heartbeat=50
                timeout A
                run until B.currentLeader=A max=30
                propose B u
                propose B v
                run max=60
                expect A.log=u@1,v@1
                """
            let outcome = ScenarioRunner.run(file: "fifo.baton", text: text)
            #expect(outcome.errors.isEmpty, "seed \(seed): \(outcome.errors)")
            if !outcome.failures.isEmpty { reordered.append(seed) }
        }
        #expect(reordered.isEmpty, "requests reordered for seeds \(reordered)")
    }

    /// `term-limit=1` (the bound `baton explore` uses to make the election
    /// finite): a node already in term 1 lets its timer fire without
    /// starting another election, and says why.
    @Test func aTermLimitStopsElectionsAtTheLimit() throws {
        let text = """
            cluster raft nodes=3 seed=1 term-limit=1
            timeout A
            timeout A
            expect A.currentTerm=1 A.currentRole=candidate
            """
        let outcome = ScenarioRunner.run(file: "limit.baton", text: text)
        #expect(outcome.errors.isEmpty && outcome.failures.isEmpty, "\(outcome.errors) \(outcome.failures)")
        let core = try #require(outcome.session?.core)
        let notes = (0..<core.eventCount).compactMap { core.event($0).text }
        #expect(notes.contains("term-limit=1: no election past term 1"), "\(notes)")
    }

    /// Recovery keeps commitLength (Raft (1/9) resets only the volatile
    /// leader state), so nothing committed is delivered twice.
    @Test func aRestartDoesNotDeliverTwice() throws {
        let text = """
            cluster raft nodes=3 seed=3 election-timeout=30..50
            timeout A
            run until leader
            propose A x
            run until C.commitLength=1 max=100
            crash C
            restart C
            expect C.commitLength=1 C.log=x@1
            run max=200
            expect violations=none
            """
        let outcome = ScenarioRunner.run(file: "restart.baton", text: text)
        #expect(outcome.exitCode == 0, "\(outcome.errors) \(outcome.failures)")
        let core = try #require(outcome.session?.core)
        let deliveries = (0..<core.eventCount).map(core.event).filter { $0.kind == .deliver && $0.node == NodeID(2) }
        #expect(deliveries.count == 1)
    }
}
