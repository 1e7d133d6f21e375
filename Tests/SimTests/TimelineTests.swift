import Protocols
@testable import Sim
import Testing

/// Step back is exact (DESIGN.md §3): any step reached by going back and
/// forth equals the step reached by running straight there.
@Suite struct TimelineTests {
    static let cluster = ClusterInfo(names: ["A", "B", "C", "D"])

    /// A random but seeded mix of requests and faults.
    static func randomAction(_ rng: inout SeededGenerator, _ sim: Simulation<VectorClock>) -> StepAction {
        let n = NodeID(rng.draw(0...3)), m = NodeID((n.index + rng.draw(1...3)) % 4)
        let inflight = sim.inflightIDs
        let id = inflight.isEmpty ? nil : inflight[rng.draw(0...(inflight.count - 1))]
        switch rng.draw(0...11) {
        case 0...3: return .request(n, .send(to: m, label: "m"))
        case 4: return .request(n, .local(label: nil))
        case 5: return id.map { .delay($0, ticks: rng.draw(1...5)) } ?? .next
        case 6: return id.map { .duplicate($0) } ?? .next
        case 7: return id.map { .drop($0) } ?? .next
        case 8: return sim.world.crashed[n.index] ? .restart(n) : .crash(n)
        case 9: return rng.draw(0...1) == 0 ? .partition([[n]]) : .heal
        default: return .next
        }
    }

    func runStraight(seed: UInt64, steps: Int, interval: Int) throws -> (Timeline<VectorClock>, [World<VectorClock>]) {
        let sim = Simulation(proto: try VectorClock(cluster: Self.cluster, options: []),
                             config: EngineConfig(seed: seed, latency: 1...4))
        var timeline = Timeline(sim, snapshotInterval: interval)
        var worlds = [timeline.sim.world]
        var rng = SeededGenerator(seed: seed &+ 1000)
        var attempts = 0
        while timeline.step < steps && attempts < steps * 4 {
            attempts += 1
            if (try? timeline.perform(Self.randomAction(&rng, timeline.sim))) != nil {
                worlds.append(timeline.sim.world)
            }
        }
        return (timeline, worlds)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func backThenForwardIsExact(seed: UInt64) throws {
        var (timeline, worlds) = try runStraight(seed: seed, steps: 120, interval: 7)
        let last = timeline.step
        #expect(last == 120)
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<30 {
            let target = rng.draw(0...last)
            timeline.go(to: target)
            #expect(timeline.step == target)
            #expect(timeline.sim.world == worlds[target], "world differs at step \(target)")
        }
        let n = rng.draw(1...last)
        timeline.go(to: last)
        timeline.back(n)
        timeline.forward(n)
        #expect(timeline.sim.world == worlds[last])
        #expect(timeline.sim.world.violated.isEmpty)
    }

    /// Past 64 snapshots, every other one is dropped and the interval doubles;
    /// jumps stay exact.
    @Test func thinnedSnapshotsStayExact() throws {
        var (timeline, worlds) = try runStraight(seed: 8, steps: 400, interval: 1)
        #expect(timeline.snapshotInterval >= 8)
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<40 {
            let target = rng.draw(0...400)
            timeline.go(to: target)
            #expect(timeline.sim.world == worlds[target], "step \(target)")
        }
    }

    @Test func actingInThePastForksAndKeepsTheOldFuture() throws {
        var (timeline, _) = try runStraight(seed: 9, steps: 40, interval: 5)
        timeline.go(to: 10)
        let oldFuture = Array(timeline.actions[10...])
        try timeline.perform(.request(NodeID(0), .local(label: "fork")))
        #expect(timeline.lastStep == 11)
        #expect(timeline.branches.count == 1)
        #expect(timeline.branches[0].fromStep == 10 && timeline.branches[0].actions == oldFuture)
        // The new history replays exactly too.
        let world = timeline.sim.world
        timeline.go(to: 0)
        timeline.go(to: 11)
        #expect(timeline.sim.world == world)
        #expect(timeline.sim.eventCount == timeline.sim.trace.count)
    }

    @Test func repeatingTheRecordedActionIsNotAFork() throws {
        var (timeline, worlds) = try runStraight(seed: 4, steps: 20, interval: 3)
        timeline.go(to: 5)
        try timeline.perform(timeline.actions[5])
        #expect(timeline.branches.isEmpty && timeline.lastStep == 20)
        #expect(timeline.sim.world == worlds[6])
    }
}
