import Sim

/// The coordinator's and the participants' handlers (seed 002's figure and
/// its "What if the coordinator crashes?").
extension TwoPhaseCommit {
    // MARK: coordinator

    /// Issue the next id (4a), open the unanimous collect and ask every participant.
    func begin(_ name: String, _ s: inout State, _ out: inout [Effect<Message>]) {
        if let id = s.collecting, let busy = s.record(id) {
            out.append(.note("still collecting votes on \(busy.name): one transaction at a time"))
            return
        }
        s.lastId += 1
        let id = s.lastId
        s.update(id, name: name) { _ in }
        s.collecting = id
        s.yes = []
        out.append(.openExchange(key: id, primitive: .p2a, participants: participants, threshold: participants.count))
        for p in participants { out.append(.send(to: p, .prepare(id: id, name: name))) }
        out.append(.setTimer(Self.voteTimer, ticks: voteTimeoutTicks...voteTimeoutTicks))
    }

    func coordinatorReceives(_ message: Message, from: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        switch message {
        case let .vote(id, name, yes):
            guard s.collecting == id else {
                let outcome = s.record(id)?.decision ?? .none
                out.append(.note("late vote on \(name) from \(cluster.name(from)): "
                                 + (outcome == .none ? "not collecting" : "already decided \(outcome.rawValue)")))
                return
            }
            out.append(.exchangeResponse(key: id, from: from, granted: yes))
            guard yes else { return decide(.abort, because: "\(cluster.name(from)) voted no", &s, &out) }
            if !s.yes.contains(from.index) { s.yes.append(from.index) }
            if s.yes.count == participants.count { decide(.commit, because: "every participant voted yes", &s, &out) }
        case let .inquiry(id, name):
            // Presumed abort: an id it issued but never decided, and is not
            // deciding now, it decides abort (and logs that first).
            guard let record = s.record(id), record.decision != .none else {
                if s.collecting == id { return }
                s.update(id, name: name) { $0.decision = .abort }
                out.append(.note("no decision on \(name) in its log: abort"))
                return out.append(.send(to: from, .abort(id: id, name: name)))
            }
            out.append(.send(to: from, record.decision == .commit ? .commit(id: id, name: name) : .abort(id: id, name: name)))
        case .prepare, .commit, .abort:
            out.append(.note("coordinates: ignores \(message.typeName)"))
        }
    }

    /// Log first (6a), then tell every participant.
    func decide(_ decision: CommitDecision, because why: String, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard let id = s.collecting, let record = s.record(id) else { return }
        s.update(id, name: record.name) { $0.decision = decision }
        s.collecting = nil
        s.yes = []
        out.append(.cancelTimer(Self.voteTimer))
        out.append(.closeExchange(key: id, outcome: decision == .commit ? .reached : .failed))
        out.append(.note("decides \(decision.rawValue) on \(record.name) (\(why)) "
                         + "and writes it to its log before telling anyone"))
        announce(id, record.name, decision, &out)
    }

    func announce(_ id: Int, _ name: String, _ decision: CommitDecision, _ out: inout [Effect<Message>]) {
        for p in participants {
            out.append(.send(to: p, decision == .commit ? .commit(id: id, name: name) : .abort(id: id, name: name)))
        }
    }

    func voteTimeout(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard let id = s.collecting, s.record(id) != nil else { return }
        let missing = participants.filter { !s.yes.contains($0.index) }.map(cluster.name).joined(separator: ", ")
        decide(.abort, because: "no vote from \(missing) in \(voteTimeoutTicks) ticks", &s, &out)
    }

    /// seed 002: "When it recovers, read decision from disk and send it to
    /// replicas (or abort if no decision was made before crash)".
    func coordinatorRecovers(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard let latest = s.latest else { return }
        if latest.decision == .none {
            s.update(latest.id, name: latest.name) { $0.decision = .abort }
            out.append(.note("finds no decision on \(latest.name) in its log: abort"))
            announce(latest.id, latest.name, .abort, &out)
        } else {
            out.append(.note("rereads its log: \(latest.decision.rawValue) \(latest.name)"))
            announce(latest.id, latest.name, latest.decision, &out)
        }
    }

    // MARK: participant

    func participantReceives(_ message: Message, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        switch message {
        case let .prepare(id, name):
            let current = s.record(id)?.state ?? .working
            switch current {
            case .working:
                // Able to commit, unless told to vote no: then it aborts at once (it still may).
                let yes = !noVoters.contains(node)
                s.update(id, name: name) { $0.state = yes ? .prepared : .aborted }
                out.append(.send(to: coordinator, .vote(id: id, name: name, yes: yes)))
            case .prepared, .aborted:
                // A Prepare again (duplicated, or resent): the same answer.
                out.append(.send(to: coordinator, .vote(id: id, name: name, yes: current == .prepared)))
            case .committed:
                out.append(.note("already committed \(name)"))
            }
        case let .commit(id, name): finish(id, name, .committed, at: node, &s, &out)
        case let .abort(id, name): finish(id, name, .aborted, at: node, &s, &out)
        case .vote, .inquiry:
            out.append(.note("is a participant: ignores \(message.typeName)"))
        }
    }

    func finish(_ id: Int, _ name: String, _ outcome: ParticipantState, at node: NodeID, _ s: inout State,
                _ out: inout [Effect<Message>]) {
        let current = s.record(id)?.state ?? .working
        guard current != outcome else { return }
        guard current != .committed && current != .aborted else {
            // Cannot happen while the coordinator logs one decision per id.
            return out.append(.note("already \(current.rawValue) \(name)"))
        }
        s.update(id, name: name) { $0.state = outcome }
    }

    /// A participant that comes back holding a yes asks how it ended.
    func participantRecovers(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        for record in s.prepared.sorted().compactMap({ s.records[$0] }) {
            out.append(.note("comes back prepared on \(record.name) and asks "
                             + "\(cluster.name(coordinator)) how it ended"))
            out.append(.send(to: coordinator, .inquiry(id: record.id, name: record.name)))
        }
    }

    // MARK: invariants

    /// The transactions the messages of trace events `range` carry.
    static func transactions(_ sim: Simulation<TwoPhaseCommit>, _ range: Range<Int>) -> [Int] {
        CommitChecks.transactions(sim, range) { $0.id }
    }

    /// Atomicity over 2PC's records (the coordinator's logged decision counts as its vote).
    func atomicityBroken(_ states: [State], ids: [Int]) -> String? {
        CommitChecks.atomicityBroken(cluster.names, ids: ids) { states[$0].records }
    }

    /// Commit only if every participant voted yes: when the coordinator has
    /// logged commit, each participant holds a yes (prepared or committed).
    func commitWithoutYes(_ states: [State], ids: [Int]) -> String? {
        for id in ids {
            guard let r = states[coordinator.index].records[id], r.decision == .commit else { continue }
            let missing = participants.filter { p in
                let st = states[p.index].records[id]?.state
                return st != .prepared && st != .committed
            }
            if !missing.isEmpty {
                return "\(r.name) committed without a yes from " + missing.map(cluster.name).joined(separator: ",")
            }
        }
        return nil
    }
}

extension TransactionRecord: CommitRecord {
    var committedHere: Bool { state == .committed || decision == .commit }
    var abortedHere: Bool { state == .aborted || decision == .abort }
}
