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

    public init() {}

    /// A value is proposed by the step's request, made at a live node (a
    /// crashed node ignores it).
    mutating func update(_ sim: Simulation<Paxos>, _ range: Range<Int>, action: StepAction) {
        let names = sim.cluster.names
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
}
