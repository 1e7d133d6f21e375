import Lessons
import Scenario
import Sim

/// Everything the screen shows, and nothing else: `render` reads only this.
public struct AppState: Sendable {
    public var session: PlaySession
    public var index = DiagramIndex()
    public var width: Int
    public var height: Int
    public var glyphs: Glyphs
    public var color: Bool
    /// The event under the cursor; nil means "follow the latest".
    public var cursor: Int? = nil
    public var selectedMessage: MessageID? = nil
    /// True once the user picked a message with tab; otherwise the oldest in
    /// flight is selected, so a step back shows exactly the earlier screen.
    public var selectionPinned = false
    public var selectedNode = 0
    /// First and second event of an inspection (`i`).
    public var inspectA: Int? = nil
    public var inspectB: Int? = nil
    public var filter: Primitive? = nil
    /// How messages are drawn (`v`).
    public var diagramMode = DiagramMode.spaceTime
    /// The event-text column: nil shows it when the lifelines keep room (`E` decides).
    public var eventText: Bool? = nil
    /// The state strip under the diagram (`S`): every node's log or main state.
    public var stateStrip = false
    public var playing = false
    /// Autoplay speed level: 2^level steps per second (0...4).
    public var speed = 1
    public var showHelp = false
    /// Rows the help box is scrolled (↑ ↓ while it is open).
    public var helpScroll = 0
    /// The line being typed in the footer (`L`, `:`, `a`), or nil.
    public var prompt: Prompt? = nil
    /// Command lines run with `:` or `a`, oldest first (↑ walks back).
    public var commandHistory: [String] = []
    public var status: String = ""
    public var quit = false
    /// Title facts: the lesson or "free play".
    public var mode: String = "free play"
    /// The lesson being played, if any.
    public var lesson: LessonRun? = nil
    /// Lines the lesson panel is scrolled from where it puts itself (`[` `]`).
    public var lessonScroll = 0
    /// What the lesson said back since the section began (answers,
    /// explanations, hints, a run gone another way): kept in the panel until
    /// the next section.
    public var lessonFeedback: [String] = []
    /// The explanation of the quiz just answered, shown at the top of the
    /// section it opened.
    public var lessonAnswer: String? = nil
    /// An action held once because the lesson waits for another (pressed
    /// again, it goes through).
    public var heldAction: AppAction? = nil
    /// The lesson as it was at each block reached, with the run's step then:
    /// where `r` can go back to (bounded by the lesson's block count).
    public var lessonCheckpoints: [LessonRun] = []
    /// The lesson's own path (`LessonLint.path`), computed at the first `r`.
    public var lessonPath: [Int: Int]? = nil
    /// Set when the lesson ends, for the shell to record progress.
    public var lessonCompleted = false
    /// The date written in exports (set by the shell; the core never reads a clock).
    public var exportDate = "unknown date"

    /// Open a lesson: its cluster, then its first items up to the first stop.
    /// With `interrupt`, a stop it asks for ends the setup part way (the
    /// caller, who asked, goes back to the menu).
    public init(lesson: Lesson, width: Int, height: Int, glyphs: Glyphs = .unicode, color: Bool = true,
                interrupt: Interrupt? = nil) throws {
        var session = try PlaySession(clusterLine: lesson.clusterLine)
        var run = LessonRun(lesson: lesson)
        session.interrupt = interrupt
        run.advance(&session)
        session.endInterruptible()
        self.init(session: session, width: width, height: height, glyphs: glyphs, color: color)
        self.lesson = run
        checkpointLesson(run)
        mode = lesson.meta.title
        lessonCompleted = run.finished
    }

    public init(session: PlaySession, width: Int, height: Int, glyphs: Glyphs = .unicode, color: Bool = true) {
        self.session = session
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.color = color
        index.sync(session.core)
    }

    public var core: any SessionCore { session.core }

    /// The event row the view is anchored on.
    public var focusRow: Int { cursor ?? max(0, core.eventCount - 1) }

    /// Milliseconds between autoplay steps.
    public var playIntervalMs: Int { 1000 >> speed }

    /// Keep selections valid after the run moved (UI invariants).
    public mutating func normalise() {
        index.sync(core)
        let inflight = core.inflight.map(\.id)
        if let m = selectedMessage, !inflight.contains(m) { selectedMessage = nil }
        if selectedMessage == nil || !selectionPinned {
            selectedMessage = inflight.first
            selectionPinned = false
        }
        selectedNode = min(max(0, selectedNode), core.cluster.count - 1)
        if let c = cursor, c >= core.eventCount - 1 { cursor = nil }
        if let a = inspectA, a >= core.eventCount { inspectA = nil }
        if let b = inspectB, b >= core.eventCount { inspectB = nil }
    }

    /// For tests and the soak: every UI invariant at once.
    public var invariantsHold: Bool {
        let inflight = core.inflight.map(\.id)
        return (selectedMessage.map(inflight.contains) ?? inflight.isEmpty)
            && selectedNode >= 0 && selectedNode < core.cluster.count
            && (cursor.map { $0 >= 0 && $0 < core.eventCount } ?? true)
            && speed >= 0 && speed <= 4
    }
}
