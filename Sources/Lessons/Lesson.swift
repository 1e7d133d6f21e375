import Scenario

/// A lesson's front matter (docs/DESIGN.md §7).
public struct LessonMeta: Equatable, Sendable {
    public let id: String
    public let title: String
    public let protocolID: String
    public let primitives: [String]
    public let order: Int
}

/// What a learner must do before the lesson goes on.
public enum WaitAction: Equatable, Sendable {
    case step(Int)
    case crash(String)          // a node name, or "leader"
    case restart(String)
    case fault(kind: String, type: String?)   // drop, delay, duplicate, deliver
    case timeout(String)
    case isolate(String)
    case heal
    case until(query: String)   // `expect`-style query, `x=y` or bare
}

public struct Quiz: Equatable, Sendable {
    public let question: String
    public let choices: [String]
    public let answer: Int
    public let why: String?
}

/// One point of a lesson, in file order.
public enum LessonItem: Equatable, Sendable {
    case prose(String)
    case command(String)
    case pause
    /// `name`: the `@name` given to the event the learner's action causes
    /// (`wait step @c`), for happens-before questions and the diagram.
    case wait(WaitAction, solve: [String]?, hint: String?, name: String?)
    case quiz(Quiz, hint: String?)

    /// Items where the player stops for the learner.
    public var isBlocking: Bool {
        switch self {
        case .pause, .wait, .quiz: return true
        default: return false
        }
    }
}

public struct Lesson: Equatable, Sendable {
    public let file: String
    public let meta: LessonMeta
    public let items: [LessonItem]
    /// Source line of each item, for errors.
    public let lines: [Int]
    public let clusterLine: String

    public var blockingCount: Int { items.filter(\.isBlocking).count }
}

/// A problem in a lesson file: `file:line:column: message`.
public struct LessonError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
