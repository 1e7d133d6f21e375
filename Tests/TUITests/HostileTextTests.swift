import Lessons
import Scenario
import Sim
import Testing
@testable import TUI

/// Text from files someone else wrote reaches the screen shown, not obeyed:
/// screen clearing, window titles, OSC 52 clipboard writes, C1 CSI, cursor
/// moves and bidi overrides, in a lesson and in message labels.
@Suite struct HostileTextTests {
    static let hostile = "x\u{1B}[2J\u{1B}]0;title\u{07}\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}6n\u{1B}[10;10H\u{202E}y"

    func expectClean(_ screen: ScreenBuffer, _ what: String) {
        for (y, line) in screen.lines.enumerated() {
            let bad = line.unicodeScalars.first { $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
            #expect(bad == nil, "\(what): line \(y) holds U+\(String(bad?.value ?? 0, radix: 16))")
        }
    }

    @Test func aHostileLessonIsShownNotObeyed() throws {
        let text = """
            ---
            id: hostile
            title: Title \(Self.hostile)
            protocol: raft
            primitives: 1b
            order: 99
            ---

            Prose \(Self.hostile) and **bold \(Self.hostile)**.

            ```baton
            cluster raft nodes=3 seed=7
            quiz "Which \(Self.hostile)?" choices="a \(Self.hostile)","b" answer="b" why="because \(Self.hostile)"
            ```

            """
        let lesson = try LessonParser.parse(file: "hostile.md", text: text).get()
        var s = try AppState(lesson: lesson, width: 120, height: 40)
        expectClean(s.render(), "lesson")
        #expect(s.render().lines.joined().contains("␛[2J"), "the escape is shown as a symbol")
        _ = s.reduce(.selectNode(0))   // a wrong answer shows the explanation
        expectClean(s.render(), "lesson after an answer")
    }

    /// A label or node name with control characters is refused (DESIGN §4);
    /// typed into the command line it is shown as symbols, and the refusal
    /// stays on the line without obeying it.
    @Test func hostileLabelsAndNodeNamesAreRefusedAndShownNotObeyed() throws {
        #expect(throws: (any Error).self) { try PlaySession(clusterLine: "cluster lamport nodes=A,\(Self.hostile)") }
        var session = try PlaySession(clusterLine: "cluster lamport nodes=A,B seed=1")
        #expect(session.run(text: "send A B \"\(Self.hostile)\"")?.contains("control character U+001B") == true)
        var s = AppState(session: session, width: 160, height: 40)
        _ = s.reduce(.openCommandLine)
        for c in "send A B \"\(Self.hostile)\"" { _ = s.reduce(.promptInput(c)) }
        expectClean(s.render(), "typed")
        #expect(s.render().lines.joined().contains("␛]52;c;"), "the escape is shown as a symbol")
        _ = s.reduce(.promptSubmit)
        expectClean(s.render(), "refused")
        #expect(s.render().lines.joined().contains("control character U+001B"))
        #expect(s.core.step == 0)
    }
}
