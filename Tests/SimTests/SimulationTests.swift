import Protocols
@testable import Sim
import Testing

/// The engine with a real protocol (Lamport clocks) underneath.
@Suite struct SimulationTests {
    static let abc = ClusterInfo(names: ["A", "B", "C"])
    let A = NodeID(0), B = NodeID(1), C = NodeID(2)

    func make(seed: UInt64 = 1, latency: ClosedRange<Int> = 1...3, loss: Int = 0) throws -> Simulation<LamportClock> {
        Simulation(proto: try LamportClock(cluster: Self.abc, options: []),
                   config: EngineConfig(seed: seed, latency: latency, lossPerMillion: loss))
    }

    func attempt(_ sim: inout Simulation<LamportClock>, _ action: StepAction) -> SimError? {
        do {
            try sim.perform(action)
            return nil
        } catch {
            return error
        }
    }

    @Test func historyIsBoundedWithAClearError() throws {
        var sim = Simulation(proto: try LamportClock(cluster: Self.abc, options: []),
                             config: EngineConfig(seed: 1, eventsMax: 10))
        var refused: SimError? = nil
        for _ in 0..<20 where refused == nil {
            refused = attempt(&sim, .request(A, .send(to: B, label: "m")))
        }
        #expect(refused == .historyFull(sim.eventCount))
        #expect(sim.eventCount >= 10 && sim.eventCount < 12)
        #expect(refused?.message.contains("export what you have") == true)
        // Nothing changed by the refused action; stepping back still works.
        #expect(attempt(&sim, .next) == .historyFull(sim.eventCount))
    }

    @Test func messageIdsAreSequentialAndDueTimesDrawn() throws {
        var sim = try make(latency: 2...2)
        try sim.perform(.request(A, .send(to: B, label: "m1")))
        try sim.perform(.request(B, .send(to: C, label: "m2")))
        #expect(sim.inflightIDs == [1, 2])
        #expect(sim.world.inflight[1]?.due == 2)
        try sim.perform(.next)
        #expect(sim.world.time == 2)
        #expect(sim.inflightIDs == [2])
    }

    @Test func crashedReceiverLosesTheMessageAtArrival() throws {
        var sim = try make()
        try sim.perform(.request(A, .send(to: B, label: "m1")))
        try sim.perform(.crash(B))
        let range = try sim.perform(.next)
        let drop = sim.trace[range.lowerBound]
        #expect(drop.kind == .drop && drop.reason == .crashed && drop.message == 1)
        #expect(sim.world.states[1].t == 0)
    }

    @Test func blockedLinkLosesTheMessageWithReasonPartition() throws {
        var sim = try make()
        try sim.perform(.request(A, .send(to: B, label: "m1")))
        try sim.perform(.partition([[A], [B, C]]))
        let range = try sim.perform(.deliverNow(1))
        #expect(sim.trace[range.lowerBound].reason == .partition)
    }

    @Test func invalidActionsThrowAndChangeNothing() throws {
        var sim = try make()
        try sim.perform(.request(A, .send(to: B, label: "m1")))
        let before = sim.world
        let e1 = attempt(&sim, .drop(9))
        #expect(e1 == SimError.unknownMessage(9))
        let e2 = attempt(&sim, .restart(B))
        #expect(e2 == SimError.notCrashed("B"))
        let e3 = attempt(&sim, .fireTimeout(A))
        #expect(e3 == SimError.noTimer(protocolID: "lamport"))
        let e4 = attempt(&sim, .delay(1, ticks: 0))
        #expect(e4 == SimError.badDelay(0))
        try sim.perform(.deliverNow(1))
        let e5 = attempt(&sim, .deliverNow(1))
        #expect(e5 == .notInFlight(1, why: "it was received at step 2"))
        #expect(sim.world.step == 2)
        #expect(before.step == 1)
    }

    @Test func delayReordersDelivery() throws {
        var sim = try make(latency: 1...1)
        try sim.perform(.request(A, .send(to: B, label: "m1")))
        try sim.perform(.request(A, .send(to: C, label: "m2")))
        try sim.perform(.delay(1, ticks: 5))
        let first = try sim.perform(.next)
        #expect(sim.trace[first.lowerBound].message == 2)
        let second = try sim.perform(.next)
        #expect(sim.trace[second.lowerBound].message == 1 && sim.world.time == 6)
    }

    @Test func duplicateIsReceivedTwiceUnderANewID() throws {
        var sim = try make()
        try sim.perform(.request(A, .send(to: B, label: "m1")))
        try sim.perform(.duplicate(1))
        #expect(sim.message(2)?.duplicateOf == 1)
        try sim.perform(.next)
        try sim.perform(.next)
        let receives = (0..<sim.eventCount).filter { sim.trace[$0].kind == .receive }
        #expect(receives.count == 2)
        #expect(sim.world.violated.isEmpty)
    }

    @Test func randomLossIsDrawnFromTheSeedAndNamed() throws {
        var sim = try make(seed: 11, loss: 500_000)
        for _ in 0..<40 { try sim.perform(.request(A, .send(to: B, label: "m"))) }
        while (try? sim.perform(.next)) != nil {}
        let reasons = (0..<sim.eventCount).compactMap { sim.trace[$0].reason }
        #expect(reasons.count > 5 && reasons.count < 35)
        #expect(reasons.allSatisfy { $0 == .loss })
    }

    @Test func restartKeepsDurableClock() throws {
        var sim = try make()
        try sim.perform(.request(A, .local(label: nil)))
        try sim.perform(.crash(A))
        try sim.perform(.restart(A))
        #expect(sim.world.states[0].t == 1)
        #expect(!sim.world.crashed[0])
    }

    @Test func requestToCrashedNodeLeavesANote() throws {
        var sim = try make()
        try sim.perform(.crash(A))
        let range = try sim.perform(.request(A, .send(to: B, label: "m1")))
        #expect(sim.trace[range.lowerBound].kind == .note)
        #expect(sim.messageCount == 0)
    }
}
