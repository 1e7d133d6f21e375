import Sim

/// The invariants (as 2PC's, over 3PC's states) and the assumptions the
/// ghost watches: a 3PC message lost other than to a crashed receiver
/// (`reliable-links`: a loss, a drop, a partition), one that took longer
/// than `max-delay` ticks (`bounded-delay`), a timer fired by hand
/// (`timely-timeouts`).
extension ThreePhaseCommit {
    public func updateGhost(_ ghost: inout ThreePCGhost, _ sim: Simulation<ThreePhaseCommit>, _ range: Range<Int>,
                            action: StepAction) {
        for i in range {
            let e = sim.event(i)
            switch e.kind {
            case .drop where e.reason != .crashed:
                guard let id = e.message, let m = sim.message(id) else { continue }
                let how = e.reason == .partition ? "a partition cut" : "the network lost"
                broke("reliable-links", "\(how) \(m.payload.summary) to \(cluster.name(m.to))", &ghost)
            case .receive:
                guard let id = e.message, let m = sim.message(id), e.time - m.sentAt > maxDelayTicks else { continue }
                broke("bounded-delay", "\(m.payload.summary) took \(e.time - m.sentAt) ticks to reach "
                      + "\(cluster.name(m.to)), more than max-delay=\(maxDelayTicks)", &ghost)
            case .timeout:
                guard case .fireTimeout = action, let node = e.node else { continue }
                broke("timely-timeouts", "\(cluster.name(node))'s timer was fired by hand", &ghost)
            default: continue
            }
        }
    }

    private func broke(_ assumption: String, _ what: String, _ ghost: inout ThreePCGhost) {
        guard !ghost.assumptionsBroken.contains(assumption) else { return }
        ghost.assumptionsBroken.append(assumption)
        ghost.notes.append("assumption violated: \(assumption) (\(what)); 3PC's timeouts are sound only with "
                           + "reliable links, bounded delays and timers on time (seed 001)")
    }

    /// The transactions the messages of trace events `range` carry, and
    /// a timed-out node's latest (a timeout decides without a message).
    static func transactions(_ sim: Simulation<ThreePhaseCommit>, _ range: Range<Int>) -> [Int] {
        var ids = CommitChecks.transactions(sim, range) { $0.id }
        for i in range where sim.event(i).kind == .timeout {
            guard let node = sim.event(i).node, let id = sim.world.states[node.index].latestId, !ids.contains(id) else { continue }
            ids.append(id)
        }
        return ids.sorted()
    }

    /// No transaction commits at one node and aborts at another.
    func atomicityBroken(_ states: [State], ids: [Int]) -> String? {
        CommitChecks.atomicityBroken(cluster.names, ids: ids) { states[$0].records }
    }

    /// The coordinator commits only with every participant's yes on record.
    func commitWithoutYes(_ states: [State], ids: [Int]) -> String? {
        for id in ids {
            guard let r = states[coordinator.index].records[id], r.decision == .commit else { continue }
            let missing = participants.filter { p in
                let st = states[p.index].records[id]?.state
                return st != .voted && st != .prepared && st != .committed
            }
            if !missing.isEmpty {
                return "\(r.name) committed without a yes from " + missing.map(cluster.name).joined(separator: ",")
            }
        }
        return nil
    }
}

extension ThreePCRecord: CommitRecord {
    var committedHere: Bool { state == .committed || decision == .commit }
    var abortedHere: Bool { state == .aborted || decision == .abort }
}
