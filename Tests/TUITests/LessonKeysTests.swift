import Lessons
import Scenario
import Sim
import Testing
@testable import TUI

/// Every built-in lesson can be completed with the key map alone: pauses
/// with space, quizzes with digits, waits with the keys a learner would
/// press (the `solve=` commands translated into keys).
@Suite struct LessonKeysTests {
    static let ids = LessonLibrary(userDirectory: "/nonexistent").lessons.map(\.meta.id)

    struct Player {
        var s: AppState

        mutating func press(_ key: Key) {
            if let action = KeyMap.action(for: key, prompt: s.prompt?.kind) { s.reduce(action) }
        }

        mutating func select(node name: String) {
            guard let i = s.core.cluster.names.firstIndex(of: name) else { return }
            press(.char(Character(String(i + 1))))
        }

        /// Tab until `pick` is selected; false if it never is.
        mutating func selectMessage(_ pick: (MessageInfo) -> Bool) -> Bool {
            for _ in 0...s.core.inflight.count {
                if let id = s.selectedMessage, let m = s.core.messageInfo(id), pick(m) { return true }
                press(.tab)
            }
            return false
        }

        func link(_ text: String) -> (String, String)? {
            let parts = text.split(separator: ">").map { String($0.trimmingCharacters(in: ["-"])) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }

        func matcher(_ ref: String) -> (MessageInfo) -> Bool {
            if ref.hasPrefix("#"), let id = Int(ref.dropFirst()) { return { $0.id == id } }
            let (a, b) = link(ref) ?? ("", "")
            let names = s.core.cluster.names
            return { names[$0.from.index] == a && names[$0.to.index] == b }
        }

        /// One scenario command, done with keys. False when no key does it.
        mutating func keys(for command: String) -> Bool {
            let w = command.split(separator: " ").map(String.init)
            switch w.first ?? "" {
            case "step":
                for _ in 0..<(w.count > 1 ? Int(w[1]) ?? 1 : 1) { press(.char(" ")) }
            case "run":
                let query = w.count > 2 && w[1] == "until" ? w[2] : nil
                for _ in 0..<3_000 {
                    if let query, LessonRun.holds(query, s.session) { break }
                    let before = s.core.step
                    press(.char(" "))
                    if s.core.step == before { break }
                }
            case "crash", "restart": select(node: w[1]); press(.char("c"))
            case "timeout": select(node: w[1]); press(.char("t"))
            case "partition": select(node: w[1]); press(.char("x"))
            case "heal":
                if let i = (0..<s.core.cluster.count).first(where: { s.isIsolated($0) }) {
                    select(node: s.core.cluster.names[i]); press(.char("x"))
                } else {
                    press(.char("H"))
                }
            case "deliver", "duplicate":
                guard selectMessage(matcher(w[1])) else { return false }
                press(w[0] == "deliver" ? .enter : .char("u"))
            case "drop":
                let pick = matcher(w[1])
                guard s.core.inflight.contains(where: { pick(s.core.messageInfo($0.id)!) }) else { return true }
                while selectMessage(pick) { press(.char("d")) }
            case "delay":
                guard selectMessage(matcher(w[1])) else { return false }
                press(.char("L"))
                for c in w[2] { press(.char(c)) }
                press(.enter)
            case "expect":
                return true
            case "send", "broadcast", "propose", "local", "read", "write", "evict", "commit":
                // A request: typed at the command line, as the lessons' hints say.
                press(.char(":"))
                for c in command { press(.char(c)) }
                press(.enter)
            default:
                return false
            }
            return true
        }

        mutating func keys(for action: WaitAction) -> Bool {
            switch action {
            case .step(let n): return keys(for: "step \(n)")
            case .crash(let node):
                if node == "leader" {
                    _ = keys(for: "run until leader")
                    guard let v = s.core.globalQuery("leader"), case .text(let name) = v else { return false }
                    return keys(for: "crash \(name)")
                }
                return keys(for: "crash \(node)")
            case .restart(let node): return keys(for: "restart \(node)")
            case .timeout(let node): return keys(for: "timeout \(node)")
            case .isolate(let node): return keys(for: "partition \(node)")
            case .heal: return keys(for: "heal")
            case .until(let query): return keys(for: "run until \(query)")
            case .fault(let kind, let type):
                let pick: (MessageInfo) -> Bool = { m in type.map { m.typeName.hasPrefix($0) } ?? true }
                for _ in 0..<2_000 where !s.core.inflight.contains(where: { pick(s.core.messageInfo($0.id)!) }) {
                    press(.char(" "))
                }
                guard selectMessage(pick) else { return false }
                press(["drop": .char("d"), "delay": .char("l"), "duplicate": .char("u"), "deliver": .enter][kind]!)
                return true
            }
        }
    }

