import Foundation
import Testing
import TestSupport

/// Issue 17's smaller edges: Ctrl-\ restores the terminal like Ctrl-C, a
/// terminal that cannot move its cursor is refused in words, and a FIFO
/// given as a file is refused instead of waited on for ever.
@Suite(.serialized) struct TerminalEdgeTests {
    @Test func ctrlBackslashRestoresTheTerminalWithoutACrashReport() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.type(Paths.batonBinary + " play raft")
        #expect(tmux.waitFor { $0.contains("free play") }, "did not start:\n\(tmux.screen())")
        try tmux.send("C-\\")
        #expect(tmux.terminalIsRestored())
        #expect(!tmux.screen().contains("crashed"), "\(tmux.screen())")
    }

    @Test func aDumbTerminalIsRefusedInWords() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.type("TERM=dumb " + Paths.batonBinary + " play raft; echo EXIT=$?")
        #expect(tmux.waitFor { $0.contains("EXIT=2") }, "\(tmux.screen())")
        #expect(tmux.screen().contains("cannot move the cursor"))
        #expect(tmux.terminalIsRestored())
    }

    @Test func aFIFOIsNotReadAsAScenario() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-fifo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/s.baton"
        #expect(mkfifo(fifo, 0o600) == 0)
        for args in [["run", fifo], ["lint", fifo]] {
            let result = try Subprocess.run(Paths.batonBinary, args, timeoutSeconds: 10)
            #expect(result.status != 0 && result.status != -9, "\(args): \(result.status)")
            #expect(result.stderr.contains("not a regular file"), "\(args): \(result.stderr)")
        }
    }
    /// A replay that takes a while shows its progress, and Esc opens what is
    /// done; a `run` typed at the command line does the same; q during either
    /// quits with the terminal restored.
    @Test func longWorkShowsProgressAndHearsEscAndQ() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-long-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/long.baton"
        // Seconds of work even in a release build; the test stops it early.
        try "cluster raft nodes=5 seed=7 heartbeat=5\nrun max=5000000\ntimeout A\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.type(Paths.batonBinary + " play " + file)
        #expect(tmux.waitFor { $0.contains("opening " + file) && $0.contains("Esc: open what is done so far") },
                "no progress while opening:\n\(tmux.screen())")
        #expect(tmux.waitFor { $0.contains("(command 2)") && !$0.contains("step 0 ") })
        try tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("stopped (Esc) in command 2 of 3") && $0.contains("free play from long.baton") },
                "Esc did not open the run so far:\n\(tmux.screen())")
        try tmux.send(":")
        try tmux.send("-l", "run max=5000000")
        try tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("running: step") && $0.contains("Esc stops here") },
                "no progress for a typed run:\n\(tmux.screen())")
        try tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("(Esc): the rest was not run") }, "\(tmux.screen())")
        try tmux.send(":")
        try tmux.send("-l", "run max=5000000")
        try tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("running: step") })
        try tmux.send("q")
        #expect(tmux.terminalIsRestored(), "q during a run did not quit:\n\(tmux.screen())")
        // q while opening quits too.
        try tmux.type(Paths.batonBinary + " play " + file)
        #expect(tmux.waitFor { $0.contains("Esc: open what is done so far") })
        try tmux.send("q")
        #expect(tmux.terminalIsRestored(), "q while opening did not quit:\n\(tmux.screen())")
    }
}
