@testable import Protocols
import Sim
import Testing

/// Each Raft safety check can fail, on hand-built states (the goldens and
/// property tests show the real protocol never trips them).
@Suite struct RaftInvariantTests {
    let names = ["A", "B", "C"]

    func state(_ log: [(String, Int)], term: Int = 1, role: RaftRole = .follower, commit: Int = 0) -> RaftState {
        var s = RaftState(size: 3)
        s.log = ChunkedArray(log.map { LogEntry(msg: $0.0, term: $0.1) })
        s.currentTerm = term
        s.currentRole = role
        s.commitLength = commit
        return s
    }

    @Test func twoLeadersInOneTermBreakElectionSafety() {
        var ghost = RaftGhost(size: 3)
        ghost.checkLeaders([state([], role: .leader), state([], role: .leader), state([])], [0, 1, 2], names)
        #expect(ghost.failures["election-safety"] == "A and B are both leaders of term 1")
    }

    @Test func sameIndexAndTermWithDifferentPrefixesBreakLogMatching() {
        var ghost = RaftGhost(size: 3)
        let states = [state([("x", 1), ("y", 2)]), state([("z", 1), ("y", 2)]), state([])]
        ghost.checkLogMatching(states, 0, 1, names)
        #expect(ghost.failures["log-matching"] != nil)
        var fine = RaftGhost(size: 3)
        fine.checkLogMatching([state([("x", 1), ("y", 2)]), state([("x", 1), ("w", 3)]), state([])], 0, 1, names)
        #expect(fine.failures.isEmpty)
    }

    @Test func aLeaderWithoutACommittedEntryBreaksCompleteness() {
        var ghost = RaftGhost(size: 3)
        ghost.checkCommitted([state([("x", 1)], commit: 1), state([]), state([])], [0, 1, 2], names)
        #expect(ghost.failures.isEmpty)
        ghost.checkCommitted([state([("x", 1)], commit: 1), state([("q", 2)], term: 2, role: .leader), state([])],
                             [0, 1, 2], names)
        #expect(ghost.failures["leader-completeness"]?.contains("lacks committed entries x@1") == true)
    }

    /// Two nodes seen holding a commit, in either order, leave the same
    /// ghost: each entry keeps the lowest term it was seen committed at
    /// (the explorer's sleep sets swap steps at different nodes).
    @Test func theOrderInWhichCommitsAreSeenDoesNotMatter() {
        let log = [("x", 1), ("y", 1)]
        let before = state(log)
        let atB = state(log, term: 3, commit: 1), atC = state(log, term: 2, commit: 2)
        func seen(_ first: [RaftState], _ second: [RaftState]) -> RaftGhost {
            var ghost = RaftGhost(size: 3)
            ghost.update(StepDigest(action: .next), first, [false, false, false], names)
            ghost.update(StepDigest(action: .next), second, [false, false, false], names)
            return ghost
        }
        let bFirst = seen([before, atB, before], [before, atB, atC])
        let cFirst = seen([before, before, atC], [before, atB, atC])
        #expect(bFirst == cFirst)
        #expect(Array(bFirst.committedTerms) == [2, 2], "the lowest term each entry was seen committed at")
        #expect(bFirst.failures.isEmpty)
    }

    @Test func divergentDeliveriesBreakThePrefixRule() {
        var ghost = RaftGhost(size: 3)
        ghost.deliver("x", at: 0, names)
        ghost.deliver("x", at: 1, names)
        #expect(ghost.failures.isEmpty)
        ghost.deliver("y", at: 2, names)
        #expect(ghost.failures["delivered-prefix"] == "C delivered y as entry 1, others delivered x")
    }
}
