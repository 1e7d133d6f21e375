import Sim

/// What Raft's safety invariants remember, checked as each step is folded in:
/// the leader of every term, the longest committed prefix seen, and each
/// node's delivered sequence since its last restart.
///
/// Cost per step stays flat as logs grow: each step checks what can have
/// changed (newly committed entries, a window at the end of the touched
/// nodes' logs, a new leader's whole log once), and every
/// `fullCheckInterval` steps everything is checked again in full.
public struct RaftGhost: Sendable, Equatable {
    public static let names = ["election-safety", "log-matching", "leader-completeness", "delivered-prefix"]

    /// term → the node that led it.
    public internal(set) var leaders: [Int: Int] = [:]
    var committed: [LogEntry] = []
    var delivered: [[String]]
    var longestDelivered: [String] = []
    public internal(set) var failures: [String: String] = [:]
    /// Per node: how much of its committed prefix has been checked.
    var verifiedCommit: [Int]
    var stepsSinceFullCheck = 0
    static let fullCheckInterval = 1_024
    static let window = 32

    public init(size: Int) {
        delivered = Array(repeating: [], count: size)
        verifiedCommit = Array(repeating: 0, count: size)
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
        stepsSinceFullCheck += 1
        let full = stepsSinceFullCheck >= Self.fullCheckInterval
        if full { stepsSinceFullCheck = 0 }
        checkLeaders(states, live, names)
        checkCommitted(states, live, names, full: full)
        for a in (full ? Array(states.indices) : touched.sorted()) {
            for b in states.indices where b != a { checkLogMatching(states, a, b, names, window: full ? nil : Self.window) }
        }
    }

    /// Election safety: at most one leader per term.
    mutating func checkLeaders(_ states: [RaftState], _ live: [Int], _ names: [String]) {
        for i in live where states[i].currentRole == .leader {
            let s = states[i]
            if let other = leaders[s.currentTerm], other != i {
                fail("election-safety", "\(names[other]) and \(names[i]) are both leaders of term \(s.currentTerm)")
            } else if leaders[s.currentTerm] == nil {
                leaders[s.currentTerm] = i
                // A new leader must hold every committed entry (checked once, in full).
                if !s.log.starts(with: committed) { failCompleteness(i, s, names) }
            }
        }
    }

    func failCompletenessMessage(_ i: Int, _ s: RaftState, _ names: [String]) -> String {
        "leader \(names[i]) of term \(s.currentTerm) lacks committed entries " + Value.list(committed.map(\.rendered)).rendered
    }

    mutating func failCompleteness(_ i: Int, _ s: RaftState, _ names: [String]) {
        fail("leader-completeness", failCompletenessMessage(i, s, names))
    }

    /// Committed entries never change, and every leader holds them all.
    /// Each node's newly committed entries are compared with the committed
    /// prefix (with a few before them, against rewrites); `full` compares all.
    mutating func checkCommitted(_ states: [RaftState], _ live: [Int], _ names: [String], full: Bool = true) {
        for i in live {
            let s = states[i]
            let c = min(s.commitLength, s.log.count)
            let from = full ? 0 : max(0, min(verifiedCommit[i], c) - 8)
            verifiedCommit[i] = c
            guard c > from else { continue }
            let common = min(c, committed.count)
            if from < common && !s.log[from..<common].elementsEqual(committed[from..<common]) {
                fail("leader-completeness", "\(names[i]) committed \(Value.list(s.log.prefix(c).map(\.rendered)).rendered) "
                     + "but \(Value.list(committed.map(\.rendered)).rendered) was committed before")
            } else if c > committed.count {
                committed.append(contentsOf: s.log[committed.count..<c])
            }
        }
        for i in live where states[i].currentRole == .leader {
            let log = states[i].log
            let start = full ? 0 : max(0, committed.count - Self.window)
            if log.count < committed.count || !log[start..<committed.count].elementsEqual(committed[start...]) {
                failCompleteness(i, states[i], names)
            }
        }
    }

    /// Log matching: an entry with the same index and term means the same
    /// log up to it.
    mutating func checkLogMatching(_ states: [RaftState], _ a: Int, _ b: Int, _ names: [String], window: Int? = nil) {
        let x = states[a].log, y = states[b].log
        guard let i = (0..<min(x.count, y.count)).last(where: { x[$0].term == y[$0].term }) else { return }
        let from = window.map { max(0, i + 1 - $0) } ?? 0
        if !x[from...i].elementsEqual(y[from...i]) {
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
        } else if mine.count == longestDelivered.count + 1 {
            // Every earlier delivery of this node was checked against the
            // common sequence when it happened, so it extends it.
            longestDelivered.append(msg)
        } else {
            fail("delivered-prefix", "\(names[node]) delivered \(Value.list(mine).rendered), which is not an "
                 + "extension of \(Value.list(longestDelivered).rendered)")
        }
    }
}
