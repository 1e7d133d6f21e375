import Sim

/// What Raft's safety invariants remember, checked as each step is folded in:
/// the leader of every term, the longest committed prefix seen, and how
/// much of it each node delivered (commitLength survives a restart, so a
/// restarted node goes on from there).
///
/// Cost per step stays flat as logs grow: a node whose log, commit point,
/// role and term did not change in a step is not checked again; a changed
/// node has its newly committed entries and a window at the end of its log
/// checked (a new leader's whole log once); and everything is checked in
/// full every `fullCheckInterval` steps or every as many steps as the logs
/// hold entries, whichever is longer, so the full check costs O(1) a step.
public struct RaftGhost: Sendable, Hashable {
    public static let names = ["election-safety", "log-matching", "leader-completeness", "delivered-prefix",
                               "vote-once-per-term", "term-monotonic"]

    /// term → the nodes that led it, in the order they became leader (more
    /// than one only when election safety is broken).
    public internal(set) var leaders: [Int: [Int]] = [:]
    /// Chunked, so the timeline's snapshots share it instead of copying it.
    var committed = ChunkedArray<LogEntry>()
    /// For each committed entry, a term by which it was committed: the
    /// lowest term of any node seen holding it committed. A node learns of a
    /// commit from a leader of its own term or later, so this is never below
    /// the term that committed it. Leader completeness binds the leaders of
    /// later terms only: a partitioned leader of an older term need not
    /// hold what a newer one committed (Raft paper §5.4.3). It never
    /// decreases along the list: a node holding entry k committed holds
    /// k − 1 too, seen at the same term or an earlier, lower one. Why the
    /// lowest and not the first seen: the lowest does not depend on the
    /// order in which two nodes were seen, so steps at different nodes
    /// commute (the explorer's sleep sets rely on it, docs/EXPLORER.md).
    var committedTerms = ChunkedArray<Int>()
    /// How many entries each node delivered, restarts included; every one
    /// was checked against `longestDelivered` when it happened.
    var deliveredCount: [Int]
    var longestDelivered = ChunkedArray<String>()
    public internal(set) var failures: [String: String] = [:]
    /// Per node: how much of its committed prefix has been checked.
    var verifiedCommit: [Int]
    /// Per node: what it looked like when last checked.
    var marks: [Mark]
    var stepsSinceFullCheck = 0
    /// Per node: the term and vote (node index, -1 for none) last seen, for
    /// vote-once-per-term and term-monotonic (seed 002: currentTerm and
    /// votedFor are durable precisely so that neither can go back).
    var lastTerm: [Int]
    var lastVote: [Int]
    static let fullCheckInterval = 1_024
    static let window = 8

    /// The parts of a node's state the checks read. Unchanged mark, nothing
    /// new to check (a log rewritten to the same length, last entry, commit
    /// point, role and term in one step is caught by the next full check).
    struct Mark: Equatable, Sendable {
        var count = 0, commit = 0, term = 0
        var last: LogEntry? = nil
        var leader = false, crashed = false

        init() {}
        init(_ s: RaftState, crashed: Bool) {
            count = s.log.count
            commit = s.commitLength
            term = s.currentTerm
            last = s.log.last
            leader = s.currentRole == .leader
            self.crashed = crashed
        }

        /// Whether `s` would make this mark, without making it (a mark and
        /// a state copied for every node at every step were a tenth of the
        /// explorer's instructions).
        func matches(_ s: RaftState, crashed: Bool) -> Bool {
            count == s.log.count && commit == s.commitLength && term == s.currentTerm
                && leader == (s.currentRole == .leader) && self.crashed == crashed && last == s.log.last
        }
    }

    public init(size: Int) {
        deliveredCount = Array(repeating: 0, count: size)
        verifiedCommit = Array(repeating: 0, count: size)
        marks = Array(repeating: Mark(), count: size)
        lastTerm = Array(repeating: 0, count: size)
        lastVote = Array(repeating: -1, count: size)
    }

    /// Equal when the remembered history is equal. `verifiedCommit`, `marks`
    /// and `stepsSinceFullCheck` only say how much checking is left to do,
    /// so two ghosts that differ only there describe the same run's past
    /// (the explorer's visited set must not tell them apart).
    public static func == (a: RaftGhost, b: RaftGhost) -> Bool {
        a.leaders == b.leaders && a.committed == b.committed && a.committedTerms == b.committedTerms
            && a.deliveredCount == b.deliveredCount
            && a.longestDelivered == b.longestDelivered && a.failures == b.failures
            && a.lastTerm == b.lastTerm && a.lastVote == b.lastVote
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(leaders)
        hasher.combine(committed)
        hasher.combine(committedTerms)
        hasher.combine(deliveredCount)
        hasher.combine(longestDelivered)
        hasher.combine(failures)
        hasher.combine(lastTerm)
        hasher.combine(lastVote)
    }

