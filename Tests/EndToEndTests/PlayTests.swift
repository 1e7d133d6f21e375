import Foundation
import Testing
import TestSupport

/// The real binary under tmux, driven by the key map (DESIGN.md §9).
@Suite(.serialized) struct PlayTests {
    func start(_ args: String, width: Int = 100, height: Int = 30) throws -> Tmux {
        let tmux = try Tmux(width: width, height: height)
        try tmux.type(Paths.batonBinary + " " + args)
        #expect(tmux.waitFor { $0.contains("free play") }, "baton play did not start:\n\(tmux.screen())")
        return tmux
    }

    /// Press a key until the screen shows `text`; false after `limit` presses.
    func press(_ key: String, until text: String, in tmux: Tmux, limit: Int = 300) throws -> Bool {
        for _ in 0..<limit {
            if tmux.screen().contains(text) { return true }
            try tmux.send(key)
            _ = tmux.waitFor(timeout: 0.5) { $0.contains(text) }
        }
        return tmux.screen().contains(text)
    }

    /// The node that leads, read from the Nodes panel (`▸A role=leader`).
    func leader(_ screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: " role=leader") else { continue }
            let before = line[..<range.lowerBound]
            if let name = before.split(whereSeparator: { " ▸│".contains($0) }).last { return String(name) }
        }
        return nil
    }

    @Test func raftElectionDropCrashBackResizeQuit() throws {
        let tmux = try start("play raft --nodes 5 --seed 7")
        #expect(try press("Space", until: "role=leader", in: tmux), "no leader:\n\(tmux.screen())")
        let first = try #require(leader(tmux.screen()))

        // Drop the selected message: its arrow ends in ╳.
        #expect(try press("Space", until: "In flight (", in: tmux))
        try tmux.send("Tab")
        try tmux.send("d")
        #expect(tmux.waitFor { $0.contains("╳") }, "no lost message drawn:\n\(tmux.screen())")

        // Crash the leader: a new election elects another node.
        let index = Int(first.unicodeScalars.first!.value) - 64
        try tmux.send("\(index)")
        try tmux.send("c")
        #expect(tmux.waitFor { $0.contains("crash \(first)") })
        // The lifeline headers carry each node's headline (`leader t2`).
        #expect(try press("Space", until: "leader t2", in: tmux, limit: 400)
                || tmux.screen().contains("leader t3"), "no new leader:\n\(tmux.screen())")

        // Step back: the earlier screen, exactly (title and status aside).
        let before = tmux.settled()
        try tmux.send("Space")
        _ = tmux.waitFor { $0 != before }
        try tmux.send("b")
        let after = tmux.settled()
        func body(_ s: String) -> [String] {
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return Array(lines.dropFirst().prefix(tmux.height - 4))
        }
        #expect(body(after) == body(before), "step back differs:\n\(before)\n----\n\(after)")

        // Resize below the minimum and back.
        try tmux.resize(width: 40, height: 12)
        #expect(tmux.waitFor { $0.contains("terminal too small") })
        try tmux.resize(width: 100, height: 30)
        #expect(tmux.waitFor { $0.contains("free play") && !$0.contains("terminal too small") })

        try tmux.send("q")
        #expect(tmux.terminalIsRestored(), "terminal not restored after q:\n\(tmux.screen())")
    }

    @Test func helpAndAsciiAndNoTerminal() throws {
        let tmux = try start("play vector --nodes 3")
        try tmux.send("?")
        #expect(tmux.waitFor { $0.contains("Keys (? or esc closes)") })
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
        try tmux.type("LANG=C " + Paths.batonBinary + " play raft --nodes 3")
        #expect(tmux.waitFor { $0.contains("Raft . free play") }, "no ASCII screen:\n\(tmux.screen())")
        #expect(!tmux.screen().contains("│"))
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
        // Not a terminal: a clear error and exit 2, never a spin.
        let result = try Subprocess.run(Paths.batonBinary, ["play", "raft"], timeoutSeconds: 10)
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs an interactive terminal"))
    }

    /// Both views and the event-text column, by key, on the real binary:
    /// braille lines in space-time, `●#id` send marks and a `▶` on the
    /// receive row in sequence, and a drop drawn in each.
    @Test func viewsAndEventTextByKey() throws {
        let tmux = try start("play raft --nodes 3 --seed 7")
        try tmux.send("t")
        #expect(try press("Space", until: "role=leader", in: tmux), "no leader:\n\(tmux.screen())")
        let braille = { (s: String) in s.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }
        #expect(tmux.waitFor { braille($0) }, "no braille line:\n\(tmux.screen())")
        try tmux.send("v")
        #expect(tmux.waitFor { $0.contains("sequence view") && !braille($0) && $0.contains("●#") },
                "no sequence view:\n\(tmux.screen())")
        #expect(try press("Space", until: "In flight (", in: tmux))
        try tmux.send("Tab")
        try tmux.send("d")
        #expect(tmux.waitFor { $0.contains("╳") }, "no lost message in the sequence view:\n\(tmux.screen())")
        let shown = tmux.screen().contains("latest")
        try tmux.send("E")
        #expect(tmux.waitFor { $0.contains(shown ? "event text hidden" : "event text shown") })
        #expect(tmux.waitFor { $0.contains("latest") != shown }, "E did not toggle the event text:\n\(tmux.screen())")
        try tmux.send("v")
        #expect(tmux.waitFor { $0.contains("space-time view") && braille($0) })
        try tmux.send("q")
        #expect(tmux.terminalIsRestored(), "terminal not restored after q:\n\(tmux.screen())")
    }
}
