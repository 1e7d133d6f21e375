import Sim

extension Paxos {
    // MARK: acceptor (seed 004, Figure 5, the two tasks)

    /// READ k (Figure 5 lines 20-25): refused only when the acceptor's read
    /// or write round is strictly greater than k; else read := k.
    func onPrepare(_ b: Ballot, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) -> Message {
        if let refusal = refusal(of: b, "Prepare", at: node, s, &out) { return .nack(b, promised: refusal, phase: 1) }
        s.promised = b
        return .promise(b, accepted: s.accepted?.ballot, value: s.accepted?.value)
    }

    /// WRITE k, v (Figure 5 lines 26-32): the same test; else write := k,
    /// v adopted.
    func onAccept(_ b: Ballot, _ value: String, at node: NodeID, _ s: inout State,
                  _ out: inout [Effect<Message>]) -> Message {
        if let refusal = refusal(of: b, "Accept", at: node, s, &out) { return .nack(b, promised: refusal, phase: 2) }
        s.accepted = PaxosState.Accepted(ballot: b, value: value)
        return .accepted(b)
    }

    /// The higher round that makes this acceptor refuse `b`, with a note
    /// saying which (its read or its write round), or nil.
    private func refusal(of b: Ballot, _ what: String, at node: NodeID, _ s: State,
                         _ out: inout [Effect<Message>]) -> Ballot? {
        if let w = s.accepted?.ballot, w > b {
            out.append(.note("refuses \(what) \(b): it accepted \(w), a higher round"))
            return max(w, s.promised ?? w)
        }
        if let r = s.promised, r > b {
            out.append(.note("refuses \(what) \(b): it promised \(r), a higher round"))
            return r
        }
        return nil
    }

    // MARK: proposer (seed 004, Figure 6)

    func propose(_ value: String, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if omega {
            // Any node takes the request; only the one it elects proposes.
            guard s.decided == nil, s.phase == .idle else {
                out.append(.note(s.decided.map { "already decided \($0)" } ?? "already proposing \(s.value ?? "?")"))
                return
            }
            s.value = value
            if leader(of: node, s) == node { startRound(at: node, &s, &out) } else { forward(value, at: node, &s, &out) }
            return
        }
        guard proposers.contains(node) else {
            out.append(.note("\(cluster.name(node)) is not a proposer (proposers="
                             + proposers.map(cluster.name).joined(separator: ",") + ")"))
            return
        }
        guard s.phase == .idle else {
            out.append(.note("\(cluster.name(node)) is already proposing \(s.value ?? "?")"))
            return
        }
        s.value = value
        startRound(at: node, &s, &out)
    }

    /// The retry timer: back-off over, or a phase heard from no majority.
    func retryNow(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard s.value != nil, s.phase != .decided, s.decided == nil else {
            out.append(.note("\(cluster.name(node)) has nothing to propose"))
            return
        }
        if s.phase != .idle { out.append(.closeExchange(key: exchangeKey(s), outcome: .failed)) }
        if omega && leader(of: node, s) != node {
            // Figure 9: only a node that elects itself keeps proposing.
            s.phase = .idle
            s.responses = []
            forward(s.value!, at: node, &s, &out)
            return
        }
        startRound(at: node, &s, &out)
    }

    /// The round of this proposer's next attempt. Seed 004 Figure 9: p_i
    /// starts at k = i and moves to k + n after an abort; `skip-ahead` jumps
    /// to its first own round above any round seen; `unsafe=shared-rounds`
    /// counts 1, 2, 3, ... at every proposer (footnote 15).
    func nextRound(at node: NodeID, _ s: State) -> Int {
        let i = node.index + 1, n = cluster.count
        switch ballots {
        case .shared: return s.round + 1
        case .seed: return s.round == 0 ? i : s.round + n
        case .skipAhead:
            let seen = max(s.round, s.highestSeen?.round ?? 0, s.promised?.round ?? 0, s.accepted?.ballot.round ?? 0)
            return seen < i ? i : i + ((seen - i) / n + 1) * n
        }
    }

