import Protocols
import Sim

extension LineParser {
    /// Parse one command line (not `cluster`).
    func command(_ t: [Token]) throws(LocatedError) -> Command {
        if t.count >= 2, let last = t.last, !last.quoted, last.text.hasPrefix("@") {
            let name = String(last.text.dropFirst())
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw LocatedError(last.column, "an event name is `@` and letters, digits or `_`, like `@c`")
            }
            let inner = try command(Array(t.dropLast()))
            if case .expect = inner { throw LocatedError(last.column, "`expect` causes no event to name") }
            if case .named = inner { throw LocatedError(last.column, "a command takes one `@name`") }
            return .named(inner, name: name)
        }
        let word = t[0].text
        switch word {
        case "timeout":
            try arity(t, 2...2, usage: "timeout <node>")
            guard entry.descriptor.hasTimer else {
                throw LocatedError(t[0].column, "\(entry.id) nodes have no timer to fire")
            }
            return .timeout(try node(t[1]))
        case "step":
            try arity(t, 1...2, usage: "step [count]")
            return .step(t.count > 1 ? try count(t[1]) : 1)
        case "deliver":
            try arity(t, 2...2, usage: "deliver #<id> | deliver <from>-><to>")
            return .deliver(try messageRef(t[1]))
        case "run":
            return try run(t)
        case "drop":
            try arity(t, 2...2, usage: "drop #<id> | drop <from>-><to>")
            return .drop(try messageRef(t[1]))
        case "delay":
            try arity(t, 3...3, usage: "delay #<id> <ticks> | delay <from>-><to> <ticks>")
            return .delay(try messageRef(t[1]), ticks: try Numbers.int(t[2].text, column: t[2].column, min: 1,
                                                                       max: ScenarioLimits.ticksMax, what: "delay"))
        case "duplicate":
            try arity(t, 2...2, usage: "duplicate #<id>")
            return .duplicate(try messageID(t[1]))
        case "crash", "restart":
            try arity(t, 2...2, usage: "\(word) <node>")
            let n = try node(t[1])
            return word == "crash" ? .crash(n) : .restart(n)
        case "partition":
            return .partition(try groups(t))
        case "cut":
            try arity(t, 2...2, usage: "cut <from>-><to>")
            let (from, to) = try link(t[1])
            return .cut(from, to)
        case "heal":
            try arity(t, 1...1, usage: "heal")
            return .heal
        case "expect":
            guard t.count >= 2 else {
                throw LocatedError(t[0].column + 6, "missing expectation: `expect <query>=<value> ...`")
            }
            var expectations: [Expectation] = []
            var i = 1
            while i < t.count {
                let (expectation, used) = try expectation(t, at: i)
                expectations.append(expectation)
                i += used
            }
            return .expect(expectations)
        default:
            guard let spec = entry.descriptor.request(verb: word) else { throw unknownWord(t[0]) }
            return try request(spec, t)
        }
    }

    /// The words a line of this cluster may start with.
    var words: [String] { Self.engineWords + entry.descriptor.requests.map(\.verb) }
    static let engineWords = ["cluster", "timeout", "step", "deliver", "run", "drop", "delay", "duplicate", "crash",
                              "restart", "partition", "cut", "heal", "expect"]

    /// A word that is no command here: a near miss is suggested; a request
    /// of another protocol is named as such; either way the error lists
    /// this protocol's requests.
    func unknownWord(_ token: Token) -> LocatedError {
        let verbs = entry.descriptor.requests.map(\.verb)
        let requests = verbs.isEmpty ? "\(entry.id) takes no client requests"
            : "\(entry.id)'s requests are " + entry.descriptor.requests.map { "`\($0.usage)`" }.joined(separator: ", ")
        if ProtocolCatalog.entries.contains(where: { $0.descriptor.request(verb: token.text) != nil }) {
            return LocatedError(token.column, "\(entry.id) does not take `\(token.text)` requests; " + requests)
        }
        let hint = Suggest.hint(token.text, words + ScenarioParser.lessonWords)
        return LocatedError(token.column, "unknown command `\(token.text)`" + (hint.isEmpty ? "; " + requests : hint))
    }

    /// `<verb> <node> <arguments...>` as the protocol's spec says.
    private func request(_ spec: RequestSpec, _ t: [Token]) throws(LocatedError) -> Command {
        let required = spec.arguments.filter {
            if case .text(_, false, _) = $0 { return false }
            return true
        }.count
        try arity(t, (2 + required)...(2 + spec.arguments.count), usage: spec.usage)
        let issuer = try node(t[1])
        var arguments: [RequestArgument] = []
        for (argument, token) in zip(spec.arguments, t.dropFirst(2)) {
            switch argument {
            case .peer(_, let several):
                let names = several ? token.text.split(separator: ",", omittingEmptySubsequences: false) : [Substring(token.text)]
                var column = token.column
                var peers: [NodeID] = []
                for name in names {
                    let peer = try node(Token(text: String(name), column: column, quoted: false))
                    guard peer != issuer else { throw LocatedError(column, "a node cannot \(spec.verb) to itself") }
                    guard !peers.contains(peer) else { throw LocatedError(column, "`\(name)` is named twice") }
                    peers.append(peer)
                    column += name.count + 1
                }
                arguments += peers.map(RequestArgument.peer)
            case .text:
                arguments.append(.text(token.text))
            }
        }
        return .request(issuer, ClientRequest(verb: spec.verb, arguments: arguments))
    }

    private func arity(_ t: [Token], _ allowed: ClosedRange<Int>, usage: String) throws(LocatedError) {
        if t.count < allowed.lowerBound {
            let last = t.last!
            throw LocatedError(last.column + last.text.count + 1, "missing argument: `\(usage)`")
        }
        if t.count > allowed.upperBound {
            let extra = t[allowed.upperBound]
            throw LocatedError(extra.column, "unexpected `\(extra.text)`: `\(usage)`"
                               + " (quote a label that has spaces)")
        }
    }

    private func count(_ token: Token) throws(LocatedError) -> Int {
        try Numbers.int(token.text, column: token.column, min: 1, max: ScenarioLimits.stepsPerCommandMax,
                        what: "count")
    }

    private func run(_ t: [Token]) throws(LocatedError) -> Command {
        var until: Expectation? = nil
        var max = ScenarioLimits.runMaxDefault
        var i = 1
        while i < t.count {
            let token = t[i]
            if token.text == "until" {
                guard i + 1 < t.count else {
                    throw LocatedError(token.column + 6, "missing condition after `until`, like `run until quiet`")
                }
                let (condition, used) = try expectation(t, at: i + 1)
                until = condition
                i += 1 + used
            } else if token.text.hasPrefix("max=") {
                max = try Numbers.int(String(token.text.dropFirst(4)), column: token.column + 4, min: 1,
                                      max: ScenarioLimits.stepsPerCommandMax, what: "max")
                i += 1
            } else {
                throw LocatedError(token.column, "unexpected `\(token.text)`: `run [until <condition>] [max=<n>]`")
            }
        }
        return .run(until: until, max: max)
    }

    /// The expectation starting at token `i` and how many tokens it took:
    /// `a -> b` (three tokens, or one: `a->b`), or one `query[=value]`.
    private func expectation(_ t: [Token], at i: Int) throws(LocatedError) -> (Expectation, Int) {
        if i + 2 < t.count, let query = Query.relation(t[i].text, t[i + 1].text, t[i + 2].text) {
            return (Expectation(query: query, expected: Expectation.anything, column: t[i].column), 3)
        }
        if i + 1 < t.count, ["->", "<-", "||"].contains(t[i + 1].text) {
            throw LocatedError(t[i + 1].column + t[i + 1].text.count + 1,
                               "missing event after `\(t[i + 1].text)`: `<event> \(t[i + 1].text) <event>`")
        }
        for op in ["->", "<-", "||"] where !t[i].quoted && !t[i].text.contains("=") {
            let parts = t[i].text.components(separatedBy: op)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, let query = Query.relation(parts[0], op, parts[1]) {
                return (Expectation(query: query, expected: Expectation.anything, column: t[i].column), 1)
            }
        }
        return (try expectation(t[i]), 1)
    }

    /// `query=value`, or a true/false query alone (`quiet`, `A.crashed`).
    private func expectation(_ token: Token) throws(LocatedError) -> Expectation {
        guard let eq = token.text.firstIndex(of: "=") else {
            let query = try Query.parse(token.text, column: token.column, cluster: cluster, entry: entry)
            guard query.isBoolean else {
                throw LocatedError(token.column + token.text.count,
                                   "`\(token.text)` needs a value: `\(token.text)=<value>`")
            }
            let expected = query.subject == .quiet || { if case .crashed = query.subject { return true }; return false }()
                ? "true" : Expectation.anything
            return Expectation(query: query, expected: expected, column: token.column)
        }
        let name = String(token.text[..<eq])
        let value = String(token.text[token.text.index(after: eq)...])
        guard !name.isEmpty else { throw LocatedError(token.column, "missing query before `=`") }
        guard !value.isEmpty else {
            throw LocatedError(token.column + token.text.count, "missing value after `\(name)=`")
        }
        let query = try Query.parse(name, column: token.column, cluster: cluster, entry: entry)
        // `leader=D` on a cluster without D could never hold: say so now.
        if query.subject == .global("leader"), value != "none", cluster.node(named: value) == nil {
            throw LocatedError(token.column + name.count + 1, "unknown node `\(value)`"
                               + "\(Suggest.hint(value, cluster.names)); `leader` is one of "
                               + cluster.names.joined(separator: ",") + " or none")
        }
        // `C.currentRole=leeder` could never hold: say so now, with the values it takes.
        if case .variable(_, let variable) = query.subject,
           let spec = entry.descriptor.variables.first(where: { $0.name == variable }),
           !spec.allowed.isEmpty, !spec.allowed.contains(value) {
            throw LocatedError(token.column + name.count + 1, "`\(value)` is not a value of \(variable)"
                               + "\(Suggest.hint(value, spec.allowed)); it is one of "
                               + spec.allowed.joined(separator: ", "))
        }
        if query.subject == .global("leaders"), let problem = leadersProblem(value) {
            throw LocatedError(token.column + name.count + 1, problem)
        }
        return Expectation(query: query, expected: value, column: token.column)
    }

    /// Why `leaders=<value>` could never hold, or nil. `leaders` reads every
    /// term from 1 to the highest in order (`1:none,2:C`, two leaders of one
    /// term `1:A+C`); a value in another shape (`2:C`) would make a search
    /// run to its bound and an `expect` fail, so it is an error now.
    private func leadersProblem(_ value: String) -> String? {
        guard value != "none" else { return nil }
        let items = value.split(separator: ",", omittingEmptySubsequences: false)
        for (k, item) in items.enumerated() {
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let names = parts.count == 2 ? parts[1].split(separator: "+", omittingEmptySubsequences: false) : []
            let known = !names.isEmpty && names.allSatisfy { cluster.node(named: String($0)) != nil }
            if parts.count == 2, parts[0] == "\(k + 1)", parts[1] == "none" || known { continue }
            let shape = "`leaders` lists every term from 1 in order, each `term:leader` (a node of "
                + cluster.names.joined(separator: ",") + ", `none`, or two joined by `+`), like `1:none,2:C`"
            // `2:C` most likely means "C leads term 2": say how to ask that first.
            if items.count == 1, parts.count == 2, let term = Int(parts[0]), term > 1 {
                return "for \(parts[1]) leading term \(term) write `\(parts[1]).currentRole=leader "
                    + "\(parts[1]).currentTerm=\(term)`; " + shape
            }
            return shape + "; `\(item)` should be term \(k + 1)'s"
        }
        return nil
    }

    /// `partition A,B | C,D,E`; nodes not named form one more group.
    private func groups(_ t: [Token]) throws(LocatedError) -> [[NodeID]] {
        guard t.count >= 2 else {
            throw LocatedError(t[0].column + 10, "missing groups: `partition A,B | C,D,E`")
        }
        var groups: [[NodeID]] = [[]]
        var seen: Set<NodeID> = []
        for token in t.dropFirst() {
            var column = token.column
            for piece in token.text.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
                if piece.offset > 0 {
                    groups.append([])
                    column += 1
                }
                for name in piece.element.split(separator: ",", omittingEmptySubsequences: true) {
                    let at = column + (piece.element.distance(from: piece.element.startIndex,
                                                              to: name.startIndex))
                    let n = try node(Token(text: String(name), column: at, quoted: false))
                    guard !seen.contains(n) else {
                        throw LocatedError(at, "`\(name)` is in two groups")
                    }
                    seen.insert(n)
                    groups[groups.count - 1].append(n)
                }
                column += piece.element.count
            }
        }
        let nonEmpty = groups.filter { !$0.isEmpty }
        guard nonEmpty.count == groups.count, !nonEmpty.isEmpty else {
            throw LocatedError(t[1].column, "empty group: write groups of nodes separated by `|`, like `A,B | C`")
        }
        return nonEmpty
    }
}
