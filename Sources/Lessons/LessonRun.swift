import Scenario
import Sim

/// Where a learner is in a lesson. The run itself lives in a `PlaySession`
/// the caller owns (the UI's, or lint's); this walks the lesson's items over
/// it, stopping at pauses, waits and quizzes.
public struct LessonRun: Sendable {
    public enum Blocked: Equatable, Sendable {
        case pause
        case wait(WaitAction, solve: [String]?, hint: String?, name: String?)
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
    /// Where in `shown` the prose reached since the last block passed
    /// begins: the current section, which the panel shows from its start.
    public private(set) var sectionStart = 0
    /// The run's step when the current block was reached: where the lesson
    /// and the run last agreed, and where `r` rewinds to.
    public private(set) var agreedStep = 0
    private var stepsInWait = 0

    public init(lesson: Lesson) {
        self.lesson = lesson
    }

    public var finished: Bool { position >= lesson.items.count && blocked == nil }
    public var progress: String { "\(passed)/\(lesson.blockingCount)" }
    public var hint: String? {
        switch blocked {
        case .wait(_, _, let h, _), .quiz(_, let h): return h
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
                agreedStep = session.core.step
            case .wait(let action, let solve, let hint, let name):
                blocked = .wait(action, solve: solve, hint: hint, name: name)
                agreedStep = session.core.step
                stepsInWait = 0
                session.catchUpNames()
                if isSatisfied(action, command: nil, leaderBefore: nil, session) { pass(&session) }
            case .quiz(let quiz, let hint):
                blocked = .quiz(quiz, hint: hint)
                agreedStep = session.core.step
                wrongAnswers = 0
            }
        }
    }

    /// A lesson's `run` without `max=` stops after this many steps: on the
    /// lesson's path it never needs more, and off it a run must not go on
    /// for ten thousand steps by itself.
    static let lessonRunMax = 2_000
    /// The most a lesson's `run` may ask for with `max=` (checked when the
    /// lesson is read, so neither the player nor lint can freeze on one).
    public static let lessonRunStepsMax = 20_000

    private mutating func run(_ command: String, _ session: inout PlaySession) {
        let bounded = command.hasPrefix("run") && !command.contains("max=") ? command + " max=\(Self.lessonRunMax)" : command
        switch session.execute(text: bounded) {
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
        sectionStart = shown.count
        advance(&session)
    }

    /// Back to where the current block was reached (`r`): the run goes back
    /// there exactly, what came after is forgotten, and the wait starts over.
    public mutating func rewind(_ session: inout PlaySession) {
        session.rewind(to: agreedStep)
        restartWait()
    }

    /// The current wait counts from zero again (after a rewind).
    public mutating func restartWait() { stepsInWait = 0 }

    /// Why the current wait can no longer be met by the run as it is, or nil
    /// when it still can: a fault on a message type none of which is in
    /// flight, or a condition that stepping on (up to `probeSteps`, on a copy
    /// of the run, no faults) does not reach.
    public func offTrack(_ session: PlaySession, probeSteps: Int = 400) -> String? {
        guard case .wait(let action, let solve, _, _)? = blocked else { return nil }
        switch action {
        case .step:
            return session.core.nextEventTime == nil ? "nothing is left to happen: no message in flight, no timer set" : nil
        case .fault(let kind, let type?):
            let inflight = session.core.inflight.contains { session.core.messageInfo($0.id)?.typeName.hasPrefix(type) ?? false }
            return inflight ? nil : "no \(type) is in flight any more, so there is none to \(kind)"
        case .until(let query):
            if LessonRun.holds(query, session) { return nil }
            // The lesson's own way there (its `solve=`), else stepping on.
            if let solve {
                var probe = session
                for command in solve { _ = probe.execute(text: command) }
                if LessonRun.holds(query, probe) { return nil }
            }
            var probe = session
            _ = probe.execute(text: "run until \(query) max=\(probeSteps)")
            return LessonRun.holds(query, probe) ? nil
                : "from here, the lesson's next moment (\(LessonText.condition(query))) can no longer come"
        default:
            return nil
        }
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
            return (true, "Right: “\(quiz.choices[index])”.\(why)")
        }
        wrongAnswers += 1
        let more = wrongAnswers >= 2 ? (hint.map { " Hint: \($0)" } ?? " The answer is “\(quiz.choices[quiz.answer])”.")
            : " Have another look and try again."
        return (false, "“\(quiz.choices[index])” is not it.\(more)")
    }

    /// The learner did `command` (a scenario command run by a key).
    /// `leaderBefore` is who led just before it. Returns true if this
    /// satisfied the wait.
    @discardableResult
    public mutating func observe(_ command: Command, leaderBefore: String?, _ session: inout PlaySession) -> Bool {
        guard case .wait(let action, _, _, let name)? = blocked else { return false }
        // `wait step` counts anything that processes an event: space or enter.
        if case .step(let n) = command { stepsInWait += n }
        if case .deliver = command { stepsInWait += 1 }
        session.catchUpNames()
        guard isSatisfied(action, command: command, leaderBefore: leaderBefore, session) else { return false }
        if let name, let problem = session.nameLastCommand(name) {
            problems.append(LessonError(file: lesson.file, line: currentLine, column: 1, message: "`@\(name)`: " + problem))
        }
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
            guard let command else { return LessonRun.alreadyDone(action, session) }
            return LessonRun.matches(action, command: command, leaderBefore: leaderBefore, session)
        }
    }

    /// A wait whose action the learner did early (during the pause before
    /// it): the node is already crashed, restarted, isolated, the network
    /// already whole.
    static func alreadyDone(_ action: WaitAction, _ session: PlaySession) -> Bool {
        let core = session.core
        let node = { (name: String) in core.cluster.node(named: name) }
        switch action {
        case .crash(let name): return node(name).map(core.isCrashed) ?? false
        case .restart(let name): return node(name).map { !core.isCrashed($0) } ?? false
        case .isolate(let name):
            guard let n = node(name) else { return false }
            let links = core.blockedLinks
            return core.cluster.count > 1 && (0..<core.cluster.count).allSatisfy { other in
                other == n.index || (links.contains { $0.0 == n && $0.1.index == other }
                                     && links.contains { $0.0.index == other && $0.1 == n })
            }
        default: return false
        }
    }

    /// Whether the learner's command is what the wait asks for, compared as
    /// values (a node by name, a message by its type).
    public static func matches(_ action: WaitAction, command: Command, leaderBefore: String?, _ session: PlaySession) -> Bool {
        let name = { (node: NodeID) in session.core.cluster.name(node) }
        switch (action, command) {
        case (.crash(let node), .crash(let n)):
            return name(n) == node || (node == "leader" && name(n) == leaderBefore)
        case (.restart(let node), .restart(let n)):
            return name(n) == node
        case (.timeout(let node), .timeout(let n)):
            // A crashed node's timer does not fire: that is not what was asked.
            return name(n) == node && !session.core.isCrashed(n)
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
