import Sim

extension Raft {
    /// seed 002 Raft (4/9): "on request to broadcast msg".
    func clientRequest(_ msg: String, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if s.currentRole == .leader {
            s.log.append(LogEntry(msg: msg, term: s.currentTerm))
            s.ackedLength[node.index] = s.log.count
            let key = Self.replicationKeyBase + s.log.count
            out.append(.openExchange(key: key, primitive: .p2b, participants: cluster.nodes, threshold: quorum))
            out.append(.exchangeResponse(key: key, from: node, granted: true))
            replicateToAll(from: node, s, &out)
            commitLogEntries(at: node, &s, &out)
        } else if let leader = s.currentLeader, leader != node {
            out.append(.send(to: leader, .forward(msg: msg)))
        } else {
            note(&out, "\(cluster.name(node)) knows no leader: request \(msg) dropped")
        }
    }

    func replicateToAll(from node: NodeID, _ s: State, _ out: inout [Effect<Message>]) {
        for follower in cluster.nodes where follower != node { replicateLog(from: node, to: follower, s, &out) }
    }

    /// seed 002 Raft (5/9): ReplicateLog.
    func replicateLog(from leader: NodeID, to follower: NodeID, _ s: State, _ out: inout [Effect<Message>]) {
        let prefixLen = s.sentLength[follower.index]
        let suffix = Array(s.log[prefixLen...])
        let prefixTerm = prefixLen > 0 ? s.log[prefixLen - 1].term : 0
        out.append(.send(to: follower, .logRequest(leaderId: leader, term: s.currentTerm,
                                                   prefixLen: prefixLen, prefixTerm: prefixTerm,
                                                   leaderCommit: s.commitLength, suffix: suffix)))
    }

    /// seed 002 Raft (6/9): "on receiving LogRequest".
    func logRequest(from leader: NodeID, _ term: Int, _ prefixLen: Int, _ prefixTerm: Int, _ leaderCommit: Int,
                    _ suffix: [LogEntry], at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if term > s.currentTerm {
            stepDown(to: term, at: node, &s, &out)
        }
        if term == s.currentTerm {
            resign(&s, &out)
            s.currentLeader = leader
            s.leaderAlive = true
            s.preVotes = nil
            // The leader is alive: restart the failure detector.
            out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
        }
        let logOk = s.log.count >= prefixLen && (prefixLen == 0 || s.log[prefixLen - 1].term == prefixTerm)
        let me = node
        if term == s.currentTerm && logOk {
            appendEntries(prefixLen, leaderCommit, suffix, &s, &out)
            let ack = prefixLen + suffix.count
            out.append(.send(to: leader, .logResponse(follower: me, term: s.currentTerm, ack: ack, success: true)))
        } else {
            if term < s.currentTerm {
                note(&out, "stale term \(term) < \(s.currentTerm): refused (higher-number-supersedes)")
            }
            out.append(.send(to: leader, .logResponse(follower: me, term: s.currentTerm, ack: 0, success: false)))
        }
    }

    /// seed 002 Raft (7/9): AppendEntries, including truncation of a
    /// conflicting suffix.
    func appendEntries(_ prefixLen: Int, _ leaderCommit: Int, _ suffix: [LogEntry], _ s: inout State,
                       _ out: inout [Effect<Message>]) {
        if !suffix.isEmpty && s.log.count > prefixLen {
            let index = min(s.log.count, prefixLen + suffix.count) - 1
            if s.log[index].term != suffix[index - prefixLen].term {
                s.log.truncate(to: prefixLen)
            }
        }
        if prefixLen + suffix.count > s.log.count {
            s.log.append(contentsOf: suffix[(s.log.count - prefixLen)...])
        }
        if leaderCommit > s.commitLength {
            let upTo = min(leaderCommit, s.log.count)
            deliver(from: s.commitLength, to: upTo, s, &out)
            s.commitLength = upTo
        }
    }

    /// seed 002 Raft (8/9): "on receiving LogResponse".
    func logResponse(from follower: NodeID, _ term: Int, _ ack: Int, _ success: Bool, at node: NodeID,
                     _ s: inout State, _ out: inout [Effect<Message>]) {
        if term == s.currentTerm && s.currentRole == .leader {
            let f = follower.index
            s.heardFrom.insert(follower)
            if success && ack >= s.ackedLength[f] {
                for index in stride(from: s.ackedLength[f] + 1, through: ack, by: 1) {
                    out.append(.exchangeResponse(key: Self.replicationKeyBase + index, from: follower, granted: true))
                }
                let before = readyLength(s)
                s.sentLength[f] = ack
                s.ackedLength[f] = ack
                commitLogEntries(at: node, &s, &out, explainAbove: before)
            } else if s.sentLength[f] > 0 {
                s.sentLength[f] -= 1
                replicateLog(from: node, to: follower, s, &out)
            }
        } else if term > s.currentTerm {
            stepDown(to: term, at: node, &s, &out)
        }
    }

    /// seed 002 Raft (9/9): CommitLogEntries. Only an entry of the current
    /// term is committed by counting; earlier ones follow it.
    /// When a response first puts an older term's entry on a majority
    /// (`ready` above `explainAbove`), a note says why it is not committed.
    func commitLogEntries(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>],
                          explainAbove: Int = .max) {
        let ready = readyLength(s)
        guard ready > s.commitLength else { return }
        guard s.log[ready - 1].term == s.currentTerm || commitOldTerm else {
            if ready > explainAbove {
                let entry = s.log[ready - 1]
                let holders = s.ackedLength.filter { $0 >= ready }.count
                note(&out, "\(entry.rendered) is on \(holders) of \(cluster.count) but not committed: only "
                                 + "entries of the current term (\(s.currentTerm)) are committed by counting")
            }
            return
        }
        deliver(from: s.commitLength, to: ready, s, &out)
        s.commitLength = ready
    }

    /// The longest log prefix a majority has acknowledged.
    func readyLength(_ s: State) -> Int {
        for length in stride(from: s.log.count, through: 1, by: -1)
        where s.ackedLength.filter({ $0 >= length }).count >= quorum {
            return length
        }
        return 0
    }

    func deliver(from start: Int, to end: Int, _ s: State, _ out: inout [Effect<Message>]) {
        for i in start..<end {
            out.append(.deliver(label: s.log[i].msg, fields: [Field("index", .int(i + 1)),
                                                               Field("term", .int(s.log[i].term))]))
        }
    }
}