    /// Every field `==` compares, as words for `WordMix` (the explorer
    /// hashes a changed ghost at every step that changes it: with `Hasher`,
    /// a fifth of such a step). Dictionaries are summed entry by entry, so
    /// their order does not count.
    public var wordHash: Int {
        var h = WordMix()
        h.combine(leaders.count)
        h.combine(leaders.reduce(0) { sum, entry in
            var e = WordMix()
            e.combine(entry.key)
            e.combine(entry.value.count)
            for node in entry.value { e.combine(node) }
            return sum &+ e.finalize()
        })
        h.combine(committed.count)
        for entry in committed {
            h.combine(entry.term)
            h.combine(entry.msg.hashValue)
        }
        h.combine(committedTerms.count)
        for term in committedTerms { h.combine(term) }
        h.combine(longestDelivered.count)
        for msg in longestDelivered { h.combine(msg.hashValue) }
        h.combine(failures.count)
        h.combine(failures.reduce(0) { sum, entry in
            var e = WordMix()
            e.combine(entry.key.hashValue)
            e.combine(entry.value.hashValue)
            return sum &+ e.finalize()
        })
        func combine(_ counts: [Int]) {
            h.combine(counts.count)
            for n in counts { h.combine(n) }
        }
        combine(deliveredCount)
        combine(lastTerm)
        combine(lastVote)
        return h.finalize()
    }

    mutating func fail(_ name: String, _ why: String) {
        if failures[name] == nil { failures[name] = why }
    }

    /// Fold in one step: its deliveries, then the states (and crashed
    /// flags) after it. The engine and the explorer's lean engine both call this.
    mutating func update(_ digest: StepDigest, _ states: [RaftState], _ crashed: [Bool], _ names: [String]) {
        for d in digest.deliveries { deliver(d.label, at: d.node, names) }
        checkTermsAndVotes(states, names)
        var changed = 0
        var logEntries = 0
        for i in states.indices {
            if !marks[i].matches(states[i], crashed: crashed[i]) {
                marks[i] = Mark(states[i], crashed: crashed[i])
                changed |= 1 << i
            }
            logEntries += marks[i].count
        }
        stepsSinceFullCheck += 1
        let full = stepsSinceFullCheck >= max(Self.fullCheckInterval, logEntries)
        if full { stepsSinceFullCheck = 0; changed = ~0 }
        guard changed != 0 else { return }
        // A crashed node's state is frozen as it was; it leads nothing.
        // Lazily: a filtered array was two allocations a step.
        let live = states.indices.lazy.filter { !crashed[$0] }
        checkLeaders(states, live, names)
        checkCommitted(states, live, names, full: full, changed: changed)
        for a in states.indices where changed & (1 << a) != 0 {
            for b in states.indices where b != a { checkLogMatching(states, a, b, names, window: full ? nil : Self.window) }
        }
    }

    /// Whether `update` with these arguments would leave this ghost equal
    /// (`==`) and fail nothing new: no delivery, and every node's term,
    /// vote and mark as last seen, so no check runs (and no full check is
    /// due). `update` would only count the step towards the next full
    /// check, which `==` does not compare.
    func isQuiet(_ digest: StepDigest, _ states: [RaftState], _ crashed: [Bool]) -> Bool {
        guard digest.deliveries.isEmpty, stepsSinceFullCheck + 1 < Self.fullCheckInterval else { return false }
        // Read in place: `states[i]` as a value copies the state (its arrays
        // retained and released), three times a step.
        return states.withUnsafeBufferPointer { s in
            s.indices.allSatisfy { i in
                let m = marks[i]
                return s[i].currentTerm == lastTerm[i] && (s[i].votedFor?.index ?? -1) == lastVote[i]
                    && m.count == s[i].log.count && m.commit == s[i].commitLength && m.term == s[i].currentTerm
                    && m.leader == (s[i].currentRole == .leader) && m.crashed == crashed[i]
                    && (m.count == 0 || m.last == s[i].log.last)
            }
        }
    }

    /// A node's term never decreases, and within one term its vote, once
    /// given, never moves to another candidate.
    mutating func checkTermsAndVotes(_ states: [RaftState], _ names: [String]) {
        for i in states.indices {
            let term = states[i].currentTerm, vote = states[i].votedFor?.index ?? -1
            if term < lastTerm[i] {
                fail("term-monotonic", "\(names[i])'s currentTerm went from \(lastTerm[i]) back to \(term)")
            } else if term == lastTerm[i], lastVote[i] >= 0, vote >= 0, vote != lastVote[i] {
                fail("vote-once-per-term", "\(names[i]) voted for \(names[lastVote[i]]) and then for \(names[vote]) "
                     + "in term \(term)")
            }
            // Written only when changed, so an unchanged ghost keeps sharing
            // its arrays (the explorer compares ghosts by storage first).
            if lastTerm[i] != term { lastTerm[i] = term }
            if lastVote[i] != vote { lastVote[i] = vote }
        }
    }

