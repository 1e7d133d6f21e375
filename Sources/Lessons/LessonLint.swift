import Scenario
import Sim

/// `baton lint`: parse a lesson, then play it headless, performing each wait
/// the way a learner would and answering each quiz; every `expect` must hold.
public enum LessonLint {
    /// Steps lint may take looking for something to act on.
    static let searchStepsMax = 2_000

    /// The world as the lesson's own path reaches each block (by how many
    /// blocks were passed before it), as `worldKey` hash values: where a
    /// learner's run agrees with the lesson. Computed by playing the lesson
    /// as `check` does.
    public static func path(_ lesson: Lesson) -> [Int: Int] {
        guard var session = try? PlaySession(clusterLine: lesson.clusterLine) else { return [:] }
        var run = LessonRun(lesson: lesson)
        run.advance(&session)
        var keys: [Int: Int] = [:]
        for _ in 0...lesson.items.count {
            guard let blocked = run.blocked else { break }
            keys[run.passed] = session.core.worldKey.hashValue
            let position = run.position
            switch blocked {
            case .pause: _ = run.continuePause(&session)
            case .quiz(let quiz, _): _ = run.answer(quiz.answer, &session)
            case .wait(let action, let solve, _, _): _ = perform(action, solve: solve, &run, &session)
            }
            if run.position == position && run.blocked == blocked { break }
        }
        return keys
    }

    public static func check(_ lesson: Lesson) -> [LessonError] {
        var session: PlaySession
        do {
            session = try PlaySession(clusterLine: lesson.clusterLine)
        } catch {
            return [LessonError(file: lesson.file, line: lesson.lines.first ?? 1, column: 1, message: "\(error)")]
        }
        var run = LessonRun(lesson: lesson)
        run.advance(&session)
        var errors: [LessonError] = []
        // Bounded: every turn passes one blocking item or stops with an error.
        for _ in 0...lesson.items.count {
            guard let blocked = run.blocked else { break }
            let line = run.currentLine
            let position = run.position
            switch blocked {
            case .pause:
                _ = run.continuePause(&session)
            case .quiz(let quiz, _):
                _ = run.answer(quiz.answer, &session)
            case .wait(let action, let solve, _, _):
                if let why = perform(action, solve: solve, &run, &session) {
                    errors.append(LessonError(file: lesson.file, line: line, column: 1, message: why))
                    return run.problems + errors
                }
                if run.position == position {
                    let what = solve == nil ? "lint performed it" : "its solve= commands ran"
                    errors.append(LessonError(file: lesson.file, line: line, column: 1,
                                              message: "this wait is never satisfied (\(what), the lesson did not go on)"))
                    return run.problems + errors
                }
            }
        }
        return run.problems + errors
    }

    /// Do what the wait asks, as a learner would; an error message if it
    /// cannot be done.
    static func perform(_ action: WaitAction, solve: [String]?, _ run: inout LessonRun,
                        _ session: inout PlaySession) -> String? {
        func act(_ command: Command) -> String? {
            let leader = leaderName(session)
            if let error = session.run(command) { return "`\(command.text(session.core.cluster))`: \(error)" }
            run.observe(command, leaderBefore: leader, &session)
            return nil
        }
        func nodeID(_ name: String) -> NodeID { session.core.cluster.node(named: name)! }
        let start = run.position
        if let solve {
            // `solve="..."` is text from the lesson file: parsed here, at the edge.
            for text in solve where run.position == start {
                switch session.parse(text) {
                case .failure(let message): return "`\(text)`: \(message)"
                case .success(let command): if let e = act(command) { return e }
                }
            }
            return nil
        }
        switch action {
        case .step(let n):
            for _ in 0..<n {
                let before = session.core.step
                if let e = act(.step(1)) { return e }
                if session.core.step == before { return "wait step \(n) can never be satisfied: nothing left to process" }
            }
        case .crash(let node):
            var target = node
            if node == "leader" {
                guard stepUntil({ leaderName($0) != nil }, &session) else { return "no leader ever appears to crash" }
                target = leaderName(session)!
            }
            return act(.crash(nodeID(target)))
        case .restart(let name): return act(.restart(nodeID(name)))
        case .timeout(let name): return act(.timeout(nodeID(name)))
        case .isolate(let name): return act(.partition([[nodeID(name)]]))
        case .heal: return act(.heal)
        case .fault(let kind, let type):
            guard stepUntil({ oldest(type, $0) != nil }, &session), let id = oldest(type, session) else {
                return "no \(type ?? "message") is ever in flight to \(kind)"
            }
            let faults: [String: Command] = ["drop": .drop(.id(id)), "delay": .delay(.id(id), ticks: 5),
                                             "duplicate": .duplicate(id), "deliver": .deliver(.id(id))]
            return act(faults[kind]!)
        case .until(let query):
            for _ in 0..<(searchStepsMax * 5) where run.position == start {
                let before = session.core.step
                if let e = act(.step(1)) { return e }
                if session.core.step == before { break }
            }
            if run.position == start { return "wait until \(query) is never satisfied by stepping; give solve=\"...\"" }
        }
        return nil
    }

    static func leaderName(_ session: PlaySession) -> String? {
        guard let v = session.core.globalQuery("leader"), case .text(let name) = v else { return nil }
        return name
    }

    static func oldest(_ type: String?, _ session: PlaySession) -> MessageID? {
        session.core.inflight.first { f in
            type.map { session.core.messageInfo(f.id)?.typeName.hasPrefix($0) ?? false } ?? true
        }?.id
    }

    static func stepUntil(_ done: (PlaySession) -> Bool, _ session: inout PlaySession) -> Bool {
        for _ in 0..<searchStepsMax {
            if done(session) { return true }
            let before = session.core.step
            session.run(.step(1))
            if session.core.step == before { return done(session) }
        }
        return done(session)
    }
}
