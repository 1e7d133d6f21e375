import Foundation
import Testing
import TestSupport

/// A lesson played by keys alone under tmux, and the menu.
@Suite(.serialized) struct LessonPlayTests {
    static let lesson = """
        ---
        id: e2e-crash
        title: End to end: crash the leader
        protocol: raft
        primitives: 7b, 5c
        order: 99
        ---

        A leader will be elected.

        ```baton
        cluster raft nodes=3 seed=7 election-timeout=30..50
        timeout A
        run until leader
        pause
        ```

        Now crash the leader.

        ```baton
        wait crash leader
        hint "Press the leader's number, then c."
        quiz "What will the others do?" choices="wait forever","elect a new leader" answer="elect a new leader" why="Their election timers fire."
        wait step 2
        ```

        Summary: you crashed a leader.
        """

    @Test func aLessonCompletedByKeysAloneIsRecorded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-lesson-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/lessons", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.lesson.write(toFile: dir + "/lessons/e2e.md", atomically: true, encoding: .utf8)

        let tmux = try Tmux(width: 120, height: 36)
        try tmux.type("XDG_STATE_HOME=\(dir)/state \(Paths.batonBinary) learn e2e-crash --lessons \(dir)/lessons")
        #expect(tmux.waitFor { $0.contains("press space to go on") }, "no pause:\n\(tmux.screen())")
        try tmux.send("Space")
        #expect(tmux.waitFor { $0.contains("now: crash the leader") }, "no crash wait:\n\(tmux.screen())")
        try tmux.send("1")   // A leads (timeout A above)
        try tmux.send("c")
        #expect(tmux.waitFor { $0.contains("What will the others do?") }, "no quiz:\n\(tmux.screen())")
        try tmux.send("1")   // wrong first
        #expect(tmux.waitFor { $0.contains("is not it") }, "no feedback in the panel:\n\(tmux.screen())")
        try tmux.send("2")
        #expect(tmux.waitFor { $0.contains("now: step 2 times") }, "no step wait:\n\(tmux.screen())")
        try tmux.send("Space")
        try tmux.send("Space")
        #expect(tmux.waitFor { $0.contains("Lesson complete") }, "not complete:\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
        let progress = try String(contentsOfFile: dir + "/state/baton/progress.json", encoding: .utf8)
        #expect(progress.contains("e2e-crash"))

        // The listing shows it done.
        try tmux.type("XDG_STATE_HOME=\(dir)/state \(Paths.batonBinary) lessons --lessons \(dir)/lessons | grep e2e")
        #expect(tmux.waitFor { $0.contains("✓") && $0.contains("e2e-crash") })
    }

    @Test func batonAloneOpensTheMenu() throws {
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.type("HOME=/tmp/baton-menu-\(UUID().uuidString.prefix(6)) \(Paths.batonBinary)")
        #expect(tmux.waitFor { $0.contains("learn distributed protocols") && $0.contains("Happens-before") },
                "no menu:\n\(tmux.screen())")
        #expect(tmux.screen().contains("free play"))
        try tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("Lesson 0/") }, "the first lesson did not open:\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.waitFor { $0.contains("learn distributed protocols") }, "not back at the menu")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
    }
}
