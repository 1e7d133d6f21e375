import Foundation

/// A long computation's line to the screen (issue 17): the engine reports
/// how far it got every `everySteps` steps, and stops at the next report
/// once someone asked it to. The thread that runs and the thread that draws
/// share it, hence the lock (taken once per `everySteps` steps: nothing).
public final class Interrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var stepsReached = 0
    private var commandReached = 0
    private var stopRequested = false
    private var exploring = false

    /// Steps between two reports: a step takes about a microsecond, so the
    /// screen hears of progress, and a stop takes effect, within a millisecond.
    static let everySteps = 512

    public init() {}

    /// The last step reported.
    public var steps: Int { lock.withLock { stepsReached } }
    /// The command (from 1) that is running, where the caller counts commands.
    public var command: Int { lock.withLock { commandReached } }
    public var isStopRequested: Bool { lock.withLock { stopRequested } }

    /// Ask the run to stop at its next report.
    public func requestStop() { lock.withLock { stopRequested = true } }

    /// The run reports `steps`; true when it must stop.
    func report(steps: Int) -> Bool {
        lock.withLock {
            stepsReached = steps
            return stopRequested
        }
    }

    func report(command: Int) { lock.withLock { commandReached = command } }

    /// An explorer's progress (`/`): the states it has seen; false when it
    /// must stop. `steps` then counts states, and `isExploring` says so.
    public func report(statesExplored: Int) -> Bool {
        lock.withLock {
            exploring = true
            stepsReached = statesExplored
            return !stopRequested
        }
    }

    public var isExploring: Bool { lock.withLock { exploring } }
}
