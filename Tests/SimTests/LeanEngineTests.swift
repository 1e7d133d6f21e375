import Protocols
@testable import Sim
import Testing

/// The explorer's lean engine (issue 19) against the full engine: the same
/// moves lead to the same worlds (fingerprints, broken invariants), a move
/// tried and reverted leaves the world as it was, and a search finds the
/// same states, transitions and schedule either way.
@Suite struct LeanEngineTests {
    static let cluster = ClusterInfo(names: ["A", "B", "C"])

    /// Raft variants and Paxos, each after a few ordinary steps so that
    /// logs, votes and promises are not empty.
    static func starts() throws -> [any StartWorld] {
        func raft(_ options: [(String, String)], requests: Int) throws -> Simulation<Raft> {
            var sim = Simulation(proto: try Raft(cluster: cluster, options: options), config: EngineConfig(seed: 4))
            for k in 0..<40 {
                if k % 10 == 9, k / 10 < requests {
                    _ = try? sim.perform(.request(NodeID(k % 3), CommonRequests.propose.request([.text("m\(k)")])))
                } else { _ = try? sim.perform(.next) }
            }
            return sim
        }
        var paxos = Simulation(proto: try Paxos(cluster: cluster, options: [("proposers", "A,B"),
                                                                            ("unsafe", "forget-promise")]),
                               config: EngineConfig(seed: 2))
        try paxos.perform(.request(NodeID(0), CommonRequests.propose.request([.text("x")])))
        for _ in 0..<12 { _ = try? paxos.perform(.next) }
        try paxos.perform(.request(NodeID(1), CommonRequests.propose.request([.text("y")])))
        return [try raft([], requests: 3), try raft([("unsafe", "double-vote")], requests: 0),
                try raft([("prevote", "on"), ("check-quorum", "on")], requests: 2), paxos]
    }

    @Test func leanStepsReachTheWorldsFullStepsReach() throws {
        for start in try Self.starts() { try start.compareSteps(walks: 12, length: 14, symmetric: false) }
    }

    /// With node symmetry the worlds keep a hash per renaming; kept up to
    /// date step by step, they equal the ones a fresh projection computes.
    @Test func renamedHashesAreKeptUpToDate() throws {
        for start in try Self.starts() where start.declaresSymmetry {
            try start.compareSteps(walks: 8, length: 12, symmetric: true)
        }
    }

    /// A goal that reads only states is sought on lean worlds (through a
    /// probe simulation): the same schedule as on full simulations.
    @Test func aStateGoalFindsTheSameScheduleLeanOrFull() throws {
        var sim = Simulation(proto: try Raft(cluster: Self.cluster, options: [("unsafe", "double-vote")]),
                             config: EngineConfig(seed: 1))
        _ = try? sim.perform(.next)
        let goals: [@Sendable (Simulation<Raft>) -> Bool] = [
            { $0.world.states[2].currentRole == .leader && $0.world.states[2].currentTerm == 2 },
            { $0.world.ghost.leaders.values.contains { $0.count > 1 } },
        ]
        for goal in goals {
            var options = ExploreOptions()
            options.depthMax = 9
            options.goalReadsOnlyState = true
            // Every order, as the full engine takes them (sleep sets are compared below).
            options.reduction = false
            let lean = Explorer.run(sim, options, goal: goal)
            options.lean = false
            let full = Explorer.run(sim, options, goal: goal)
            #expect(lean.found != nil && lean.found == full.found && lean.path == full.path)
            #expect(lean.states == full.states && lean.transitions == full.transitions)
        }
    }

    @Test func aSearchFindsTheSameLeanOrFull() throws {
        for start in try Self.starts() { start.compareSearches() }
    }

    /// Sleep sets (docs/EXPLORER.md) leave out transitions, never states:
    /// with and without them a search finds the same number of states, or
    /// the same violation at the same depth, and Raft's takes fewer
    /// transitions. Paxos does not declare `stepsCommute`, so nothing changes there.
    @Test func sleepSetsKeepEveryStateAndTakeFewerTransitions() throws {
        var election = Simulation(proto: try Raft(cluster: Self.cluster, options: [("term-limit", "1")]),
                                  config: EngineConfig(seed: 1))
        _ = try? election.perform(.next)
        for start in try Self.starts() + [election] { start.compareReduction() }
    }
}

/// A start world of some protocol (the tests above are generic over it).
protocol StartWorld {
    var declaresSymmetry: Bool { get }
    func compareSteps(walks: Int, length: Int, symmetric: Bool) throws
    func compareSearches()
    func compareReduction()
}