    /// Election safety: at most one leader per term.
    mutating func checkLeaders(_ states: [RaftState], _ live: some Sequence<Int>, _ names: [String]) {
        for i in live where states[i].currentRole == .leader {
            let s = states[i]
            if let known = leaders[s.currentTerm], let first = known.first, !known.contains(i) {
                fail("election-safety", "\(names[first]) and \(names[i]) are both leaders of term \(s.currentTerm)")
                leaders[s.currentTerm]?.append(i)
            } else if leaders[s.currentTerm] == nil {
                leaders[s.currentTerm] = [i]
                // A new leader must hold every entry committed before its term (checked once, in full).
                if !s.log.starts(with: committed.prefix(mustHold(term: s.currentTerm))) { failCompleteness(i, s, names) }
            }
        }
    }

    func failCompletenessMessage(_ i: Int, _ s: RaftState, _ names: [String]) -> String {
        "leader \(names[i]) of term \(s.currentTerm) lacks committed entries "
            + Value.list(committed.prefix(mustHold(term: s.currentTerm)).map(\.rendered)).rendered
    }

    /// How many committed entries a leader of `term` must hold: those
    /// committed by an earlier term (binary search: `committedTerms` never decreases along the list).
    func mustHold(term: Int) -> Int {
        var low = 0, high = committedTerms.count
        while low < high {
            let mid = (low + high) / 2
            if committedTerms[mid] < term { low = mid + 1 } else { high = mid }
        }
        return low
    }

    mutating func failCompleteness(_ i: Int, _ s: RaftState, _ names: [String]) {
        fail("leader-completeness", failCompletenessMessage(i, s, names))
    }

    /// Committed entries never change, and every leader holds them all.
    /// Each changed node's newly committed entries are compared with the
    /// committed prefix (with a few before them, against rewrites); `full`
    /// compares all.
    mutating func checkCommitted(_ states: [RaftState], _ live: some Sequence<Int>, _ names: [String], full: Bool = true,
                                 changed: Int = ~0) {
        let committedBefore = committed.count
        for i in live where changed & (1 << i) != 0 {
            let s = states[i]
            let c = min(s.commitLength, s.log.count)
            let from = full ? 0 : max(0, min(verifiedCommit[i], c) - 8)
            if verifiedCommit[i] != c { verifiedCommit[i] = c }
            guard c > from else { continue }
            let common = min(c, committed.count)
            if from < common && !s.log[from..<common].elementsEqual(committed[from..<common]) {
                fail("leader-completeness", "\(names[i]) committed \(Value.list(s.log.prefix(c).map(\.rendered)).rendered) "
                     + "but \(Value.list(committed.map(\.rendered)).rendered) was committed before")
            } else {
                // Written only where lower, so an unchanged ghost keeps sharing its chunks.
                for k in from..<common where committedTerms[k] > s.currentTerm { committedTerms[k] = s.currentTerm }
                if c > committed.count {
                    committedTerms.append(contentsOf: repeatElement(s.currentTerm, count: c - committed.count))
                    committed.append(contentsOf: s.log[committed.count..<c])
                }
            }
        }
        let grew = committed.count != committedBefore
        for i in live where states[i].currentRole == .leader && (grew || changed & (1 << i) != 0) {
            let log = states[i].log
            let held = mustHold(term: states[i].currentTerm)
            let start = full ? 0 : max(0, held - Self.window)
            if log.count < held || !log[start..<held].elementsEqual(committed[start..<held]) {
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
        if (from...i).contains(where: { x[$0] != y[$0] }) {
            fail("log-matching", "\(names[a]) and \(names[b]) agree on entry \(i + 1)'s term but not on the log before it")
        }
    }

    /// Every node delivers a prefix of one common sequence.
    mutating func deliver(_ msg: String, at node: Int, _ names: [String]) {
        deliveredCount[node] += 1
        let n = deliveredCount[node]
        if n <= longestDelivered.count {
            if longestDelivered[n - 1] != msg {
                fail("delivered-prefix", "\(names[node]) delivered \(msg) as entry \(n), others delivered "
                     + longestDelivered[n - 1])
            }
        } else {
            // n is one more than the common sequence: every earlier delivery
            // of this node was checked against it when it happened.
            longestDelivered.append(msg)
        }
    }
}
