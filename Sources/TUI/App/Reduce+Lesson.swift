import Lessons
import Scenario
import Sim

extension AppState {
    var leaderName: String? {
        guard let v = core.globalQuery("leader"), case .text(let name) = v else { return nil }
        return name
    }

    /// Lesson keys: space or enter at a pause, digits at a quiz, h for a
    /// hint. Returns true when the action was the lesson's.
    mutating func lessonIntercepts(_ action: AppAction) -> Bool {
        guard var run = lesson, core.step == core.lastStep else { return false }
        defer { lesson = run; lessonCompleted = lessonCompleted || run.finished }
        switch (run.blocked, action) {
        case (.pause?, .step), (.pause?, .deliverSelected):
            _ = run.continuePause(&session)
            status = run.finished ? "Lesson complete. q returns to the menu." : ""
            return true
        case (.quiz?, .selectNode(let i)):
            let (right, message) = run.answer(i, &session)
            status = message
            if right && run.finished { status += " Lesson complete. q returns to the menu." }
            return true
        case (.quiz?, .step), (.quiz?, .back), (.quiz?, .deliverSelected), (.quiz?, .dropSelected):
            status = "answer the question with its number (1, 2, ...)"
            return true
        case (_, .hint):
            status = run.hint.map { "Hint: " + $0 } ?? "No hint here: " + (run.blocked == nil ? "the lesson is over." : "read the panel.")
            return true
        default:
            return false
        }
    }

    /// After a command the learner caused: does it satisfy the lesson's wait?
    mutating func observeForLesson(_ command: Command, leaderBefore: String?) {
        guard var run = lesson, core.step == core.lastStep else { return }
        let waiting = run.blocked
        let problems = run.problems.count
        if run.observe(command, leaderBefore: leaderBefore, &session) {
            status = run.finished ? "Well done. Lesson complete. q returns to the menu." : "Well done."
            // The run took another path than the lesson's script: say so.
            if run.problems.count > problems, let p = run.problems.last {
                status += " (your run differs from the lesson's: \(p.message))"
            }
        } else if case .wait(let action, _, _)? = waiting {
            status = "(done: \(command.text(core.cluster)); the lesson is waiting for you to \(LessonText.describe(action)))"
        }
        lesson = run
        lessonCompleted = lessonCompleted || run.finished
    }
}

/// Words for what a lesson waits for.
public enum LessonText {
    public static func describe(_ action: WaitAction) -> String {
        switch action {
        case .step(let n): return n == 1 ? "step once (space)" : "step \(n) times (space)"
        case .crash(let node): return node == "leader" ? "crash the leader (its number, then c)" : "crash \(node) (c)"
        case .restart(let node): return "restart \(node) (c)"
        case .fault(let kind, let type):
            let what = type.map { "a \($0)" } ?? "a message"
            let key = ["drop": "d", "delay": "l", "duplicate": "u", "deliver": "enter"][kind] ?? kind
            return "\(kind) \(what) (tab to select, then \(key))"
        case .timeout(let node): return "fire \(node)'s timer (its number, then t)"
        case .isolate(let node): return "isolate \(node) (its number, then x)"
        case .heal: return "heal the network (H)"
        case .until(let query): return "make \(query) true"
        }
    }
}