extension Simulation: StartWorld {
    /// Random walks over the explorer's moves, with every fault budget open:
    /// after each move both engines agree, and every other move tried and
    /// reverted on the lean world changes nothing.
    var declaresSymmetry: Bool { P.descriptor.symmetricNodes }

    func compareSteps(walks: Int, length: Int, symmetric: Bool) throws {
        let symmetries = symmetric ? Fingerprint.symmetries(nodes: cluster.count) : []
        let engine = try #require(LeanEngine(self, symmetries: symmetries), "\(P.id) offers lean checks")
        let full = FullSpace(start: self, renamings: engine.renamings)
        let lean = LeanSpace(engine, from: self, reducing: false)
        var options = ExploreOptions()
        (options.drops, options.duplicates, options.crashes, options.partitions) = (1, 1, 1, 1)
        let budget = Budget(options)
        var rng = SeededGenerator(seed: 7)
        // One working world for the whole test, as a search thread has: unpacking
        // into it changes only what differs from the world it held.
        var scratch = lean.makeScratch()
        for _ in 0..<walks {
            var sim = self, world = lean.unpacked(lean.start)
            for _ in 0..<length {
                let moves = full.moves(sim, budget)
                #expect(moves == lean.moves(world, budget), "\(P.id): the same moves")
                guard !moves.isEmpty else { break }
                let before = lean.fingerprint(lean.table.pack(world), budget)
                let packed = lean.table.pack(world)
                for action in moves {
                    var undo = LeanUndo(world)
                    guard engine.apply(action, &world, &undo) else { continue }
                    // As the search does: the fingerprint fills in renamed hashes first.
                    _ = Fingerprint.of(&world, budget, renamings: engine.renamings, proto: engine.proto)
                    // Packing only what the step changed names the same world as packing it whole.
                    #expect(lean.table.pack(world, after: undo, from: packed) == lean.table.pack(world),
                            "\(P.id) \(action): packed after a step")
                    engine.revert(&world, &undo)
                    #expect(lean.fingerprint(lean.table.pack(world), budget) == before, "\(action) reverted")
                }
                let action = moves[rng.draw(0...(moves.count - 1))]
                sim = try #require(full.performed(action, on: sim))
                let next = try #require(lean.performed(action, on: packed))
                lean.table.unpack(next, into: &scratch)
                world = scratch.world
                var fresh = lean.unpacked(next)
                #expect(full.fingerprint(sim, budget) == lean.fingerprint(next, budget), "\(P.id) after \(action)")
                #expect(Fingerprint.of(&world, budget, renamings: engine.renamings, proto: engine.proto)
                        == Fingerprint.of(&fresh, budget, renamings: engine.renamings, proto: engine.proto),
                        "\(P.id) after \(action): unpacked into a working world or on its own, the same")
                #expect(full.violated(sim) == lean.violated(next))
                #expect(world.messageCount == sim.messageCount)
            }
        }
    }

    /// A bounded search with faults, lean and full: identical results.
    func compareSearches() {
        var options = ExploreOptions()
        options.depthMax = 5
        options.drops = 1
        options.crashes = 1
        options.duplicates = P.id == "raft" ? 1 : 0
        options.statesMax = 20_000
        options.reduction = false
        let lean = Explorer.run(self, options, goal: nil)
        options.lean = false
        let full = Explorer.run(self, options, goal: nil)
        #expect(lean.states == full.states && lean.transitions == full.transitions, "\(P.id)")
        #expect(lean.depthReached == full.depthReached && lean.found == full.found && lean.path == full.path)
        #expect(lean.states > 100, "\(P.id): a search that explores something")
    }

    /// One search with every fault budget and without node symmetry (sleep
    /// sets are off with it), with sleep sets and without.
    func compareReduction() {
        var options = ExploreOptions()
        options.depthMax = 6
        (options.drops, options.crashes, options.symmetry) = (1, 1, false)
        options.duplicates = P.id == "raft" ? 1 : 0
        options.statesMax = 50_000
        let reduced = Explorer.run(self, options, goal: nil)
        options.reduction = false
        let every = Explorer.run(self, options, goal: nil)
        #expect(reduced.found == every.found && reduced.path.count == every.path.count, "\(P.id)")
        #expect(reduced.depthReached == every.depthReached, "\(P.id)")
        // A search that stops at a violation stops mid-level, where the counts depend on the order.
        if every.found == nil { #expect(reduced.states == every.states, "\(P.id): the same states") }
        #expect(every.states > 200, "\(P.id): a search that explores something")
        if P.id == "raft" {
            #expect(reduced.transitions < every.transitions * 9 / 10, "\(P.id): \(reduced.transitions) of \(every.transitions)")
        } else {
            #expect(reduced.transitions == every.transitions, "\(P.id)")
        }
    }
}
