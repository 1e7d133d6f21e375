import Sim

extension ThreePhaseCommit {
    /// As 2PC's benchmark (a loss breaks 3PC's assumption and may split a
    /// transaction; the engine's cost is what is measured).
    public static var benchmark: EngineBenchmark? {
        CommitChecks.benchmark { try! ThreePhaseCommit(cluster: $0, options: []) }
    }
}
