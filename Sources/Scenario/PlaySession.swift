import Protocols
import Sim

/// A run driven from the keyboard, a lesson or a transcript. Keys build
/// `Command` values and run them with the same interpreter as `baton run`;
/// each is rendered to text once, for the event list and the transcript, so
/// the command log is a replayable script. Text is parsed only where it comes
/// from a file or the command line (`execute(text:)`), with the cluster
/// parsed once.
public struct PlaySession: Sendable {
    public private(set) var scenario: ScenarioSession
    let header: String
    let parser: LineParser
    /// Commands of the current history, each with its text and the step
    /// reached after it.
    public private(set) var log: [(command: Command, text: String, step: Int)] = []
    /// The trace indices of the events the last command caused.
    private var lastCommandEvents = 0..<0

    public init(clusterLine: String) throws {
        switch ScenarioParser.parse(file: "play", text: clusterLine) {
        case .failure(let errors):
            throw errors
        case .success(let parsed):
            header = clusterLine
            guard case .success(let parser) = ScenarioParser.clusterParser(clusterLine) else {
                preconditionFailure("a cluster line that parsed once parses again")
            }
            self.parser = parser
            scenario = try ScenarioSession(spec: parsed.cluster, entry: parsed.entry, source: parsed.lines[0].source)
        }
    }

    /// Rebuild a run from its commands (a transcript). The first must be the
    /// cluster line; an error names the 1-based command that failed.
    /// With `interrupt`, a stop it asks for ends the replay where it got to:
    /// the commands after it are not run, and `interrupt.command` says which
    /// one was running.
    public init(commands: [String], interrupt: Interrupt? = nil) throws {
        guard let first = commands.first else { throw ScenarioErrors(diagnostics: []) }
        try self.init(clusterLine: first)
        scenario.interrupt = interrupt
        defer { scenario.endInterruptible() }
        for (i, command) in commands.dropFirst().enumerated() {
            if interrupt?.isStopRequested == true { break }
            interrupt?.report(command: i + 2)
            if case .error(let message) = execute(text: command) {
                throw ScenarioErrors(diagnostics: [Diagnostic(file: "transcript", line: i + 2, column: 1,
                                                              message: message)])
            }
        }
    }

    /// Take over a run that a scenario file made (`baton run --format md`),
    /// without running it again: its commands are parsed for the log.
    public init(finished scenario: ScenarioSession) throws {
        guard case .success(let parser) = ScenarioParser.clusterParser(scenario.commands[0]) else {
            throw ScenarioErrors(diagnostics: [Diagnostic(file: "transcript", line: 1, column: 1,
                                                          message: "the cluster line does not parse again")])
        }
        header = scenario.commands[0]
        self.parser = parser
        self.scenario = scenario
        for (i, text) in scenario.commands.enumerated().dropFirst() {
            guard case .success(let line?) = ScenarioParser.line(text, parser: parser) else {
                throw ScenarioErrors(diagnostics: [Diagnostic(file: "transcript", line: i + 1, column: 1,
                                                              message: "`\(text)` does not parse again")])
            }
            log.append((line.command, text, scenario.commandSteps[i]))
        }
    }

    public var core: any SessionCore { scenario.core }

    /// See `ScenarioSession.interrupt`.
    public var interrupt: Interrupt? {
        get { scenario.interrupt }
        set { scenario.interrupt = newValue }
    }

    /// See `ScenarioSession.endInterruptible`.
    @discardableResult
    public mutating func endInterruptible() -> Int? { scenario.endInterruptible() }
    public var entry: ProtocolEntry { scenario.entry }
    public var spec: ClusterSpec { scenario.spec }

    /// The words a command line of this cluster may start with (engine
    /// commands and the protocol's request verbs).
    public var commandWords: [String] { parser.words.filter { $0 != "cluster" } }

    /// The history up to the current step as a scenario script.
    public var script: String {
        let here = core.step
        return ([header] + log.filter { $0.step <= here }.map(\.text)).joined(separator: "\n") + "\n"
    }

