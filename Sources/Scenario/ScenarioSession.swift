import Protocols
import Sim

/// An `expect` (or `run until`) that did not hold.
public struct ExpectationFailure: Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let query: String
    public let expected: String
    public let actual: String
    /// Set when a `run until` stopped without its condition: why it stopped
    /// ("max=40 reached", "nothing was left to happen").
    public var runStopped: String? = nil

    public var description: String {
        let wanted = expected == Expectation.anything ? query : "\(query)=\(expected)"
        if let runStopped {
            return "\(file):\(line):\(column): run until \(wanted) failed: \(runStopped) and it never held "
                + "(\(query) is \(actual))"
        }
        if expected == Expectation.anything, actual.contains(" ") {
            return "\(file):\(line):\(column): expectation failed: \(query) does not hold: \(actual)"
        }
        return "\(file):\(line):\(column): expectation failed: \(query) expected "
            + (expected == Expectation.anything ? "a value" : expected) + ", actual \(actual)"
    }
}

/// A run driven by scenario commands: the scenario language's interpreter.
/// Lessons, the UI and transcripts drive the same type.
public struct ScenarioSession: Sendable {
    public private(set) var core: any SessionCore
    public let spec: ClusterSpec
    public let entry: ProtocolEntry
    /// Commands executed so far, as written (the trace's `commands`).
    public private(set) var commands: [String] = []
    /// The step reached after each of `commands` (the cluster line: 0).
    public private(set) var commandSteps: [Int] = []
    /// Events named by `@name` and by labels, for happens-before queries.
    public private(set) var names = EventNames()
    /// Set when a step was refused because the run holds the most events
    /// baton keeps (`EngineConfig.eventsMax`): the engine's message.
    public private(set) var limitReached: String? = nil
    /// Where a long run reports progress and hears a stop (the TUI's Esc);
    /// nil for headless runs.
    public var interrupt: Interrupt? = nil
    /// Set when the run stopped because `interrupt` asked: the step it reached.
    public private(set) var stoppedAtStep: Int? = nil

    public init(spec: ClusterSpec, entry: ProtocolEntry, source: String) throws {
        self.spec = spec
        self.entry = entry
        let config = EngineConfig(seed: spec.seed, latency: spec.latency, lossPerMillion: spec.lossPerMillion)
        core = try entry.makeSession(cluster: ClusterInfo(names: spec.names),
                                     options: spec.options.map { ($0.key, $0.value) }, config: config)
        commands.append(source)
        commandSteps.append(0)
    }

    public var cluster: ClusterInfo { core.cluster }

    /// Forget the interrupt and the stop it caused, so the run goes on from
    /// where it stopped; the step it stopped at, if it did.
    @discardableResult
    public mutating func endInterruptible() -> Int? {
        defer {
            interrupt = nil
            stoppedAtStep = nil
        }
        return stoppedAtStep
    }

    /// Index the names of events recorded so far. Callers that ask
    /// questions on copies of the session (a lesson's wait, every step)
    /// call this on the session itself, so that a copy does not index the
    /// whole run again each time (that was quadratic in the run).
    public mutating func catchUpNames() { names.catchUp(core) }

    /// For step-back: the same run, moved to another step.
    public mutating func replaceCore(_ core: any SessionCore) {
        self.core = core
        names.catchUp(core)
    }

    /// Execute one command. Returns the expectations that failed; throws for
    /// a command that cannot be carried out (exit 2), changing nothing more.
    public mutating func execute(_ line: ScenarioLine, file: String) throws(Diagnostic) -> [ExpectationFailure] {
        do throws(LocatedError) {
            let failures = try execute(line.command, columns: line.columns)
            commands.append(line.source)
            commandSteps.append(core.step)
            return failures.map {
                ExpectationFailure(file: file, line: line.line, column: $0.0.column, query: $0.0.query.text,
                                   expected: $0.0.expected,
                                   actual: $0.0.query.explain(core, names: names),
                                   runStopped: $0.runStopped)
            }
        } catch {
            throw Diagnostic(file: file, line: line.line, column: error.column, message: error.message)
        }
    }

