import Sim

/// The coordinator's and the participants' handlers, with seed 001's
/// timeout rules.
extension ThreePhaseCommit {
    // MARK: coordinator

    /// Issue the next id (4a) and propose it to every participant.
    func begin(_ name: String, _ s: inout State, _ out: inout [Effect<Message>]) {
        if let id = s.active, let busy = s.records[id] {
            return out.append(.note("still deciding \(busy.name): one transaction at a time"))
        }
        s.lastId += 1
        let id = s.lastId
        s.update(id, name: name) { _ in }
        s.active = id
        s.phase = .proposing
        s.answered = []
        out.append(.openExchange(key: 2 * id, primitive: .p2a, participants: participants, threshold: participants.count))
        for p in participants { out.append(.send(to: p, .propose(id: id, name: name))) }
        out.append(.setTimer(Self.timer, ticks: timeoutTicks...timeoutTicks))
    }

    func coordinatorReceives(_ message: Message, from: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        switch message {
        case let .vote(id, name, yes):
            guard s.active == id, s.phase == .proposing else { return late(message, name, from, s, &out) }
            out.append(.exchangeResponse(key: 2 * id, from: from, granted: yes))
            guard yes else { return decide(.abort, because: "\(cluster.name(from)) voted no", &s, &out) }
            if !s.answered.contains(from.index) { s.answered.append(from.index) }
            if s.answered.count == participants.count { prepareAll(id, name, &s, &out) }
        case let .ack(id, name):
            guard s.active == id, s.phase == .preparing else { return late(message, name, from, s, &out) }
            out.append(.exchangeResponse(key: 2 * id + 1, from: from, granted: true))
            if !s.answered.contains(from.index) { s.answered.append(from.index) }
            if s.answered.count == participants.count { decide(.commit, because: "every participant is prepared", &s, &out) }
        case let .inquiry(id, name):
            if s.active == id { return out.append(.note("still deciding \(name): will tell every participant")) }
            let decision = s.records[id]?.decision ?? .none
            out.append(.send(to: from, decision == .commit ? .commit(id: id, name: name) : .abort(id: id, name: name)))
        case .propose, .prepare, .commit, .abort:
            out.append(.note("coordinates: ignores \(message.typeName)"))
        }
    }

    private func late(_ message: Message, _ name: String, _ from: NodeID, _ s: State, _ out: inout [Effect<Message>]) {
        let outcome = s.records[message.id]?.decision ?? .none
        out.append(.note("late \(message.typeName) on \(name) from \(cluster.name(from)): "
                         + (outcome == .none ? "not waiting for it" : "already decided \(outcome.rawValue)")))
    }

    /// Every participant voted yes: phase 2, logged before anyone hears it.
    func prepareAll(_ id: Int, _ name: String, _ s: inout State, _ out: inout [Effect<Message>]) {
        s.phase = .preparing
        s.answered = []
        out.append(.closeExchange(key: 2 * id, outcome: .reached))
        out.append(.note("every participant voted yes on \(name): tells them to prepare"))
        out.append(.openExchange(key: 2 * id + 1, primitive: .p3a, participants: participants,
                                 threshold: participants.count))
        for p in participants { out.append(.send(to: p, .prepare(id: id, name: name))) }
        out.append(.setTimer(Self.timer, ticks: timeoutTicks...timeoutTicks))
    }

    /// Log first (6a), then tell every participant.
    func decide(_ decision: CommitDecision, because why: String, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard let id = s.active, let record = s.records[id] else { return }
        let key = s.phase == .preparing ? 2 * id + 1 : 2 * id
        s.update(id, name: record.name) { $0.decision = decision }
        s.active = nil
        s.phase = .idle
        s.answered = []
        out.append(.cancelTimer(Self.timer))
        out.append(.closeExchange(key: key, outcome: decision == .commit ? .reached : .failed))
        out.append(.note("decides \(decision.rawValue) on \(record.name) (\(why)) and writes it to its log first"))
        announce(id, record.name, decision, &out)
    }

    func announce(_ id: Int, _ name: String, _ decision: CommitDecision, _ out: inout [Effect<Message>]) {
        for p in participants {
            out.append(.send(to: p, decision == .commit ? .commit(id: id, name: name) : .abort(id: id, name: name)))
        }
    }

    /// Seed 001: a missing vote or a missing ack aborts.
    func coordinatorTimesOut(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard s.active != nil else { return out.append(.note("waits for nothing: no timeout")) }
        let missing = participants.filter { !s.answered.contains($0.index) }.map(cluster.name).joined(separator: ", ")
        let what = s.phase == .preparing ? "ack" : "vote"
        decide(.abort, because: "no \(what) from \(missing) in \(timeoutTicks) ticks", &s, &out)
    }

