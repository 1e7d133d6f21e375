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
    /// crashed node ignores it).
    mutating func update(_ sim: Simulation<Paxos>, _ range: Range<Int>, action: StepAction, quorum: Int) {
        let names = sim.cluster.names
        if chosen == nil { watchAccepts(sim, range, quorum: quorum) }
        if case .request(let node, let r) = action, r.is(CommonRequests.propose), let value = r.text,
           !sim.world.crashed[node.index] {
            proposed.append(value)
        }
        for index in range {
            let e = sim.trace[index]
            guard let node = e.node?.index, let text = e.text else { continue }
            guard e.kind == .deliver else { continue }
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
    private mutating func watchAccepts(_ sim: Simulation<Paxos>, _ range: Range<Int>, quorum: Int) {
        var touched: Set<Int> = []
        for index in range { if let node = sim.trace[index].node?.index { touched.insert(node) } }
        for node in touched.sorted() {
            guard let a = sim.world.states[node].accepted else { continue }
            let key = "\(a.value)@\(a.ballot)"
            acceptedBy[key, default: []].insert(node)
            guard acceptedBy[key]!.count >= quorum else { continue }
            chosen = key
            let who = acceptedBy[key]!.sorted().map { sim.cluster.names[$0] }.joined(separator: ",")
            notes.append("chosen: \(a.value) accepted at \(a.ballot) by a majority (\(who))")
            acceptedBy = [:]
            return
        }
    }
}