    private mutating func execute(_ command: Command,
                                  columns: [Int]) throws(LocatedError) -> [(Expectation, runStopped: String?)] {
        let arg = columns.count > 1 ? columns[1] : columns[0]
        func act(_ action: StepAction, column: Int? = nil) throws(LocatedError) {
            do {
                _ = try core.perform(action)
            } catch {
                throw LocatedError(column ?? arg, error.message)
            }
        }
        switch command {
        case .cluster:
            throw LocatedError(columns[0], "the cluster is already defined")
        case .request(let node, let request):
            try act(.request(node, labelled(request)), column: columns[0])
        case .timeout(let node): try act(.fireTimeout(node))
        case .step(let n): try stepUp(to: n)
        case .deliver(.id(let id)): try act(.deliverNow(id))
        case .deliver(.link(let from, let to)):
            guard let id = core.inflight.first(where: { core.messageInfo($0.id)!.from == from
                                                           && core.messageInfo($0.id)!.to == to })?.id else {
                throw LocatedError(arg, "nothing in flight \(cluster.name(from))->\(cluster.name(to)) to deliver")
            }
            try act(.deliverNow(id))
        case .run(let until, let max):
            if let stopped = try run(until: until, max: max), let until { return [(until, stopped)] }
        case .drop(.id(let id)): try act(.drop(id))
        case .drop(.link(let from, let to)): try act(.dropLink(from, to))
        case .delay(.id(let id), let ticks): try act(.delay(id, ticks: ticks))
        case .delay(.link(let from, let to), let ticks): try act(.delayLink(from, to, ticks: ticks))
        case .duplicate(let id): try act(.duplicate(id))
        case .crash(let node): try act(.crash(node))
        case .restart(let node): try act(.restart(node))
        case .partition(let groups): try act(.partition(groups))
        case .cut(let from, let to): try act(.cut(from, to))
        case .heal: try act(.heal)
        case .expect(let expectations):
            names.catchUp(core)
            for expectation in expectations { try checkNames(expectation) }
            return expectations.filter { !$0.holds(core, names: names).0 }.map { ($0, nil) }
        case .named(let inner, let name):
            names.catchUp(core)
            guard !names.isNamed(name) else {
                throw LocatedError(columns.last ?? 1, "`@\(name)` already names an earlier event")
            }
            guard names.event(name) == nil else {
                throw LocatedError(columns.last ?? 1, "`\(name)` is already the label of an earlier event; "
                                   + "choose another name")
            }
            let before = core.eventCount
            let failures = try execute(inner, columns: Array(columns.dropLast()))
            try nameEvent(name, causedIn: before..<core.eventCount, column: columns.last ?? 1)
            return failures
        }
        return []
    }

    /// Name the event that the events in `range` (one command's) stand
    /// for: the first that takes part in happens-before.
    /// - Throws: when the range caused no event or the name is taken.
    mutating func nameEvent(_ name: String, causedIn range: Range<Int>, column: Int = 1) throws(LocatedError) {
        names.catchUp(core)
        guard !names.isNamed(name) else { throw LocatedError(column, "`@\(name)` already names an earlier event") }
        guard names.event(name) == nil else {
            throw LocatedError(column, "`\(name)` is already the label of an earlier event; choose another name")
        }
        guard let index = EventNames.causedEvent(core, in: range) else {
            throw LocatedError(column, "`@\(name)` names nothing: the command caused no event")
        }
        _ = names.name(name, event: index)
    }

    /// A happens-before question must name events that exist and have a
    /// place in happens-before; a typo is an error (exit 2), not "false".
    private func checkNames(_ expectation: Expectation) throws(LocatedError) {
        if case .message(let id, let field) = expectation.query.subject {
            guard let info = core.messageInfo(id) else {
                throw LocatedError(expectation.column, core.messageCount == 0 ? "there is no message #\(id): none was sent yet"
                                   : "there is no message #\(id): messages so far are #1 to #\(core.messageCount)")
            }
            let fields = ["type", "tags", "label", "from", "to"] + info.fields.map(\.name)
            guard fields.contains(field) else {
                throw LocatedError(expectation.column + "#\(id).".count, "#\(id) (\(info.typeName)) has no field `\(field)`"
                                   + "\(Suggest.hint(field, fields)); it has " + fields.joined(separator: ", "))
            }
        }
        guard case .relation(let a, _, let b) = expectation.query.subject else { return }
        for name in [a, b] {
            guard let index = names.event(name) else {
                let known = names.known
                throw LocatedError(expectation.column, "no event is named `\(name)`: label it (`local A \(name)`, "
                                   + "`send A B \(name)`) or end a command with `@\(name)`"
                                   + (known.isEmpty ? "" : "; named so far: " + known.prefix(12).joined(separator: ", ")))
            }
            guard core.vclock(ofEvent: index) != nil else {
                throw LocatedError(expectation.column, "`\(name)` (a \(core.event(index).kind.rawValue)) has no place "
                                   + "in happens-before; name a send, receive or local event")
            }
        }
    }

