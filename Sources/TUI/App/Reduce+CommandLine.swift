import Scenario
import Sim

/// The command line (`:`), `a` (the selected node's client request,
/// prefilled), the delay prompt (`L`) and the free-play tip (`h`).
extension AppState {
    /// How many command lines ↑ can reach.
    static let historyMax = 100
    /// Steps a `run` from the command line takes at most unless given max=.
    static let commandLineRunMax = 1_000

    mutating func typeIntoPrompt(_ c: Character) {
        guard var p = prompt else { return }
        switch p.kind {
        case .ticks: if c.isNumber && p.text.count < 6 { p.text.append(c) }
        case .command, .goal: if p.text.count < Prompt.lengthMax && !c.isNewline { p.text.append(c) }
        }
        p.error = nil
        p.candidates = []
        prompt = p
    }

    mutating func submitPrompt() {
        guard let p = prompt else { return }
        switch p.kind {
        case .ticks:
            prompt = nil
            if let ticks = Int(p.text), ticks >= 1 { delaySelected(by: ticks) }
            else { status = "a delay is a whole number of ticks, at least 1" }
        case .command:
            runCommandLine(p.text)
        case .goal:
            explore(toward: p.text)
        }
    }

    private mutating func delaySelected(by ticks: Int) {
        guard let id = selectedMessage else { status = "no message in flight"; return }
        act(.delay(.id(id), ticks: ticks))
    }

    /// Parse the line as a command of this cluster and run it; a mistake
    /// keeps the line open with the error under it, pointing at its column.
    private mutating func runCommandLine(_ text: String) {
        let line = text.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { prompt = nil; return }
        remember(line)
        let leading = text.prefix { $0 == " " }.count
        switch session.parse(line) {
        case .failure(let failure):
            prompt?.error = PromptError(message: failure.message, column: failure.column + leading)
            prompt?.historyIndex = nil
        case .success(var command):
            prompt = nil
            // `run` typed without max= stops after a screenful of work, not
            // the scenario default of 10,000 steps (the screen would freeze).
            let typedMax = line.contains("max=")
            if case .run(let until, _) = command, !typedMax { command = .run(until: until, max: Self.commandLineRunMax) }
            if case .expect = command {
                checkExpectation(command)
            } else {
                let before = core.step
                act(command)
                var probe = session
                if case .run(let until?, let max) = command, core.step - before >= max,
                   case .expectationsFailed = probe.execute(.expect([until])) {
                    status = "stopped after \(max) steps without reaching it: " + command.text(core.cluster)
                        + " (give max= for more)"
                }
            }
        }
    }

    /// `expect` from the command line: answered in the status line, and kept
    /// in the transcript like any command.
    private mutating func checkExpectation(_ command: Command) {
        switch session.execute(command) {
        case .ok: status = "yes: " + command.text(core.cluster)
        case .error(let message): status = message
        case .expectationsFailed(let failures):
            status = "no: " + failures.map { "\($0.query) is \($0.actual), not \($0.expected)" }.joined(separator: "; ")
        }
    }

    private mutating func remember(_ line: String) {
        if commandHistory.last != line { commandHistory.append(line) }
        if commandHistory.count > Self.historyMax { commandHistory.removeFirst(commandHistory.count - Self.historyMax) }
    }

    mutating func walkHistory(by delta: Int) {
        guard var p = prompt, p.kind == .command, !commandHistory.isEmpty else { return }
        let next = (p.historyIndex ?? commandHistory.count) + delta
        if next >= commandHistory.count {
            p.historyIndex = nil
            p.text = ""
        } else {
            p.historyIndex = max(0, next)
            p.text = commandHistory[p.historyIndex!]
        }
        p.error = nil
        p.candidates = []
        prompt = p
    }

    mutating func completePrompt() {
        guard var p = prompt, p.kind == .command else { return }
        let completion = CommandCompletion(session: session).complete(p.text)
        p.text = completion.text
        p.candidates = completion.candidates
        p.error = nil
        prompt = p
    }

    /// `a`: the command line holding the selected node's client request with
    /// defaults (the next node, a fresh label or value), so that enter alone
    /// makes one.
    mutating func openClientAction() {
        guard let text = defaultRequest else {
            status = "\(core.protocolID) takes no client requests; : runs any scenario command"
            return
        }
        prompt = Prompt(kind: .command, text: text)
    }

    /// `send A B m4`, `broadcast A m4`, `propose A x`: the protocol's request
    /// with a peer (a message to watch) before others, filled in, at the
    /// selected node. One that would only leave a note there (a Paxos node
    /// that is not a proposer, `propose` under `mode=register`) gives way to
    /// the first request, at the first node, that makes something happen,
    /// tried on a copy of the run.
    var defaultRequest: String? {
        let specs = core.descriptor.requests
        let hasPeer = { (spec: RequestSpec) in spec.arguments.contains { if case .peer = $0 { return true }; return false } }
        let ordered = specs.filter(hasPeer) + specs.filter { !hasPeer($0) }
        let n = core.cluster.count
        let candidates = (0..<n).map { (selectedNode + $0) % n }.flatMap { node in ordered.map { request($0, at: node) } }
        return candidates.first(where: makesSomethingHappen) ?? candidates.first
    }

    private func request(_ spec: RequestSpec, at node: Int) -> String {
        let names = core.cluster.names
        var words = [spec.verb, names[node]]
        for argument in spec.arguments {
            switch argument {
            case .peer: words.append(names[(node + 1) % names.count])
            case .text(let name, let required, let autoLabel):
                if autoLabel { words.append("m\(core.messageCount + 1)") }
                else if required { words.append(freshValue(for: spec.verb, argument: name)) }
            }
        }
        return words.joined(separator: " ")
    }

    /// Whether the command, run on a copy, does more than record itself
    /// (its own local event) and leave notes: a message, a delivery, ...
    private func makesSomethingHappen(_ text: String) -> Bool {
        guard case .success(let command) = session.parse(text) else { return false }
        var probe = session
        let before = probe.core.eventCount
        guard case .ok = probe.execute(command) else { return false }
        return (before..<probe.core.eventCount).contains { ![.note, .local].contains(probe.core.event($0).kind) }
    }

    /// x, y, z, then w, v, ...: a value not proposed yet in this run.
    /// `x`, `y`, ... for a value; `T1`, `T2`, ... for a transaction (as the
    /// seeds and lessons name them).
    private func freshValue(for verb: String, argument: String) -> String {
        let made = session.log.filter { if case .request(_, let r) = $0.command { return r.verb == verb }; return false }
        if argument == "transaction" { return "T\(made.count + 1)" }
        let letters = ["x", "y", "z", "w", "v", "u", "t", "s"]
        return made.count < letters.count ? letters[made.count] : "v\(made.count + 1)"
    }

    /// `h` outside a lesson: what to try with this protocol, from its descriptor.
    var freePlayTip: String {
        var parts: [String] = []
        if core.descriptor.hasTimer { parts.append("t timer") }
        if let request = defaultRequest { parts.append("a \(request)") }
        parts += ["space step", "tab+d drop", ": any command", "? all keys"]
        return "Try: " + parts.joined(separator: " · ")
    }
}
