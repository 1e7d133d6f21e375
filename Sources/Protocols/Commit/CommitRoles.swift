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

/// A node's record of one transaction, as the atomicity check reads it.
protocol CommitRecord {
    /// This node committed it (the coordinator: logged commit).
    var committedHere: Bool { get }
    /// This node aborted it (the coordinator: logged abort).
    var abortedHere: Bool { get }
}

extension CommitChecks {
    /// Atomicity over each node's records by transaction id.
    static func atomicityBroken<R: CommitRecord>(_ names: [String], ids: [Int], records: (Int) -> [Int: R]) -> String? {
        atomicityBroken(names, ids: ids) { i, id in
            guard let r = records(i)[id] else { return (false, false) }
            return (r.committedHere, r.abortedHere)
        }
    }

    /// The engine benchmark both commit protocols run: 5 nodes (K coordinates),
    /// 1 % loss, transaction after transaction, each asked for once the last
    /// has run its course. Every transaction stays on record, so memory grows.
    static func benchmark<P: NodeProtocol>(_ make: @escaping @Sendable (ClusterInfo) -> P) -> EngineBenchmark {
        EngineBenchmark(setup: "5 nodes, 1% loss") { events in
            let proto = make(ClusterInfo(names: ["K", "A", "B", "C", "D"]))
            var timeline = Timeline(Simulation(proto: proto, config: EngineConfig(seed: 5, lossPerMillion: 10_000)))
            var n = 0
            // Bounded by the event count asked for: each turn adds events.
            while timeline.sim.eventCount < events {
                n += 1
                guard (try? timeline.perform(.request(NodeID(0), TwoPhaseCommit.commitRequest(.text("T\(n)"))))) != nil
                else { break }
                for _ in 0..<10_000 {
                    guard (try? timeline.perform(.next)) != nil else { break }
                }
            }
            return timeline.sim.eventCount
        }
    }
}
