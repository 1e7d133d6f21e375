import Sim

/// What Paxos's invariants remember: the values proposed and the values
/// decided anywhere, ever (a learner that crashes forgets; the run does not).
public struct PaxosGhost: Sendable, Equatable {
    public static let names = ["agreement", "validity"]

    /// Chunked, so the timeline's snapshots share it instead of copying it.
    var proposed = ChunkedArray<String>()
    /// Distinct decided values, in the order first decided.
    public internal(set) var decided: [String] = []
    public internal(set) var failures: [String: String] = [:]

    public init() {}

    mutating func update(_ sim: Simulation<Paxos>, _ range: Range<Int>) {
        let names = sim.cluster.names
        for index in range {
            let e = sim.trace[index]
            guard let node = e.node?.index, let text = e.text else { continue }
            if e.kind == .local, text.hasPrefix("propose ") {
                proposed.append(String(text.dropFirst("propose ".count)))
            }
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
