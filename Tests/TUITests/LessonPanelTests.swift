import Lessons
import Scenario
import Sim
import Testing
@testable import TUI

/// The lesson panel keeps the story (issue 14): every line of prose is on
/// screen, at some scroll position, while its section is the current one;
/// and a learner knocked off the lesson's path always has a way on.
@Suite struct LessonPanelTests {
    static let ids = LessonKeysTests.ids

    /// Every screen `[` and `]` reach from here, as text.
    static func screensAtEveryScroll(_ p: inout LessonKeysTests.Player) -> [String] {
        var screens: [String] = []
        var last = ""
        for _ in 0..<200 {
            p.press(.char("["))
            let now = p.s.render().lines.joined(separator: "\n")
            if now == last { break }
            last = now
        }
        screens.append(last)
        for _ in 0..<200 {
            p.press(.char("]"))
            let now = p.s.render().lines.joined(separator: "\n")
            if now == screens.last { break }
            screens.append(now)
        }
        return screens
    }

    @Test(arguments: ids)
    func everyLineOfProseIsShownWhileItsSectionIsCurrent(_ id: String) throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: id))
        for (width, height) in [(80, 24), (120, 36), (200, 60)] {
            var p = LessonKeysTests.Player(s: try AppState(lesson: lesson, width: width, height: height))
            let layout = try #require(Layout(width: width, height: height, lesson: true))
            for _ in 0..<500 {
                guard let run = p.s.lesson, run.blocked != nil else { break }
                let screens = Self.screensAtEveryScroll(&p)
                let panel = LessonPanel(state: p.s, rect: layout.side)
                let section = run.narration(atStep: p.s.core.step).dropFirst(run.sectionStart)
                for paragraph in section {
                    for row in panel.wrap(paragraph, layout.side.width - 2, base: .plain) {
                        let line = p.s.glyphs.text(row.map(\.0).joined()).trimmingCharacters(in: .whitespaces)
                        guard !line.isEmpty else { continue }
                        #expect(screens.contains { $0.contains(line) },
                                "\(id) \(width)x\(height) line \(run.currentLine): never on screen: \(line)")
                    }
                }
                if !LessonKeysTests.act(&p, id: id) { break }
            }
            #expect(p.s.lesson?.finished == true, "\(id) \(width)x\(height) did not finish")
        }
    }

    /// At every wait, each of space, enter, d, t, c, x and H once or twice
    /// (held once, then through); then r, and the lesson still completes.
    @Test(arguments: ids)
    func derailedAtEveryWaitThenRewoundStillCompletes(_ id: String) throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: id))
        var p = LessonKeysTests.Player(s: try AppState(lesson: lesson, width: 140, height: 40))
        let keys: [Key] = [.char(" "), .enter, .char("d"), .char("t"), .char("c"), .char("x"), .char("H")]
        var waits = 0
        var derailed: Set<Int> = []
        for _ in 0..<500 {
            guard let run = p.s.lesson, let blocked = run.blocked else { break }
            if case .wait = blocked, derailed.insert(run.position).inserted {
                waits += 1
                for (i, key) in keys.enumerated() { for _ in 0...((i + waits) % 2) { p.press(key) } }
                p.press(.char("r"))
                if let now = p.s.lesson, now.position == run.position {
                    #expect(p.s.core.step == now.agreedStep && p.s.core.lastStep == now.agreedStep,
                            "\(id): r did not rewind to step \(now.agreedStep)")
                }
            }
            if !LessonKeysTests.act(&p, id: id) { break }
        }
        #expect(p.s.lesson?.finished == true, "\(id) did not finish after derailing")
    }

    /// Space pressed twice at a wait steps on anyway, and the lesson says at
    /// once that its story may no longer match and how to get back (a
    /// reviewer stepped on at "fire A's timer", C's timer fired, and the
    /// text went on about A's); r then goes back to where it waits.
    @Test func goingOnAnywaySaysSoAtOnce() throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: "raft-election"))
        var p = LessonKeysTests.Player(s: try AppState(lesson: lesson, width: 120, height: 36))
        // Bounded: the lesson's first wait comes after a few pages of text.
        for _ in 0..<50 {
            if case .wait? = p.s.lesson?.blocked { break }
            p.press(.char(" "))
        }
        guard case .wait? = p.s.lesson?.blocked else { Issue.record("no wait in raft-election"); return }
        let (position, step) = (p.s.lesson!.position, p.s.core.step)
        p.press(.char(" "))
        #expect(p.s.core.step == step, "held once")
        #expect(!p.s.lessonFeedback.contains { $0.hasPrefix(AppState.anywayPrefix) })
        p.press(.char(" "))
        #expect(p.s.core.step == step + 1, "through the second time")
        let said = p.s.lessonFeedback.filter { $0.hasPrefix(AppState.anywayPrefix) }
        #expect(said.count == 1 && said[0].contains("r to go back"), "\(p.s.lessonFeedback)")
        p.press(.char(" "))
        #expect(p.s.lessonFeedback.filter { $0.hasPrefix(AppState.anywayPrefix) }.count == 1, "said once")
        p.press(.char("r"))
        #expect(p.s.lesson?.position == position && p.s.core.step == step, "r goes back to the wait")
    }

    /// `h` never changes the run, in a lesson or in free play.
    @Test func hintNeverChangesTheRun() throws {
        for id in Self.ids {
            let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: id))
            var p = LessonKeysTests.Player(s: try AppState(lesson: lesson, width: 120, height: 36))
            for _ in 0..<500 {
                guard p.s.lesson?.blocked != nil else { break }
                let (step, last, script) = (p.s.core.step, p.s.core.lastStep, p.s.session.script)
                p.press(.char("h"))
                #expect(p.s.core.step == step && p.s.core.lastStep == last && p.s.session.script == script, "\(id)")
                if !LessonKeysTests.act(&p, id: id) { break }
            }
        }
        var free = AppState(session: try PlaySession(clusterLine: "cluster raft nodes=3 seed=1"), width: 100, height: 30)
        free.reduce(.fireTimeout)
        let script = free.session.script
        free.reduce(.hint)
        #expect(free.session.script == script && free.status.hasPrefix("Try:"))
    }
}
