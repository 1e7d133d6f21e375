import Sim

/// Node symmetry for the explorer (issue 19). Raft's nodes are
/// interchangeable: seed 002's pseudocode never compares node ids (votes and
/// acks are counted, not ranked), so renaming the nodes of a world gives a
/// world with the renamed futures. The invariants are symmetric too.
extension Raft {
    /// Moves `values[i]` to position `p[i]`.
    func reordered<T>(_ values: [T], by p: [Int]) -> [T] {
        var out = values
        for i in values.indices { out[p[i]] = values[i] }
        return out
    }

    func renamed(_ node: NodeID, by p: [Int]) -> NodeID { NodeID(p[node.index]) }

    public func permuted(_ state: RaftState, by p: [Int]) -> RaftState {
        var s = state
        s.votedFor = state.votedFor.map { renamed($0, by: p) }
        s.currentLeader = state.currentLeader.map { renamed($0, by: p) }
        s.votesReceived = NodeSet(state.votesReceived.map { renamed($0, by: p) })
        s.preVotes = state.preVotes.map { NodeSet($0.map { renamed($0, by: p) }) }
        s.heardFrom = NodeSet(state.heardFrom.map { renamed($0, by: p) })
        s.sentLength = reordered(state.sentLength, by: p)
        s.ackedLength = reordered(state.ackedLength, by: p)
        return s
    }

    public func permuted(_ message: RaftMessage, by p: [Int]) -> RaftMessage {
        switch message {
        case let .voteRequest(cId, cTerm, cLogLength, cLogTerm):
            return .voteRequest(cId: renamed(cId, by: p), cTerm: cTerm, cLogLength: cLogLength, cLogTerm: cLogTerm)
        case let .voteResponse(voterId, term, granted):
            return .voteResponse(voterId: renamed(voterId, by: p), term: term, granted: granted)
        case let .logRequest(leaderId, term, prefixLen, prefixTerm, leaderCommit, suffix):
            return .logRequest(leaderId: renamed(leaderId, by: p), term: term, prefixLen: prefixLen,
                               prefixTerm: prefixTerm, leaderCommit: leaderCommit, suffix: suffix)
        case let .logResponse(follower, term, ack, success):
            return .logResponse(follower: renamed(follower, by: p), term: term, ack: ack, success: success)
        case .forward:
            return message
        case let .preVoteRequest(cId, term, cLogLength, cLogTerm):
            return .preVoteRequest(cId: renamed(cId, by: p), term: term, cLogLength: cLogLength, cLogTerm: cLogTerm)
        case let .preVoteResponse(voterId, term, granted):
            return .preVoteResponse(voterId: renamed(voterId, by: p), term: term, granted: granted)
        }
    }

    /// The node's term, role, commit point, log, whether it voted and how
    /// many votes it holds: none of these names a node.
    public func symmetryKey(_ state: RaftState) -> Int {
        var h = Hasher()
        h.combine(state.currentTerm)
        h.combine(state.currentRole)
        h.combine(state.commitLength)
        h.combine(state.log)
        h.combine(state.votedFor == nil)
        h.combine(state.votesReceived.count)
        h.combine(state.leaderAlive)
        return h.finalize()
    }

    public func permuted(_ ghost: RaftGhost, by p: [Int]) -> RaftGhost {
        ghost.permuted(by: p, reorder: { reordered($0, by: p) })
    }
}

extension RaftGhost {
    /// Node indices mapped through `p`, per-node arrays reordered. The
    /// failure texts name nodes and are kept as written: they only appear
    /// once an invariant is broken, when the search stops anyway.
    func permuted(by p: [Int], reorder: ([Int]) -> [Int]) -> RaftGhost {
        var g = self
        g.leaders = leaders.mapValues { $0.map { p[$0] } }
        g.deliveredCount = reorder(deliveredCount)
        g.verifiedCommit = reorder(verifiedCommit)
        g.lastTerm = reorder(lastTerm)
        g.lastVote = reorder(lastVote.map { $0 >= 0 ? p[$0] : $0 })
        var marks = self.marks
        for i in self.marks.indices { marks[p[i]] = self.marks[i] }
        g.marks = marks
        return g
    }
}
