@testable import Protocols
import Sim
import Testing

/// `RaftState.hash(into:)` is written by hand (ten words instead of the
/// synthesized dozens of calls). The explorer's visited set holds hashes
/// only, so a field the hash left out would merge different states and
/// leave part of the state space unexplored: every field must move it.
@Suite struct RaftStateHashTests {
    static func changes() -> [(String, (inout RaftState) -> Void)] {
        [
            ("currentTerm", { $0.currentTerm = 1 }),
            ("votedFor", { $0.votedFor = NodeID(0) }),
            ("votedFor B", { $0.votedFor = NodeID(1) }),
            ("log", { $0.log.append(LogEntry(msg: "x", term: 1)) }),
            ("commitLength", { $0.commitLength = 1 }),
            ("currentRole candidate", { $0.currentRole = .candidate }),
            ("currentRole leader", { $0.currentRole = .leader }),
            ("currentLeader", { $0.currentLeader = NodeID(0) }),
            ("votesReceived", { $0.votesReceived.insert(NodeID(2)) }),
            ("sentLength", { $0.sentLength[1] = 1 }),
            ("sentLength big", { $0.sentLength[1] = 1 << 20 }),
            ("ackedLength", { $0.ackedLength[2] = 1 }),
            ("preVotes empty", { $0.preVotes = NodeSet() }),
            ("preVotes", { $0.preVotes = [NodeID(1)] }),
            ("leaderAlive", { $0.leaderAlive = true }),
            ("heardFrom", { $0.heardFrom.insert(NodeID(1)) }),
        ]
    }

    /// The explorer's hash (`Raft.stateHash`) and `hashValue`, each.
    static let hashes: [(String, @Sendable (RaftState) -> Int)] = [
        ("hashValue", { $0.hashValue }),
        ("stateHash", { s in
            let raft = try! Raft(cluster: ClusterInfo(names: ["A", "B", "C"]), options: [])
            return raft.stateHash(s)
        }),
    ]

    @Test func everyFieldMovesTheHash() {
        for (kind, hash) in Self.hashes {
            let base = RaftState(size: 3)
            var seen: [Int: String] = [hash(base): "unchanged"]
            for (name, change) in Self.changes() {
                var s = base
                change(&s)
                #expect(s != base, "\(name) changes the state")
                if let other = seen[hash(s)] { Issue.record("\(kind): \(name) hashes as \(other)") }
                seen[hash(s)] = name
            }
        }
    }

    /// Values swapped between nodes, or moved between the two per-node
    /// arrays, are different states with different hashes.
    @Test func perNodeCountersKeepTheirPlace() {
        var a = RaftState(size: 3), b = RaftState(size: 3), c = RaftState(size: 3)
        a.sentLength = [1, 2, 0]
        b.sentLength = [2, 1, 0]
        c.ackedLength = [1, 2, 0]
        var big = RaftState(size: 3), small = RaftState(size: 3)
        big.sentLength = [1 << 16, 0, 0]
        small.sentLength = [0, 1, 0]
        for (kind, hash) in Self.hashes {
            #expect(Set([hash(a), hash(b), hash(c)]).count == 3, "\(kind)")
            #expect(hash(big) != hash(small), "\(kind): a counter past 16 bits is not folded into its neighbour")
        }
    }

    /// Equal states hash alike however they were reached.
    @Test func equalStatesHashAlike() {
        var a = RaftState(size: 3), b = RaftState(size: 3)
        a.currentRole = .leader
        a.currentRole = .follower
        b.votesReceived.insert(NodeID(1))
        b.votesReceived = NodeSet()
        #expect(a == b && a.hashValue == b.hashValue)
    }

    /// The same for the ghost's `wordHash`, which the explorer's worlds keep.
    @Test func everyGhostFieldMovesItsHash() {
        let changes: [(String, (inout RaftGhost) -> Void)] = [
            ("leaders", { $0.leaders[1] = [0] }),
            ("leaders twice", { $0.leaders[1] = [0, 2] }),
            ("leaders of another term", { $0.leaders[2] = [0] }),
            ("committed", { $0.committed.append(LogEntry(msg: "x", term: 1)) }),
            ("committedTerms", { $0.committedTerms.append(1) }),
            ("deliveredCount", { $0.deliveredCount[1] = 1 }),
            ("longestDelivered", { $0.longestDelivered.append("x") }),
            ("failures", { $0.failures["election-safety"] = "why" }),
            ("lastTerm", { $0.lastTerm[2] = 1 }),
            ("lastVote", { $0.lastVote[0] = 1 }),
        ]
        let base = RaftGhost(size: 3)
        var seen: [Int: String] = [base.wordHash: "unchanged"]
        for (name, change) in changes {
            var g = base
            change(&g)
            #expect(g != base, "\(name) changes the ghost")
            if let other = seen[g.wordHash] { Issue.record("\(name) hashes as \(other)") }
            seen[g.wordHash] = name
        }
        var a = base, b = base
        a.leaders = [1: [0], 2: [1]]
        b.leaders = [2: [1], 1: [0]]
        #expect(a == b && a.wordHash == b.wordHash, "a dictionary's order does not count")
    }
}