    /// An unlabelled message is named after its id, as in the seed's m1, m2.
    private func labelled(_ request: ClientRequest) -> ClientRequest {
        let auto = entry.descriptor.request(verb: request.verb)?.arguments.contains {
            if case .text(_, _, true) = $0 { return true }
            return false
        } ?? false
        return auto ? request.labelled("m\(core.messageCount + 1)") : request
    }

    /// `step n`: process up to n events; stops early when nothing is left.
    private mutating func stepUp(to n: Int) throws(LocatedError) {
        for _ in 0..<n {
            guard advance() else { return }
        }
    }

    /// One step; false when nothing is left or the event limit is reached
    /// (then `limitReached` says so).
    private mutating func advance() -> Bool {
        if stoppedAtStep != nil { return false }
        if let interrupt, core.step % Interrupt.everySteps == 0, interrupt.report(steps: core.step) {
            stoppedAtStep = core.step
            return false
        }
        do {
            _ = try core.perform(.next)
            return true
        } catch {
            if case .historyFull = error { limitReached = error.message }
            return false
        }
    }

    /// `run [until c] [max=n]`: step until the condition holds, nothing is
    /// left, or n steps have run. Returns why it stopped when it stopped
    /// without the condition (a failure, DESIGN §4: exit 1), else nil.
    private mutating func run(until: Expectation?, max: Int) throws(LocatedError) -> String? {
        func met() -> Bool {
            guard let until else { return false }
            // Time moves in jumps: `run until time=40` means "until t reaches 40".
            if until.query.subject == .time, let t = Int(until.expected) { return core.time >= t }
            names.catchUp(core)
            return until.holds(core, names: names).0
        }
        for _ in 0..<max {
            if met() { return nil }
            guard advance() else {
                if limitReached != nil || stoppedAtStep != nil { return nil }
                return until == nil ? nil : "nothing was left to happen at step \(core.step)"
            }
        }
        guard until != nil, stoppedAtStep == nil, !met() else { return nil }
        return "max=\(max) reached"
    }
}

/// Parse and run a whole scenario headless.
public enum ScenarioRunner {
    public struct Outcome: Sendable {
        public let session: ScenarioSession?
        public let failures: [ExpectationFailure]
        /// Errors that make the scenario invalid (exit 2).
        public let errors: [Diagnostic]
        /// `file:line: error: ...` when the run hit the event limit (exit 1).
        public var limit: String? = nil

        public var exitCode: Int32 { !errors.isEmpty ? 2 : (failures.isEmpty && limit == nil ? 0 : 1) }
    }

    public static func run(file: String, text: String) -> Outcome {
        switch ScenarioParser.parse(file: file, text: text) {
        case .failure(let errors):
            return Outcome(session: nil, failures: [], errors: errors.diagnostics)
        case .success(let parsed):
            return run(parsed)
        }
    }

    public static func run(_ parsed: ParsedScenario) -> Outcome {
        let first = parsed.lines[0]
        var session: ScenarioSession
        do {
            session = try ScenarioSession(spec: parsed.cluster, entry: parsed.entry, source: first.source)
        } catch let error as OptionError {
            let column = optionColumn(error.option, in: first)
            return Outcome(session: nil, failures: [], errors: [
                Diagnostic(file: parsed.file, line: first.line, column: column, message: error.message)])
        } catch {
            return Outcome(session: nil, failures: [], errors: [
                Diagnostic(file: parsed.file, line: first.line, column: 1, message: "\(error)")])
        }
        var failures: [ExpectationFailure] = []
        for line in parsed.lines.dropFirst() {
            do throws(Diagnostic) {
                failures += try session.execute(line, file: parsed.file)
            } catch {
                return Outcome(session: session, failures: failures, errors: [error])
            }
            if let limit = session.limitReached {
                return Outcome(session: session, failures: failures, errors: [],
                               limit: "\(parsed.file):\(line.line): error: \(limit); the lines after it were not run")
            }
        }
        return Outcome(session: session, failures: failures, errors: [])
    }

    private static func optionColumn(_ option: String, in line: ScenarioLine) -> Int {
        let tokens = (try? Tokenizer.tokenize(Substring(line.source))) ?? []
        let offset = line.columns[0] - 1
        return (tokens.first { $0.text.hasPrefix(option + "=") }?.column).map { $0 + offset } ?? line.columns[0]
    }
}
