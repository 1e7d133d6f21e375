import Sim

/// What Paxos's invariants remember: the values proposed and the values
/// decided anywhere, ever (a learner that crashes forgets; the run does not).
public struct PaxosGhost: Sendable, Hashable {
    public static let names = ["agreement", "validity"]

    /// Chunked, so the timeline's snapshots share it instead of copying it.
    var proposed = ChunkedArray<String>()
    /// Distinct decided values, in the order first decided.
    public internal(set) var decided: [String] = []
    public internal(set) var failures: [String: String] = [:]
    /// `value@ballot` once a majority of acceptors accepted one ballot: the
    /// moment the value is chosen, whether or not anyone knows it yet.
    public internal(set) var chosen: String? = nil
    /// Acceptors that ever accepted each (round, value), until one is chosen.
    var acceptedBy: [String: Set<Int>] = [:]
    /// Trace notes to record after this step (the chosen moment).
    var notes: [String] = []

    public init() {}

    /// A value is proposed by the step's request, made at a live node (a
    /// crashed node ignores it). The engine and the explorer's lean engine
    /// both call this, with the states and crashed flags after the step.
    mutating func update(_ digest: StepDigest, _ states: [PaxosState], _ crashed: [Bool], names: [String],
                         quorum: Int) {
        if chosen == nil { watchAccepts(digest, states, names, quorum: quorum) }
        if case .request(let node, let r) = digest.action, r.is(CommonRequests.propose), let value = r.text,
           !crashed[node.index] {
            proposed.append(value)
        }
        for d in digest.deliveries {
            let node = d.node, text = d.label
            if !proposed.contains(text), failures["validity"] == nil {
                failures["validity"] = "\(names[node]) decided \(text), which nobody proposed"
            }
            if !decided.contains(text) {
                decided.append(text)
                if decided.count > 1, failures["agreement"] == nil {
                    failures["agreement"] = "\(names[node]) decided \(text) but \(decided[0]) was decided before"
                }
            }
        }
    }

    /// An acceptor's `accepted` changes only at an event of its own, so the
    /// nodes with events in this step are the only ones to look at.
    private mutating func watchAccepts(_ digest: StepDigest, _ states: [PaxosState], _ names: [String],
                                       quorum: Int) {
        for node in digest.touchedNodes where node < states.count {
            guard let a = states[node].accepted else { continue }
            let key = "\(a.value)@\(a.ballot)"
            // Inserted only when new, so an unchanged ghost keeps sharing storage.
            if acceptedBy[key]?.contains(node) != true { acceptedBy[key, default: []].insert(node) }
            guard acceptedBy[key]!.count >= quorum else { continue }
            chosen = key
            let who = acceptedBy[key]!.sorted().map { names[$0] }.joined(separator: ",")
            notes.append("chosen: \(a.value) accepted at \(a.ballot) by a majority (\(who))")
            acceptedBy = [:]
            return
        }
    }
}
