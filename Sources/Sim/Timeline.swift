/// Step back and forward over a run (DESIGN.md §3). The timeline records the
/// action of every step and keeps a snapshot of the world every
/// `snapshotInterval` steps; going to step s restores the nearest snapshot at
/// or before s and replays the recorded actions. The engine is deterministic,
/// so the result is exact. Acting at a step in the past forks: the old
/// future is kept as a branch and the new action continues from here.
public struct Timeline<P: NodeProtocol>: Sendable {
    public private(set) var sim: Simulation<P>
    /// The action of step i+1 is `actions[i]`; may run past the current step.
    public private(set) var actions: [StepAction] = []
    /// Abandoned futures, each with the step it forked from.
    public private(set) var branches: [(fromStep: Int, actions: [StepAction])] = []
    /// Grows as the run does: snapshots are thinned to at most
    /// `snapshotsMax`, so memory stays bounded and a jump replays at most one
    /// interval.
    public private(set) var snapshotInterval: Int
    public let snapshotsMax = 64
    /// `snapshots[k]` is the world after step k * snapshotInterval.
    private var snapshots: [World<P>]

    public init(_ sim: Simulation<P>, snapshotInterval: Int = 256) {
        precondition(snapshotInterval >= 1)
        precondition(sim.world.step == 0, "a timeline starts from a fresh simulation")
        self.sim = sim
        self.snapshotInterval = snapshotInterval
        snapshots = [sim.world]
    }

    /// A timeline over a world reached elsewhere (an explored state), for
    /// queries only: it has no history, so it cannot go back (`go(to:)`
    /// refuses) and is never stepped.
    public init(viewing sim: Simulation<P>) {
        self.sim = sim
        snapshotInterval = 256
        snapshots = []
    }

    public var step: Int { sim.world.step }
    /// The furthest step recorded (reachable by stepping forward).
    public var lastStep: Int { actions.count }

    /// Perform a step at the current point. Repeating the recorded action
    /// just moves forward; a different action in the past forks.
    @discardableResult
    public mutating func perform(_ action: StepAction) throws(SimError) -> Range<Int> {
        if step < actions.count {
            if actions[step] == action {
                let start = sim.eventCount
                go(to: step + 1)
                return start..<sim.eventCount
            }
            try sim.validate(action)
            if action == .next && sim.nextEventTime == nil { throw .nothingToStep }
            discardFuture()
        }
        let range = try sim.perform(action)
        actions.append(action)
        takeSnapshotIfDue()
        return range
    }

    private mutating func takeSnapshotIfDue() {
        guard step % snapshotInterval == 0 && step / snapshotInterval == snapshots.count else { return }
        snapshots.append(sim.world)
        if snapshots.count > snapshotsMax {
            // Keep every other one: snapshots[k] is again the world after
            // step k × interval.
            snapshots = snapshots.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            snapshotInterval *= 2
        }
    }

    /// Move to `target` (0...lastStep) without changing the recorded history.
    public mutating func go(to target: Int) {
        precondition(!snapshots.isEmpty, "a timeline viewing an explored world has no history to go to")
        let target = min(max(target, 0), lastStep)
        let k = target / snapshotInterval
        if target < step || (k > step / snapshotInterval && k < snapshots.count) {
            sim.world = snapshots[k]
        }
        // Bounded: at most `lastStep` replays, and each recorded action
        // succeeded before, so it succeeds again.
        while step < target {
            do {
                try sim.perform(actions[step])
            } catch {
                preconditionFailure("replay of step \(step + 1) failed: \(error.message)")
            }
            takeSnapshotIfDue()
        }
    }

    /// Forget the recorded steps after the current one (kept as a branch):
    /// the current step becomes the last.
    public mutating func discardFuture() {
        guard step < actions.count else { return }
        branches.append((fromStep: step, actions: Array(actions[step...])))
        actions.removeSubrange(step...)
        if snapshots.count > step / snapshotInterval + 1 {
            snapshots.removeSubrange((step / snapshotInterval + 1)...)
        }
        sim.discardFuture()
    }

    public mutating func back(_ n: Int = 1) { go(to: step - n) }
    public mutating func forward(_ n: Int = 1) { go(to: step + n) }
}