    /// Phase 1: Prepare with the proposer's next round.
    func startRound(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        s.round = nextRound(at: node, s)
        let b = Ballot(round: s.round, proposer: node.index, name: cluster.name(node))
        s.ballot = b
        s.phase = .preparing
        s.responses = []
        out.append(.openExchange(key: exchangeKey(s), primitive: .p2b, participants: cluster.nodes, threshold: quorum))
        // The proposer's own acceptor answers at once, without a message.
        let own = onPrepare(b, at: node, &s, &out)
        for other in cluster.nodes where other != node { out.append(.send(to: other, .prepare(b))) }
        out.append(.setTimer(Self.retryTimer, ticks: (retry.lowerBound + 10)...(retry.upperBound + 10)))
        receive(own, from: node, at: node, &s, &out)
    }

    /// Phase 1 = 2·round, phase 2 = 2·round + 1.
    func exchangeKey(_ s: State) -> Int { 2 * s.round + (s.phase == .accepting ? 1 : 0) }

    /// Count one response per acceptor for the current ballot and phase;
    /// at a majority, abort on any refusal (seed 004, Figure 5 lines 8, 16)
    /// or go on.
    func collect(_ r: PaxosState.Response, for b: Ballot, phase: PaxosPhase, at node: NodeID, _ s: inout State,
                 _ out: inout [Effect<Message>]) {
        guard s.ballot == b, s.phase == phase,
              !s.responses.contains(where: { $0.from == r.from }) else { return }
        s.responses.append(r)
        out.append(.exchangeResponse(key: exchangeKey(s), from: NodeID(r.from), granted: r.granted))
        guard s.responses.count >= quorum else { return }
        if register { return finishRegisterOp(at: node, &s, &out) }
        if s.responses.contains(where: { !$0.granted }) {
            abort(at: node, &s, &out)
        } else if s.phase == .preparing {
            startAccept(at: node, &s, &out)
        } else {
            decide(at: node, &s, &out)
        }
    }

    /// Phase 2: adopt the value of the highest accepted ballot among the
    /// promises, or keep our own (Figure 6 line 5).
    func startAccept(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let adopted = s.responses.filter { $0.accepted != nil }.max { $0.accepted! < $1.accepted! }
        if let adopted, let v = adopted.value, v != s.value {
            out.append(.note("adopts \(v) accepted at \(adopted.accepted!) instead of \(s.value ?? "?")"))
            s.value = v
        }
        out.append(.closeExchange(key: exchangeKey(s), outcome: .reached))
        s.phase = .accepting
        s.responses = []
        let b = s.ballot!, v = s.value!
        out.append(.openExchange(key: exchangeKey(s), primitive: .p2b, participants: cluster.nodes, threshold: quorum))
        let own = onAccept(b, v, at: node, &s, &out)
        for other in cluster.nodes where other != node { out.append(.send(to: other, .accept(b, value: v))) }
        out.append(.setTimer(Self.retryTimer, ticks: (retry.lowerBound + 10)...(retry.upperBound + 10)))
        receive(own, from: node, at: node, &s, &out)
    }

    func abort(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        out.append(.closeExchange(key: exchangeKey(s), outcome: .failed))
        out.append(.note("ballot \(s.ballot!) aborted; retry after a random back-off with round "
                         + "\(nextRound(at: node, s))"))
        s.phase = .idle
        s.responses = []
        out.append(.setTimer(Self.retryTimer, ticks: retry))
    }

    func decide(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        out.append(.closeExchange(key: exchangeKey(s), outcome: .reached))
        out.append(.cancelTimer(Self.retryTimer))
        s.phase = .decided
        let v = s.value!
        for other in cluster.nodes where other != node { out.append(.send(to: other, .decide(value: v))) }
        learn(v, &s, &out)
    }

    // MARK: learner

    func learn(_ value: String, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard s.decided == nil else { return }
        if s.phase == .preparing || s.phase == .accepting {
            // A proposer that learns the outcome stops competing for it.
            out.append(.closeExchange(key: exchangeKey(s), outcome: .superseded))
            out.append(.cancelTimer(Self.retryTimer))
        }
        if s.value != nil { s.phase = .decided }
        s.decided = value
        out.append(.deliver(label: value, fields: [Field("decided", .text(value))]))
    }
}
