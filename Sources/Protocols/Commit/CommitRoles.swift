import Sim

/// Who coordinates and how participants vote, as 2PC and 3PC both take it:
/// `coordinator=K` (default: the first node), `votes=A:yes,B:no` (default:
/// every participant yes). Throws `OptionError` for a coordinator given a
/// vote or a cluster with no participant.
struct CommitRoles: Sendable {
    let coordinator: NodeID
    let participants: [NodeID]
    /// Participants that vote no (a set: no order is read).
    let noVoters: Set<NodeID>

    init(_ cluster: ClusterInfo, _ options: ProtocolOptions, protocolName: String) throws(OptionError) {
        let k = options.node("coordinator") ?? NodeID(0)
        let others = cluster.nodes.filter { $0 != k }
        let votes = options.nodeWords("votes")
        if votes[k] != nil {
            throw OptionError(option: "votes", message: "\(cluster.name(k)) coordinates and does not vote; "
                              + "votes are for " + others.map { cluster.name($0) }.joined(separator: ","))
        }
        guard !others.isEmpty else {
            throw OptionError(option: "nodes", message: "\(protocolName) needs a coordinator and at least one participant")
        }
        coordinator = k
        participants = others
        noVoters = Set(others.filter { votes[$0] == "no" })
    }
}

/// The checks 2PC and 3PC share, over each node's view of a transaction.
enum CommitChecks {
    /// The transaction ids the messages of trace events `range` carry, sorted.
    static func transactions<P: NodeProtocol>(_ sim: Simulation<P>, _ range: Range<Int>,
                                              id: (P.Message) -> Int) -> [Int] {
        var ids: [Int] = []
        for i in range {
            guard let m = sim.event(i).message, let payload = sim.message(m)?.payload else { continue }
            let tx = id(payload)
            if !ids.contains(tx) { ids.append(tx) }
        }
        return ids.sorted()
    }

    /// Atomicity: for no transaction does one node commit while another
    /// aborts. `view(node, id)` says whether that node committed or aborted
    /// it (the coordinator's logged decision counts as its own).
    static func atomicityBroken(_ names: [String], ids: [Int],
                                view: (Int, Int) -> (committed: Bool, aborted: Bool)) -> String? {
        for id in ids {
            var committed: [String] = [], aborted: [String] = []
            for (i, name) in names.enumerated() {
                let v = view(i, id)
                if v.committed { committed.append(name) }
                if v.aborted { aborted.append(name) }
            }
            if !committed.isEmpty && !aborted.isEmpty {
                return "transaction \(id): \(committed.joined(separator: ",")) committed while "
                    + "\(aborted.joined(separator: ",")) aborted"
            }
        }
        return nil
    }
}
