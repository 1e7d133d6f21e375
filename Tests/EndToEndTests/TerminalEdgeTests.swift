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
}
