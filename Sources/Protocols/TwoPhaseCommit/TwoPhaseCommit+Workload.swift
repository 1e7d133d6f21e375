import Sim

extension TwoPhaseCommit {
    /// Two-phase commit on 5 nodes, 1 % loss, transaction after transaction
    /// (a lost vote ends in abort after the vote timeout).
    public static var benchmark: EngineBenchmark? {
        CommitChecks.benchmark { try! TwoPhaseCommit(cluster: $0, options: []) }
    }
}
