import Sim

extension Raft {
    /// seed 002 Raft (1/9): "on election timeout".
    func startElection(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if s.currentRole == .leader { out.append(.cancelTimer(Self.heartbeatTimer)) }
        s.preVotes = nil
        // A candidate that times out abandons its vote round for good.
        if s.currentRole == .candidate {
            out.append(.closeExchange(key: s.currentTerm, outcome: .superseded))
            note(&out, "election for term \(s.currentTerm) timed out with \(s.votesReceived.count) of "
                             + "\(quorum) votes; trying term \(s.currentTerm + 1)")
        }
        s.currentTerm += 1
        s.currentRole = .candidate
        s.votedFor = node
        s.votesReceived = [node]
        out.append(.openExchange(key: s.currentTerm, primitive: .p2b, participants: cluster.nodes, threshold: quorum))
        out.append(.exchangeResponse(key: s.currentTerm, from: node, granted: true))
        let request = Message.voteRequest(cId: node, cTerm: s.currentTerm, cLogLength: s.log.count,
                                          cLogTerm: s.lastTerm)
        for other in cluster.nodes where other != node { out.append(.send(to: other, request)) }
        out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
        // A one-node cluster is its own majority.
        if s.votesReceived.count >= quorum { becomeLeader(node, &s, &out) }
    }

    /// seed 002 Raft (2/9): "on receiving VoteRequest".
    func voteRequest(from cId: NodeID, _ cTerm: Int, _ cLogLength: Int, _ cLogTerm: Int, at node: NodeID,
                     _ s: inout State, _ out: inout [Effect<Message>]) {
        if ignoresVote(for: cTerm, from: cId, s, &out) {
            out.append(.send(to: cId, .voteResponse(voterId: node, term: s.currentTerm, granted: false)))
            return
        }
        if cTerm > s.currentTerm { stepDown(to: cTerm, at: node, &s, &out) }
        let logOk = logIsUpToDate(cLogLength, cLogTerm, s)
        let mayVote = s.votedFor == nil || s.votedFor == cId || doubleVote
        let granted = cTerm == s.currentTerm && logOk && mayVote
        if granted {
            s.votedFor = cId
            // Granting a vote restarts the failure detector (Raft §5.2).
            out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
        } else if cTerm < s.currentTerm {
            note(&out, "stale term \(cTerm) < \(s.currentTerm): refused (higher-number-supersedes)")
        } else if !logOk {
            note(&out, logRefusal(cluster.name(cId), cLogLength, cLogTerm, s))
        } else if let voted = s.votedFor {
            note(&out, "already voted for \(cluster.name(voted)) in term \(s.currentTerm): refused")
        }
        out.append(.send(to: cId, .voteResponse(voterId: node, term: s.currentTerm, granted: granted)))
    }

    /// Raft (2/9)'s logOk: the candidate's last term is newer, or the same
    /// with a log at least as long.
    func logIsUpToDate(_ cLogLength: Int, _ cLogTerm: Int, _ s: State) -> Bool {
        cLogTerm > s.lastTerm || (cLogTerm == s.lastTerm && cLogLength >= s.log.count)
    }

    /// Which of the seed's log checks failed, with the numbers compared.
    func logRefusal(_ candidate: String, _ cLogLength: Int, _ cLogTerm: Int, _ s: State) -> String {
        if cLogTerm < s.lastTerm {
            return "\(candidate)'s last log term \(cLogTerm) < my last log term \(s.lastTerm): refused"
                + (cLogLength > s.log.count ? " (its longer log does not help: the last term decides)" : "")
        }
        return "\(candidate)'s log has \(cLogLength) entries < my \(s.log.count), both ending in term "
            + "\(cLogTerm): refused"
    }

    /// seed 002 Raft (3/9): "on receiving VoteResponse".
    func voteResponse(from voter: NodeID, _ term: Int, _ granted: Bool, at node: NodeID,
                      _ s: inout State, _ out: inout [Effect<Message>]) {
        if s.currentRole == .candidate && term == s.currentTerm {
            out.append(.exchangeResponse(key: term, from: voter, granted: granted))
            guard granted else { return }
            s.votesReceived.insert(voter)
            if s.votesReceived.count >= quorum { becomeLeader(node, &s, &out) }
        } else if term > s.currentTerm {
            stepDown(to: term, at: node, &s, &out)
        }
    }

    func becomeLeader(_ node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        s.currentRole = .leader
        s.currentLeader = node
        s.leaderAlive = true
        s.heardFrom = []
        if checkQuorumOn { out.append(.setTimer(Self.checkQuorumTimer, ticks: electionTimeout)) }
        out.append(.cancelTimer(Self.electionTimer))
        note(&out, "\(cluster.name(node)) is leader of term \(s.currentTerm)")
        for follower in cluster.nodes where follower != node {
            s.sentLength[follower.index] = s.log.count
            s.ackedLength[follower.index] = 0
        }
        replicateToAll(from: node, s, &out)
        out.append(.setTimer(Self.heartbeatTimer, ticks: heartbeat...heartbeat))
    }

    /// A higher term was seen: become a follower of it (the seed's "currentTerm
    /// := term; currentRole := follower; votedFor := null").
    func stepDown(to term: Int, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if s.currentRole != .follower {
            note(&out, "steps down from \(s.currentRole.rawValue) of term \(s.currentTerm): saw term \(term) "
                             + "(higher-number-supersedes)")
        }
        resign(&s, &out)
        s.currentTerm = term
        s.votedFor = nil
        out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
    }

    /// Stop acting as leader or candidate, keeping the term and the vote.
    func resign(_ s: inout State, _ out: inout [Effect<Message>]) {
        switch s.currentRole {
        case .leader:
            out.append(.cancelTimer(Self.heartbeatTimer))
            if checkQuorumOn { out.append(.cancelTimer(Self.checkQuorumTimer)) }
            for index in stride(from: s.log.count, to: s.commitLength, by: -1) {
                out.append(.closeExchange(key: Self.replicationKeyBase + index, outcome: .superseded))
            }
        case .candidate:
            out.append(.closeExchange(key: s.currentTerm, outcome: .superseded))
        case .follower:
            break
        }
        s.currentRole = .follower
    }
}
