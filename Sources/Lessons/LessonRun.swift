import Scenario
import Sim

/// Where a learner is in a lesson. The run itself lives in a `PlaySession`
/// the caller owns (the UI's, or lint's); this walks the lesson's items over
/// it, stopping at pauses, waits and quizzes.
public struct LessonRun: Sendable {
    public enum Blocked: Equatable, Sendable {
        case pause
        case wait(WaitAction, solve: [String]?, hint: String?)
        case quiz(Quiz, hint: String?)
    }

    public let lesson: Lesson
    /// The next item to take.
    public private(set) var position = 0
    public private(set) var blocked: Blocked? = nil
    /// Prose reached so far, with the run's step when it was reached (so a
    /// step back can take the narration back too).
    public private(set) var shown: [(text: String, step: Int)] = []
    /// Pauses, waits and quizzes passed (the progress line's numerator).
    public private(set) var passed = 0
    public private(set) var wrongAnswers = 0
    /// Expectations and commands of the lesson that did not go as written.
    public private(set) var problems: [LessonError] = []
    private var stepsInWait = 0

    public init(lesson: Lesson) {
        self.lesson = lesson
    }

    public var finished: Bool { position >= lesson.items.count && blocked == nil }
    public var progress: String { "\(passed)/\(lesson.blockingCount)" }
    public var hint: String? {
        switch blocked {
        case .wait(_, _, let h), .quiz(_, let h): return h
        default: return nil
        }
    }
    public var currentLine: Int { position < lesson.lines.count ? lesson.lines[position] : lesson.lines.last ?? 1 }

    /// Run items until one blocks or the lesson ends. The first item (the
    /// cluster line) is already in `session`.
    public mutating func advance(_ session: inout PlaySession) {
        // Bounded by the item count: each turn consumes one item or stops.
        while blocked == nil && position < lesson.items.count {
            let item = lesson.items[position]
            switch item {
            case .prose(let text):
                shown.append((text, session.core.step))
                position += 1
            case .command(let command) where command == lesson.clusterLine:
                position += 1   // the session was created from it
            case .command(let command):
                run(command, &session)
                position += 1
            case .pause:
                blocked = .pause
            case .wait(let action, let solve, let hint):
                blocked = .wait(action, solve: solve, hint: hint)
                stepsInWait = 0
                if isSatisfied(action, command: nil, leaderBefore: nil, session) { pass(&session) }
            case .quiz(let quiz, let hint):
                blocked = .quiz(quiz, hint: hint)
                wrongAnswers = 0
            }
        }
    }

    private mutating func run(_ command: String, _ session: inout PlaySession) {
        switch session.execute(text: command) {
        case .ok: break
        case .error(let message):
            problems.append(LessonError(file: lesson.file, line: currentLine, column: 1, message: message))
        case .expectationsFailed(let failures):
            for f in failures {
                problems.append(LessonError(file: lesson.file, line: currentLine, column: f.column,
                                            message: "expectation failed: \(f.query) expected \(f.expected), actual \(f.actual)"))
            }
        }
    }

    private mutating func pass(_ session: inout PlaySession) {
        blocked = nil
        passed += 1
        position += 1
        advance(&session)
    }

    /// The learner pressed space or enter.
    public mutating func continuePause(_ session: inout PlaySession) -> Bool {
        guard blocked == .pause else { return false }
        pass(&session)
        return true
    }

    /// The learner answered choice `index` (0-based). Returns whether it was
    /// right, and what to say.
    public mutating func answer(_ index: Int, _ session: inout PlaySession) -> (Bool, String) {
        guard case .quiz(let quiz, let hint)? = blocked, index >= 0, index < quiz.choices.count else {
            return (false, "")
        }
        let why = quiz.why.map { " " + $0 } ?? ""
        if index == quiz.answer {
            pass(&session)
            return (true, "Right: \(quiz.choices[index]).\(why)")
        }
        wrongAnswers += 1
        let more = wrongAnswers >= 2 ? (hint.map { " Hint: \($0)" } ?? " The answer is \(quiz.choices[quiz.answer]).")
            : " Try again."
        return (false, "Not \(quiz.choices[index]).\(more)")
    }

    /// The learner did `command` (a scenario command run by a key).
    /// `leaderBefore` is who led just before it. Returns true if this
    /// satisfied the wait.
    @discardableResult
    public mutating func observe(_ command: Command, leaderBefore: String?, _ session: inout PlaySession) -> Bool {
        guard case .wait(let action, _, _)? = blocked else { return false }
        if case .step(let n) = command { stepsInWait += n }
        guard isSatisfied(action, command: command, leaderBefore: leaderBefore, session) else { return false }
        pass(&session)
        return true
    }

    func isSatisfied(_ action: WaitAction, command: Command?, leaderBefore: String?, _ session: PlaySession) -> Bool {
        switch action {
        case .until(let query):
            return LessonRun.holds(query, session)
        case .step(let n):
            return stepsInWait >= n
        default:
            guard let command else { return false }
            return LessonRun.matches(action, command: command, leaderBefore: leaderBefore, session)
        }
    }

    /// Whether the learner's command is what the wait asks for, compared as
    /// values (a node by name, a message by its type).
    static func matches(_ action: WaitAction, command: Command, leaderBefore: String?, _ session: PlaySession) -> Bool {
        let name = { (node: NodeID) in session.core.cluster.name(node) }
        switch (action, command) {
        case (.crash(let node), .crash(let n)):
            return name(n) == node || (node == "leader" && name(n) == leaderBefore)
        case (.restart(let node), .restart(let n)), (.timeout(let node), .timeout(let n)):
            return name(n) == node
        case (.isolate(let node), .partition(let groups)):
            return groups.count == 1 && groups[0].map(name) == [node]
        case (.heal, .heal):
            return true
        case (.fault(let kind, let type), _):
            guard let (faultKind, id) = command.fault, faultKind == kind else { return false }
            guard let type else { return true }
            return session.core.messageInfo(id)?.typeName.hasPrefix(type) ?? false
        default:
            return false
        }
    }

    /// Whether `query[=value]` holds now.
    public static func holds(_ query: String, _ session: PlaySession) -> Bool {
        var probe = session
        if case .ok = probe.execute(text: "expect \(query)") { return true }
        return false
    }

    /// Prose to show at the run's current step (narration follows step-back).
    public func narration(atStep step: Int) -> [String] {
        shown.filter { $0.step <= step }.map(\.text)
    }
}
