import Foundation
import Sim
import Testing
import TestSupport

/// 20,000 random keys, with a resize every few hundred, into the real binary
/// under tmux: at the end the process is alive, answers a key, and `q` still
/// restores the terminal.
@Suite(.serialized) struct KeyStormTests {
    /// Every key of the map except `q` and Ctrl-C (which end the session),
    /// plus keys the map ignores, digits for prompts and Escape.
    static let keys = ["Space", "n", "Right", "b", "Left", "p", "+", "-", "=", "Tab", "BTab", "Enter", "d", "l", "L",
                       "u", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "c", "x", "h", "H", "a", ":", "S", "v", "t", "i", "f", "e", "?",
                       "/", "Up", "Down", "PageUp", "PageDown", "Home", "End", "BSpace", "Escape", "z", "F5", "é"]

    @Test func twentyThousandRandomKeysWithResizes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-storm-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try Tmux(width: 120, height: 40)
        // Exports (`e`) land in the temporary directory.
        try tmux.type("cd \(dir) && \(Paths.batonBinary) play raft --nodes 5 --seed 11")
        #expect(tmux.waitFor { $0.contains("free play") }, "baton play did not start:\n\(tmux.screen())")
        let pid = try #require(tmux.childPID())

        var rng = SeededGenerator(seed: 20_000)
        var sent = 0
        while sent < 20_000 {
            let batch = (0..<200).map { _ in Self.keys[rng.draw(0...(Self.keys.count - 1))] }
            try tmux.send(batch)
            sent += batch.count
            // Keys arrive faster than anyone types; let it catch up so that
            // the pty's buffer never decides what is tested.
            #expect(tmux.waitIdle(pid), "baton still busy a minute after key \(sent)")
            if sent % 1_000 == 0 {
                try tmux.resize(width: rng.draw(20...220), height: rng.draw(6...70))
            }
            #expect(kill(pid, 0) == 0, "baton died after \(sent) keys:\n\(tmux.screen())")
            if kill(pid, 0) != 0 { return }
        }

        // Responsive: back to a normal size, out of any prompt or help, then
        // the help box opens on `?` and closes again.
        try tmux.resize(width: 120, height: 40)
        try tmux.send(["Escape"])
        tmux.waitIdle(pid)
        let helpOpen = tmux.screen().contains("step: process the next event")
        try tmux.send(["?"])
        tmux.waitIdle(pid)
        #expect(tmux.waitFor { $0.contains("step: process the next event") != helpOpen },
                "no answer to `?` after the storm:\n\(tmux.screen())")
        try tmux.send(["q"])
        #expect(tmux.terminalIsRestored(), "terminal not restored after the storm:\n\(tmux.screen())")
    }
}
