import Sim

/// What Raft's safety invariants remember, checked as each step is folded in:
/// the leader of every term, the longest committed prefix seen, and each
/// node's delivered sequence since its last restart.
public struct RaftGhost: Sendable, Equatable {
    public static let names = ["election-safety", "log-matching", "leader-completeness", "delivered-prefix"]

    /// term → the node that led it.
    public internal(set) var leaders: [Int: Int] = [:]
    var committed: [LogEntry] = []
    var delivered: [[String]]
    var longestDelivered: [String] = []
    public internal(set) var failures: [String: String] = [:]

    public init(size: Int) {
        delivered = Array(repeating: [], count: size)
    }

    mutating func fail(_ name: String, _ why: String) {
        if failures[name] == nil { failures[name] = why }
    }

    mutating func update(_ sim: Simulation<Raft>, _ range: Range<Int>) {
        let names = sim.cluster.names
        var touched: [Int] = []
        for index in range {
            let e = sim.trace[index]
            guard let node = e.node?.index else { continue }
            if !touched.contains(node) { touched.append(node) }
            switch e.kind {
            case .restart: delivered[node] = []
            case .deliver: deliver(e.text ?? "", at: node, names)
            default: break
            }
        }
        let states = sim.world.states
        // A crashed node's state is frozen as it was; it leads nothing.
        let live = states.indices.filter { !sim.world.crashed[$0] }
        checkLeaders(states, live, names)
        checkCommitted(states, live, names)
        for a in touched.sorted() {
            for b in states.indices where b != a { checkLogMatching(states, a, b, names) }
        }
    }

    /// Election safety: at most one leader per term.
    mutating func checkLeaders(_ states: [RaftState], _ live: [Int], _ names: [String]) {
        for i in live where states[i].currentRole == .leader {
            let s = states[i]
            if let other = leaders[s.currentTerm], other != i {
                fail("election-safety", "\(names[other]) and \(names[i]) are both leaders of term \(s.currentTerm)")
            } else {
                leaders[s.currentTerm] = i
            }
        }
    }

    /// Committed entries never change, and every leader holds them all.
    mutating func checkCommitted(_ states: [RaftState], _ live: [Int], _ names: [String]) {
        for (i, s) in states.enumerated() where s.commitLength > 0 {
            let prefix = s.log.prefix(s.commitLength)
            let common = min(prefix.count, committed.count)
            if !prefix.prefix(common).elementsEqual(committed.prefix(common)) {
                fail("leader-completeness", "\(names[i]) committed \(Value.list(prefix.map(\.rendered)).rendered) "
                     + "but \(Value.list(committed.map(\.rendered)).rendered) was committed before")
            } else if prefix.count > committed.count {
                committed = Array(prefix)
            }
        }
        for i in live where states[i].currentRole == .leader {
            let s = states[i]
            if !s.log.starts(with: committed) {
                fail("leader-completeness", "leader \(names[i]) of term \(s.currentTerm) lacks committed entries "
                     + Value.list(committed.map(\.rendered)).rendered)
            }
        }
    }

    /// Log matching: an entry with the same index and term means the same
    /// log up to it.
    mutating func checkLogMatching(_ states: [RaftState], _ a: Int, _ b: Int, _ names: [String]) {
        let x = states[a].log, y = states[b].log
        guard let i = (0..<min(x.count, y.count)).last(where: { x[$0].term == y[$0].term }) else { return }
        if !x[...i].elementsEqual(y[...i]) {
            fail("log-matching", "\(names[a]) and \(names[b]) agree on entry \(i + 1)'s term but not on the log before it")
        }
    }

    /// Every node delivers a prefix of one common sequence.
    mutating func deliver(_ msg: String, at node: Int, _ names: [String]) {
        delivered[node].append(msg)
        let mine = delivered[node]
        if mine.count <= longestDelivered.count {
            if longestDelivered[mine.count - 1] != msg {
                fail("delivered-prefix", "\(names[node]) delivered \(msg) as entry \(mine.count), others delivered "
                     + longestDelivered[mine.count - 1])
            }
        } else if mine.dropLast().elementsEqual(longestDelivered) {
            longestDelivered = mine
        } else {
            fail("delivered-prefix", "\(names[node]) delivered \(Value.list(mine).rendered), which is not an "
                 + "extension of \(Value.list(longestDelivered).rendered)")
        }
    }
}
