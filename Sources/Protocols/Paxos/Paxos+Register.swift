import Sim

/// `mode=register`: seed 004's round-based register (Figure 5) on its own,
/// driven by `read A [round]` and `write A v [round]`. An operation sends
/// READ (Prepare) or WRITE (Accept) to every acceptor, waits for a majority
/// and commits unless one of them refused; a read commits with the value of
/// the highest write it was told about. Without a round the node uses its
/// next own round; with one it uses that round, which may repeat another
/// node's (the register does not forbid it: seed 004 footnote 11, Figure 1).
extension Paxos {
    static let read = RequestSpec("read", [.text("round", required: false)], record: .verbAndText,
                                  help: "mode=register: read the register with the node's next round (or the one given)")
    static let write = RequestSpec("write", [.text("value", required: true), .text("round", required: false)],
                                   record: .verbAndText,
                                   help: "mode=register: write the value with the node's next round (or the one given)")

    func registerRequest(_ r: ClientRequest, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard register else {
            out.append(.note("\(r.verb) is a register operation: it needs mode=register"))
            return
        }
        guard s.phase == .idle else {
            out.append(.note("a \(s.phase == .preparing ? "read" : "write") is still running here"))
            return
        }
        let roundText = r.is(Self.read) ? r.text : r.moreTexts.first
        var k = nextRound(at: node, s)
        if let roundText {
            guard let given = Int(roundText), given >= 1, given <= 1_000_000 else {
                out.append(.note("round `\(roundText)` is not a whole number from 1 to 1000000: ignored"))
                return
            }
            k = given
        }
        s.round = k
        let b = Ballot(round: k, proposer: node.index, name: cluster.name(node))
        s.ballot = b
        s.responses = []
        if r.is(Self.read) {
            s.phase = .preparing
            out.append(.openExchange(key: exchangeKey(s), primitive: .p2b, participants: cluster.nodes, threshold: quorum))
            let own = onPrepare(b, at: node, &s, &out)
            for other in cluster.nodes where other != node { out.append(.send(to: other, .prepare(b))) }
            receive(own, from: node, at: node, &s, &out)
        } else {
            s.phase = .accepting
            s.value = r.text
            out.append(.openExchange(key: exchangeKey(s), primitive: .p2b, participants: cluster.nodes, threshold: quorum))
            let own = onAccept(b, r.text ?? "", at: node, &s, &out)
            for other in cluster.nodes where other != node { out.append(.send(to: other, .accept(b, value: r.text ?? ""))) }
            receive(own, from: node, at: node, &s, &out)
        }
    }

    /// A majority answered (Figure 5 lines 7-12 and 15-19): abort on any
    /// refusal, else commit. `result` says which; a committed read leaves
    /// the value read in `value` (`none` when nothing was written).
    func finishRegisterOp(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let k = s.round
        let refused = s.responses.contains { !$0.granted }
        out.append(.closeExchange(key: exchangeKey(s), outcome: refused ? .failed : .reached))
        s.result = refused ? "abort" : "commit"
        if s.phase == .preparing {
            let read = s.responses.filter { $0.accepted != nil }.max { $0.accepted! < $1.accepted! }?.value
            if !refused { s.value = read }
            out.append(.note(refused ? "read(\(k)) aborts" : "read(\(k)) commits with \(read ?? "nothing written")"))
        } else {
            out.append(.note("write(\(k),\(s.value ?? "?")) " + (refused ? "aborts" : "commits")))
        }
        s.phase = .idle
        s.responses = []
    }
}