    public enum Outcome: Equatable, Sendable {
        case ok
        case expectationsFailed([ExpectationFailure])
        case error(String)
    }

    /// Parse one line of this cluster into a command value; the error message
    /// when it is not one.
    public func parse(_ text: String) -> Result<Command, ParseFailure> {
        switch ScenarioParser.line(text, parser: parser) {
        case .failure(let e): return .failure(ParseFailure(message: e.message, column: e.column))
        case .success(let line?): return .success(line.command)
        case .success(nil): return .failure(ParseFailure(message: "there is no command on the line", column: 1))
        }
    }

    public struct ParseFailure: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        /// Where on the line (from 1) the problem is.
        public var column: Int = 1
        public var description: String { message }
    }

    /// Parse one line written by a person (a lesson, a transcript) and run it.
    public mutating func execute(text: String) -> Outcome {
        switch ScenarioParser.line(text, parser: parser) {
        case .failure(let e): return .error(e.message)
        case .success(let line?): return execute(line)
        case .success(nil): return .error("cannot run `\(text)`: there is no command on the line")
        }
    }

    /// Run a command built as a value.
    public mutating func execute(_ command: Command) -> Outcome {
        let text = command.text(core.cluster)
        return execute(ScenarioLine(command: command, line: 1, columns: [1], source: text))
    }

    /// Run one command at the current step. A command in the past forks: the
    /// log keeps only what led here.
    private mutating func execute(_ line: ScenarioLine) -> Outcome {
        if case .cluster = line.command { return .error("the cluster is already defined") }
        let here = core.step
        let before = core.eventCount
        let failures: [ExpectationFailure]
        do {
            failures = try scenario.execute(line, file: "play")
        } catch {
            return .error(error.message)
        }
        lastCommandEvents = before..<core.eventCount
        while let last = log.last, last.step > here { log.removeLast() }
        if scenario.stoppedAtStep != nil {
            // Stopped part way (Esc): what ran is `step K`, which replays to
            // the same state (a run is steps, one after another).
            let k = core.step - here
            if k > 0 { log.append((.step(k), "step \(k)", core.step)) }
            return .ok
        }
        log.append((line.command, line.source, core.step))
        return failures.isEmpty ? .ok : .expectationsFailed(failures)
    }

    /// Run one command; an error message, or nil (expectations are not errors here).
    @discardableResult
    public mutating func run(_ command: Command) -> String? {
        if case .error(let message) = execute(command) { return message }
        return nil
    }

    /// Parse and run one line; an error message, or nil.
    @discardableResult
    public mutating func run(text: String) -> String? {
        if case .error(let message) = execute(text: text) { return message }
        return nil
    }

    /// See `ScenarioSession.catchUpNames`.
    public mutating func catchUpNames() { scenario.catchUpNames() }

    /// Give the event the last command caused the name `name` (a lesson's
    /// `wait step @c`, met by the learner's key): the command is logged as
    /// `command @name`, so an exported transcript replays with the name.
    /// An error message when there is no such event or the name is taken.
    public mutating func nameLastCommand(_ name: String) -> String? {
        guard let last = log.last, last.step == core.step else { return "no command of this step to name" }
        if case .named = last.command { return "the last command already names its event" }
        do {
            try scenario.nameEvent(name, causedIn: lastCommandEvents)
        } catch {
            return error.message
        }
        log[log.count - 1] = (.named(last.command, name: name), last.text + " @" + name, last.step)
        return nil
    }

    /// Go back to `step` and forget what came after it (a lesson's rewind):
    /// the run goes on from there as if the rest had not happened.
    public mutating func rewind(to step: Int) {
        go(to: step)
        var core = scenario.core
        core.discardFuture()
        scenario.replaceCore(core)
        while let last = log.last, last.step > core.step { log.removeLast() }
    }

    /// Move along the recorded history (step back, or forward again).
    public mutating func go(to step: Int) {
        var core = scenario.core
        core.go(to: step)
        scenario.replaceCore(core)
    }
}