    /// Act on the current block as a learner would; false when stuck.
    static func act(_ p: inout Player, id: String) -> Bool {
        guard let run = p.s.lesson, let blocked = run.blocked else { return true }
        let position = run.position
        switch blocked {
        case .pause:
            // Space reads on through a long section first, as a pager does.
            for _ in 0..<50 where p.s.lesson?.position == position { p.press(.char(" ")) }
        case .quiz(let quiz, _): p.press(.char(Character(String(quiz.answer + 1))))
        case .wait(let action, let solve, _, _):
            if let solve {
                for command in solve where p.s.lesson?.position == position {
                    let done = p.keys(for: command)
                    #expect(done, "\(id): no key does `\(command)`")
                }
            } else {
                let done = p.keys(for: action)
                #expect(done, "\(id): cannot do \(action) by keys")
            }
        }
        if p.s.lesson?.position == position && p.s.lesson?.blocked == blocked {
            Issue.record("\(id): stuck at line \(run.currentLine): \(blocked) (status: \(p.s.status))")
            return false
        }
        return true
    }

    @Test(arguments: ids)
    func completableByKeysAlone(_ id: String) throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: id))
        var p = Player(s: try AppState(lesson: lesson, width: 140, height: 40))
        for _ in 0..<500 where p.s.lesson?.blocked != nil {
            if !Self.act(&p, id: id) { break }
        }
        #expect(p.s.lesson?.finished == true && p.s.lessonCompleted, "\(id) did not finish")
        #expect(p.s.lesson?.problems.isEmpty == true, "\(id): \(p.s.lesson?.problems.map(\.description) ?? [])")
    }

    /// `wait step @c`: the arrival the learner causes with space gets the
    /// lesson's name, in queries, beside its row in the diagram, and in the
    /// transcript (which replays with it).
    @Test func aWaitNamesTheEventTheLearnerCauses() throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: "happens-before"))
        var p = Player(s: try AppState(lesson: lesson, width: 120, height: 36))
        for _ in 0..<100 where p.s.lesson?.blocked != nil {
            if !Self.act(&p, id: lesson.meta.id) { break }
        }
        let names = p.s.session.scenario.names
        let c = try #require(names.event("c"))
        let event = p.s.core.event(c)
        #expect(event.node == p.s.core.cluster.node(named: "B") && event.ticks)
        #expect(p.s.core.messageInfo(try #require(event.message))?.label == "m1")
        #expect(names.event("f") != nil && names.event("h") != nil)
        #expect(p.s.session.script.contains("\nstep @c\n"), "\(p.s.session.script)")
        let replayed = try PlaySession(commands: p.s.session.script.split(separator: "\n").map(String.init))
        #expect(replayed.scenario.names.event("c") == c)
        // On screen: `c` just past B's lifeline on the arrival's row.
        let screen = p.s.render()
        let rowText = (0..<screen.height).map { y in String((0..<screen.width).map { screen[$0, y].char }) }
        #expect(rowText.contains { $0.contains("▶│ c") }, "\(rowText.joined(separator: "\n"))")
    }

    /// A learner who steps back past the lesson's own command and then does
    /// what the wait asks lands on a wait that can never be met: the panel
    /// says so at once and names `r` (a fresh reviewer was left stuck).
    @Test func aWaitOutOfReachAfterActingInThePastIsReported() throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: "two-phase-commit"))
        var p = Player(s: try AppState(lesson: lesson, width: 120, height: 36))
        for _ in 0..<100 {
            if case .wait(.crash("K"), _, _, _)? = p.s.lesson?.blocked { break }
            if !Self.act(&p, id: lesson.meta.id) { break }
        }
        guard case .wait(.crash("K"), _, _, _)? = p.s.lesson?.blocked else {
            Issue.record("never reached `wait crash K`")
            return
        }
        p.press(.char("b"))          // back past `commit K T3`
        p.select(node: "K")
        p.press(.char("c"))          // the crash the wait asked for, in the past: the run forks
        #expect(p.s.lessonFeedback.contains { $0.contains("The run has gone another way") && $0.contains("r to go back") },
                "\(p.s.lessonFeedback) / \(p.s.status)")
        p.press(.char("r"))
        #expect(!p.s.core.isCrashed(NodeID(0)), "r went back to before the crash")
    }
}
