import Foundation
import Testing
import TestSupport

/// The diagram on the real binary under tmux (issue 13): selection, drop and
/// crash in both views, the state strip, and scrolling one row per event
/// with the terminal's own scrolling leaving exactly the screen a full
/// repaint draws.
@Suite(.serialized) struct DiagramScreenTests {
    func start(_ args: String, width: Int = 120, height: Int = 36) throws -> Tmux {
        let tmux = try Tmux(width: width, height: height)
        try tmux.type(Paths.batonBinary + " " + args)
        #expect(tmux.waitFor { $0.contains("free play") || $0.contains("replay") }, "did not start:\n\(tmux.screen())")
        return tmux
    }

    /// Press `key` `count` times, waiting for the program to draw each.
    func press(_ key: String, _ count: Int, in tmux: Tmux) throws {
        for _ in 0..<count {
            let before = tmux.screen()
            try tmux.send(key)
            _ = tmux.waitFor(timeout: 1) { $0 != before }
        }
    }

    /// Scroll by one row per event for 90 steps, the terminal doing the
    /// scrolling; then a resize away and back forces a full repaint, which
    /// must find the screen exactly as the incremental updates left it.
    @Test func scrollingLeavesWhatAFullRepaintDraws() throws {
        let tmux = try start("play raft --nodes 5 --seed 7")
        try tmux.send("t")
        try press("Space", 90, in: tmux)
        let scrolled = tmux.settled()
        #expect(scrolled.contains("step 91/91"), "not at step 91:\n\(scrolled)")
        try tmux.resize(width: 121, height: 36)
        _ = tmux.settled()
        try tmux.resize(width: 120, height: 36)
        #expect(tmux.waitFor { $0 == scrolled }, "the screen differs from a full repaint:\n\(scrolled)\n---\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
    }

    /// In each view: tab selects a message (its label shows in the in-flight
    /// list with ▸), d drops it (╳), c crashes the selected node (✕ in its
    /// header, ┆ lifeline).
    @Test(arguments: ["space-time", "sequence"])
    func selectionDropAndCrashInEachView(_ view: String) throws {
        let tmux = try start("play raft --nodes 3 --seed 7", width: 100, height: 30)
        if view == "sequence" {
            try tmux.send("v")
            #expect(tmux.waitFor { $0.contains("sequence view") })
        }
        try tmux.send("t")
        try press("Space", 3, in: tmux)
        try tmux.send("Tab")
        #expect(tmux.waitFor { $0.contains("▸#") }, "no selected message:\n\(tmux.screen())")
        try tmux.send("d")
        #expect(tmux.waitFor { $0.contains("╳") }, "no loss drawn in \(view):\n\(tmux.screen())")
        try tmux.send("2")
        try tmux.send("c")
        #expect(tmux.waitFor { $0.contains("B ✕") }, "no crash drawn in \(view):\n\(tmux.screen())")
        // A label may cover the crashed lifeline on one row; a few more events show it.
        for _ in 0..<5 where !tmux.screen().contains("┆") { try press("Space", 1, in: tmux) }
        #expect(tmux.waitFor { $0.contains("┆") }, "no crashed lifeline in \(view):\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
    }

    /// S shows every node's log under the diagram, coloured by term with the
    /// commit point, and hides it again.
    @Test func stateStripShowsEveryLog() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("strip-\(UUID().uuidString).baton")
        try """
        cluster raft nodes=3 seed=1 election-timeout=200..300 heartbeat=50
        timeout A
        run until B.currentLeader=A max=30
        propose A u
        propose A v
        run until C.commitLength=2 max=80
        """.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let tmux = try start("replay " + script.path)
        try tmux.send("S")
        #expect(tmux.waitFor { $0.contains("state (S hides)") }, "no strip:\n\(tmux.screen())")
        let lines = tmux.screen().split(separator: "\n")
        // Each row: the node, then its log (`B ┃ t1 u v`: nothing committed yet at B).
        for node in ["A", "B", "C"] {
            #expect(lines.contains { $0.contains("│▸\(node) ") || $0.contains("│ \(node) ") ? $0.contains("t1 u v") : false },
                    "no log for \(node):\n\(tmux.screen())")
        }
        #expect(lines.contains { $0.contains("t1 u v ┃") }, "no commit point:\n\(tmux.screen())")
        #expect(lines.contains { $0.contains("sent ") && $0.contains("acked ") })
        try tmux.send("S")
        #expect(tmux.waitFor { !$0.contains("state (S hides)") })
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
    }
}
