import Protocols
import Scenario
import Sim

extension Parser {
    /// One line inside a ```baton block.
    mutating func blockLine(_ raw: String, number: Int, protocolID: String) throws(LessonError) {
        let tokens = try LessonTokens.split(raw, line: number, file: file)
        guard let first = tokens.first else { return }
        switch first.text {
        case "pause":
            guard tokens.count == 1 else { throw error(number, tokens[1].column, "`pause` takes no arguments") }
            append(.pause, number)
        case "wait": try waitLine(tokens, number: number)
        case "quiz": try quizLine(tokens, number: number)
        case "hint": try hintLine(tokens, number: number)
        case "cluster":
            if let clusterLine {
                throw error(number, first.column, "a lesson has one cluster; it is already `\(clusterLine)`")
            }
            let command = raw.trimmingCharacters()
            switch ScenarioParser.parse(file: file, text: command) {
            case .failure(let e): throw located(e.diagnostics[0], line: number, column: first.column)
            case .success(let p):
                guard p.cluster.protocolID == protocolID else {
                    throw error(number, tokens.count > 1 ? tokens[1].column : first.column,
                                "the cluster runs \(p.cluster.protocolID) but the front matter says \(protocolID)")
                }
                clusterLine = command
                cluster = ClusterInfo(names: p.cluster.names)
            }
            append(.command(command), number)
        default:
            try checkCommand(raw.trimmingCharacters(), line: number, column: first.column)
            append(.command(raw.trimmingCharacters()), number)
        }
    }

    mutating func append(_ item: LessonItem, _ line: Int) {
        items.append(item)
        itemLines.append(line)
    }

    /// A scenario command, checked against the lesson's cluster.
    func checkCommand(_ command: String, line: Int, column: Int) throws(LessonError) {
        guard let clusterLine else {
            throw error(line, column, "the first command of a lesson must be `cluster <protocol> nodes=<N>`")
        }
        switch ScenarioParser.parse(file: file, text: clusterLine + "\n" + command) {
        case .failure(let e): throw located(e.diagnostics[0], line: line, column: column)
        case .success(let parsed):
            // A learner waits for every lesson `run`: the player (and lint) would
            // freeze on a long one, so its bound is part of the format.
            if case .run(_, let max)? = parsed.lines.dropFirst().first?.command, max > LessonRun.lessonRunStepsMax {
                throw error(line, column, "a lesson's `run` takes at most max=\(LessonRun.lessonRunStepsMax) steps "
                            + "(this one max=\(max)); a learner waits for it")
            }
        }
    }

    func located(_ d: Diagnostic, line: Int, column: Int) -> LessonError {
        error(line, d.column + column - 1, d.message)
    }

    func node(_ token: LessonTokens.Token, allowLeader: Bool = false) throws(LessonError) -> String {
        if allowLeader && token.text == "leader" { return "leader" }
        guard let cluster, cluster.node(named: token.text) != nil else {
            throw error(token.line, token.column, "unknown node `\(token.text)`; this cluster has "
                        + (cluster?.names.joined(separator: ",") ?? "no nodes yet"))
        }
        return token.text
    }

    mutating func waitLine(_ t: [LessonTokens.Token], number: Int) throws(LessonError) {
        guard clusterLine != nil else { throw error(number, 1, "a `wait` needs the cluster first") }
        var args = Array(t.dropFirst().filter { !$0.text.hasPrefix("solve=") })
        // `@name` last: the event the learner's action causes gets the name (DESIGN §4).
        var name: String? = nil
        if let last = args.last, !last.quoted, last.text.hasPrefix("@") {
            let text = String(last.text.dropFirst())
            guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw error(number, last.column, "an event name is `@` and letters, digits or `_`, like `@c`")
            }
            if args.first?.text == "until" {
                throw error(number, last.column, "`wait until` causes no event of its own to name; "
                            + "name the action instead (`wait step @c`)")
            }
            name = text
            args.removeLast()
        }
        let solve = try t.first { $0.text.hasPrefix("solve=") }.map { (s) throws(LessonError) -> [String] in
            let commands = String(s.text.dropFirst(6)).split(separator: ";").map { $0.trimmingCharacters() }
                .filter { !$0.isEmpty }
            for c in commands { try checkCommand(c, line: number, column: s.column) }
            return commands
        }
        guard let kind = args.first else {
            throw error(number, t[0].column + 5, "missing action: `wait step`, `wait crash leader`, `wait drop`, ...")
        }
        args = Array(args.dropFirst())
        let action: WaitAction
        func one() throws(LessonError) -> LessonTokens.Token {
            guard let a = args.first, args.count == 1 else {
                throw error(number, kind.column, "`wait \(kind.text)` takes one node")
            }
            return a
        }
        switch kind.text {
        case "step":
            let n = args.first.map { Int($0.text) } ?? 1
            guard let n, n >= 1, n <= 10_000, args.count <= 1 else {
                throw error(number, args.first?.column ?? kind.column, "`wait step [n]` takes a count from 1 to 10000")
            }
            action = .step(n)
        case "crash": action = .crash(try node(one(), allowLeader: true))
        case "restart": action = .restart(try node(one()))
        case "timeout": action = .timeout(try node(one()))
        case "isolate": action = .isolate(try node(one()))
        case "heal": action = .heal
        case "drop", "delay", "duplicate", "deliver":
            let type = args.first.map { String($0.text.dropFirst(5)) }
            if let a = args.first, !a.text.hasPrefix("type=") || args.count > 1 {
                throw error(number, a.column, "`wait \(kind.text)` takes an optional `type=<MessageType>`")
            }
            if let type, let entry = ProtocolCatalog.entry(id: protocolID),
               !entry.descriptor.messages.contains(where: { $0.typeName.hasPrefix(type) }) {
                throw error(number, args.first!.column, "\(entry.id) has no message type `\(type)`; types are "
                            + entry.descriptor.messages.map(\.typeName).joined(separator: ", "))
            }
            action = .fault(kind: kind.text, type: type)
        case "until":
            guard let q = args.first, args.count == 1 else {
                throw error(number, kind.column, "`wait until <query>[=<value>]` takes one condition")
            }
            try checkCommand("expect " + q.text, line: number, column: q.column - 7)
            action = .until(query: q.text)
        default:
            throw error(number, kind.column, "unknown wait `\(kind.text)`; waits are step, crash, restart, drop, "
                        + "delay, duplicate, deliver, timeout, isolate, heal, until")
        }
        append(.wait(action, solve: solve, hint: nil, name: name), number)
    }
}
