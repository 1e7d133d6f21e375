import Sim

/// The Raft thesis §9.6 guards against disruption, off by default so that
/// runs follow seed 002: a node cut off for a while times out again and
/// again, and without them comes back with a higher term that unseats a
/// healthy leader.
/// - `prevote=on`: before raising its term, a node asks whether a majority
///   would vote for it; a node that has heard from a live leader says no.
/// - `check-quorum=on`: a leader that has not heard from a majority within
///   an election timeout steps down, and a node that has heard from a live
///   leader ignores VoteRequests for a higher term.
extension Raft {
    static let checkQuorumTimer = "check-quorum"

    /// The election timer fired: the leader is presumed gone.
    func onElectionTimeout(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if s.currentTerm >= termLimit {
            note(&out, "term-limit=\(termLimit): no election past term \(termLimit)")
            return
        }
        s.leaderAlive = false
        if preVote && s.currentRole != .leader { startPreVote(at: node, &s, &out) } else { startElection(at: node, &s, &out) }
    }

    func startPreVote(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        s.preVotes = [node]
        note(&out, "asks for pre-votes for term \(s.currentTerm + 1) before raising its term")
        let request = Message.preVoteRequest(cId: node, term: s.currentTerm + 1, cLogLength: s.log.count,
                                             cLogTerm: s.lastTerm)
        for other in cluster.nodes where other != node { out.append(.send(to: other, request)) }
        out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
        if quorum <= 1 { startElection(at: node, &s, &out) }
    }

    /// Grant when this node would vote in `term` and knows no live leader.
    func preVoteRequest(from c: NodeID, _ term: Int, _ cLogLength: Int, _ cLogTerm: Int, at node: NodeID,
                        _ s: inout State, _ out: inout [Effect<Message>]) {
        let logOk = logIsUpToDate(cLogLength, cLogTerm, s)
        let granted = term > s.currentTerm && logOk && !s.leaderAlive
        if s.leaderAlive {
            let why = s.currentRole == .leader ? "is the leader"
                : "hears from leader " + (s.currentLeader.map(cluster.name) ?? "?")
            note(&out, "\(why): refuses \(cluster.name(c))'s pre-vote for term \(term)")
        } else if !logOk {
            note(&out, logRefusal(cluster.name(c), cLogLength, cLogTerm, s))
        }
        out.append(.send(to: c, .preVoteResponse(voterId: node, term: term, granted: granted)))
    }

    func preVoteResponse(from voter: NodeID, _ term: Int, _ granted: Bool, at node: NodeID,
                         _ s: inout State, _ out: inout [Effect<Message>]) {
        guard granted, var votes = s.preVotes, term == s.currentTerm + 1, !votes.contains(voter) else { return }
        votes.insert(voter)
        s.preVotes = votes
        if votes.count >= quorum { startElection(at: node, &s, &out) }
    }

    /// At a leader, every election timeout: step down without a majority.
    func checkQuorum(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard s.currentRole == .leader else { return }
        let heard = s.heardFrom.count + 1
        s.heardFrom = []
        guard heard < quorum else {
            out.append(.setTimer(Self.checkQuorumTimer, ticks: electionTimeout))
            return
        }
        note(&out, "heard from \(heard) of \(cluster.count) in an election timeout: steps down (check-quorum)")
        resign(&s, &out)
        s.currentLeader = nil
        s.leaderAlive = false
        out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
    }

    /// check-quorum's other half: while a leader is heard from, a VoteRequest
    /// for a higher term is refused without raising the term.
    func ignoresVote(for cTerm: Int, from c: NodeID, _ s: State, _ out: inout [Effect<Message>]) -> Bool {
        guard checkQuorumOn, s.leaderAlive, cTerm > s.currentTerm else { return false }
        note(&out, "hears from a live leader: ignores \(cluster.name(c))'s VoteRequest for term \(cTerm) "
                         + "(check-quorum)")
        return true
    }
}
