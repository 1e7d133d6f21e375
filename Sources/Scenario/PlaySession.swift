import Protocols
import Sim

/// A run driven from the keyboard. Every key that changes the run becomes a
/// scenario command (`drop #5`, `crash B`, `step`), executed by the same
/// interpreter as `baton run`, so the command log is a replayable script.
public struct PlaySession: Sendable {
    public private(set) var scenario: ScenarioSession
    let header: String
    /// Commands of the current history, each with the step reached after it.
    public private(set) var log: [(command: String, step: Int)] = []

    public init(clusterLine: String) throws {
        switch ScenarioParser.parse(file: "play", text: clusterLine) {
        case .failure(let errors):
            throw errors
        case .success(let parsed):
            header = clusterLine
            scenario = try ScenarioSession(spec: parsed.cluster, entry: parsed.entry, source: parsed.lines[0].source)
        }
    }

    /// Rebuild a run from its commands (a transcript). The first must be the
    /// cluster line; an error names the 1-based command that failed.
    public init(commands: [String]) throws {
        guard let first = commands.first else { throw ScenarioErrors(diagnostics: []) }
        try self.init(clusterLine: first)
        for (i, command) in commands.dropFirst().enumerated() {
            if case .error(let message) = execute(command) {
                throw ScenarioErrors(diagnostics: [Diagnostic(file: "transcript", line: i + 2, column: 1,
                                                              message: message)])
            }
        }
    }

    public var core: any SessionCore { scenario.core }
    public var entry: ProtocolEntry { scenario.entry }
    public var spec: ClusterSpec { scenario.spec }

    /// The history up to the current step as a scenario script.
    public var script: String {
        let here = core.step
        return ([header] + log.filter { $0.step <= here }.map(\.command)).joined(separator: "\n") + "\n"
    }

    public enum Outcome: Equatable, Sendable {
        case ok
        case expectationsFailed([ExpectationFailure])
        case error(String)
    }

    /// Run one command at the current step. A command in the past forks: the
    /// log keeps only what led here.
    public mutating func execute(_ command: String) -> Outcome {
        let parsed: ParsedScenario
        switch ScenarioParser.parse(file: "play", text: header + "\n" + command) {
        case .failure(let e): return .error(e.diagnostics.first?.message ?? "cannot run `\(command)`")
        case .success(let p): parsed = p
        }
        guard parsed.lines.count == 2 else { return .error("cannot run `\(command)`") }
        let here = core.step
        let failures: [ExpectationFailure]
        do {
            failures = try scenario.execute(parsed.lines[1], file: "play")
        } catch {
            return .error(error.message)
        }
        while let last = log.last, last.step > here { log.removeLast() }
        log.append((command, core.step))
        return failures.isEmpty ? .ok : .expectationsFailed(failures)
    }

    /// Run one command; an error message, or nil (expectations are not errors here).
    @discardableResult
    public mutating func run(_ command: String) -> String? {
        if case .error(let message) = execute(command) { return message }
        return nil
    }

    /// Move along the recorded history (step back, or forward again).
    public mutating func go(to step: Int) {
        var core = scenario.core
        core.go(to: step)
        scenario.replaceCore(core)
    }
}
