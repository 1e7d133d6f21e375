import Sim

extension Paxos {
    // MARK: acceptor (seed 004, Figure 5, the two tasks)

    /// READ k: refuse if a WRITE or READ of round ≥ k was already taken.
    func onPrepare(_ b: Ballot, _ s: inout State) -> Message {
        if let w = s.accepted?.ballot, w >= b { return .nack(b, promised: max(w, s.promised ?? w), phase: 1) }
        if let r = s.promised, r >= b { return .nack(b, promised: r, phase: 1) }
        s.promised = b
        return .promise(b, accepted: s.accepted?.ballot, value: s.accepted?.value)
    }

    /// WRITE k, v: refuse if a WRITE or READ of a higher round was taken.
    func onAccept(_ b: Ballot, _ value: String, _ s: inout State) -> Message {
        if let w = s.accepted?.ballot, w > b { return .nack(b, promised: max(w, s.promised ?? w), phase: 2) }
        if let r = s.promised, r > b { return .nack(b, promised: r, phase: 2) }
        s.accepted = PaxosState.Accepted(ballot: b, value: value)
        return .accepted(b)
    }

    // MARK: proposer (seed 004, Figure 6)

    func propose(_ value: String, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
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
        startRound(at: node, &s, &out)
    }

    /// Phase 1: Prepare with a ballot above any seen.
    func startRound(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let floor = max(s.round, s.highestSeen?.round ?? 0, s.promised?.round ?? 0)
        s.round = floor + 1
        let b = Ballot(round: s.round, proposer: node.index, name: cluster.name(node))
        s.ballot = b
        s.phase = .preparing
        s.responses = []
        out.append(.openExchange(key: exchangeKey(s), primitive: .p2b, participants: cluster.nodes, threshold: quorum))
        // The proposer's own acceptor answers at once, without a message.
        let own = onPrepare(b, &s)
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
        let own = onAccept(b, v, &s)
        for other in cluster.nodes where other != node { out.append(.send(to: other, .accept(b, value: v))) }
        out.append(.setTimer(Self.retryTimer, ticks: (retry.lowerBound + 10)...(retry.upperBound + 10)))
        receive(own, from: node, at: node, &s, &out)
    }

    func abort(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        out.append(.closeExchange(key: exchangeKey(s), outcome: .failed))
        out.append(.note("ballot \(s.ballot!) aborted; retry after a random back-off"))
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
