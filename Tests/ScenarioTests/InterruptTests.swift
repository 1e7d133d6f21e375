import Scenario
import Testing

/// Issue 17: a long run stops where it is when the screen asks (Esc), and
/// what ran stays a replayable script.
@Suite struct InterruptTests {
    /// A stop asked during `run` ends it at the next report; the log keeps
    /// what ran as `step K`, which replays to the same state.
    @Test func aStoppedRunIsLoggedAsTheStepsThatRan() throws {
        var session = try PlaySession(clusterLine: "cluster raft nodes=5 seed=7 heartbeat=5")
        #expect(session.run(text: "step 100") == nil)
        let interrupt = Interrupt()
        interrupt.requestStop()
        session.interrupt = interrupt
        #expect(session.run(text: "run max=100000") == nil)
        let stopped = session.endInterruptible()
        #expect(stopped == 512, "the next report after step 100")
        #expect(session.core.step == 512 && interrupt.steps == 512)
        #expect(session.script == "cluster raft nodes=5 seed=7 heartbeat=5\nstep 100\nstep 412\n")
        let replay = try PlaySession(commands: session.script.split(separator: "\n").map(String.init))
        #expect(replay.core.step == 512 && replay.core.eventCount == session.core.eventCount)
        // The interrupt is gone: the run goes on.
        #expect(session.run(text: "step 600") == nil)
        #expect(session.core.step == 1_112)
    }

    /// A replay stopped part way keeps the commands that ran and says which
    /// one was running; without a stop the interrupt only hears progress.
    @Test func aReplayStopsBetweenOrInsideCommands() throws {
        let commands = ["cluster raft nodes=3 seed=7", "step 700", "timeout A", "step 3"]
        let quiet = Interrupt()
        let whole = try PlaySession(commands: commands, interrupt: quiet)
        #expect(whole.core.step == 704 && quiet.command == 4 && quiet.steps == 512)
        #expect(whole.interrupt == nil, "the session forgets its interrupt")
        let stop = Interrupt()
        stop.requestStop()
        let cut = try PlaySession(commands: commands, interrupt: stop)
        #expect(cut.core.step == 0 && cut.log.isEmpty && stop.command == 0, "stopped before the first command")
    }
}