    /// Back from a crash with its phase in the log: proposing means no one
    /// is prepared, so abort; preparing means every participant voted yes
    /// and the prepared ones will commit on their timeout, so commit.
    func coordinatorRecovers(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard let id = s.active, let record = s.records[id] else {
            guard let latest = s.latest, latest.decision != .none else { return }
            out.append(.note("rereads its log: \(latest.decision.rawValue) \(latest.name)"))
            return announce(latest.id, latest.name, latest.decision, &out)
        }
        let decision: CommitDecision = s.phase == .preparing ? .commit : .abort
        decide(decision, because: s.phase == .preparing
               ? "its log says preparing: every participant voted yes" : "its log says proposing: no one is prepared",
               &s, &out)
        _ = record
    }

    // MARK: participant

    func participantReceives(_ message: Message, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let id = message.id, name = message.name
        let current = s.records[id]?.state ?? .working
        switch message {
        case .propose:
            switch current {
            case .working:
                let yes = !noVoters.contains(node)
                s.update(id, name: name) { $0.state = yes ? .voted : .aborted }
                out.append(.send(to: coordinator, .vote(id: id, name: name, yes: yes)))
                if yes { wait(on: id, &s, &out) }
                askAboutOlder(than: id, s, &out)
            case .voted, .prepared, .aborted:
                out.append(.send(to: coordinator, .vote(id: id, name: name, yes: current != .aborted)))
            case .committed:
                out.append(.note("already committed \(name)"))
            }
        case .prepare:
            switch current {
            case .voted, .prepared:
                s.update(id, name: name) { $0.state = .prepared }
                out.append(.send(to: coordinator, .ack(id: id, name: name)))
                if current == .voted { wait(on: id, &s, &out) }
            case .working, .committed, .aborted:
                out.append(.note("Prepare on \(name) while \(current.rawValue): ignored"))
            }
        case .commit: finish(id, name, .committed, &s, &out)
        case .abort: finish(id, name, .aborted, &s, &out)
        case .vote, .ack, .inquiry:
            out.append(.note("is a participant: ignores \(message.typeName)"))
        }
    }

    private func wait(on id: Int, _ s: inout State, _ out: inout [Effect<Message>]) {
        s.waiting = id
        out.append(.setTimer(Self.timer, ticks: participantTimeoutTicks...participantTimeoutTicks))
    }

    /// Older transactions it came back undecided on: ask again now that the
    /// coordinator is heard from (the first question may have been lost
    /// while the coordinator was down).
    private func askAboutOlder(than id: Int, _ s: State, _ out: inout [Effect<Message>]) {
        for old in s.undecided.sorted() where old < id {
            guard let r = s.records[old] else { continue }
            out.append(.send(to: coordinator, .inquiry(id: old, name: r.name)))
        }
    }

    func finish(_ id: Int, _ name: String, _ outcome: ThreePCParticipantState, _ s: inout State,
                _ out: inout [Effect<Message>]) {
        let current = s.records[id]?.state ?? .working
        guard current != outcome else { return }
        if s.waiting == id {
            s.waiting = nil
            out.append(.cancelTimer(Self.timer))
        }
        guard !current.isDecided else {
            // Only when an assumption broke: the atomicity invariant says so.
            return out.append(.note("told to \(outcome == .committed ? "commit" : "abort") \(name), "
                                    + "but already \(current.rawValue)"))
        }
        s.update(id, name: name) { $0.state = outcome }
    }

    /// Seed 001: voted and no Prepare in time: abort; prepared and no
    /// decision in time: commit (every participant voted yes).
    func participantTimesOut(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard let id = s.waiting, let record = s.records[id], !record.state.isDecided else {
            return out.append(.note("waits for nothing: no timeout"))
        }
        s.waiting = nil
        let commit = record.state == .prepared
        s.update(id, name: record.name) { $0.state = commit ? .committed : .aborted }
        out.append(.note(commit
            ? "prepared on \(record.name) and no decision in \(participantTimeoutTicks) ticks: commits (every participant voted yes)"
            : "voted on \(record.name) and no Prepare in \(participantTimeoutTicks) ticks: aborts"))
    }

    /// Back from a crash undecided: its timer was lost with the crash, and
    /// deciding by a timer started now could contradict what the others
    /// did meanwhile, so it asks the coordinator (seed 001: the log gets
    /// failed processes up to speed).
    func participantRecovers(_ s: inout State, _ out: inout [Effect<Message>]) {
        for id in s.undecided.sorted() {
            guard let r = s.records[id] else { continue }
            out.append(.note("comes back \(r.state.rawValue) on \(r.name) and asks \(cluster.name(coordinator)) how it ended"))
            out.append(.send(to: coordinator, .inquiry(id: id, name: r.name)))
        }
    }
}
