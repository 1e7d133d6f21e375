import Sim

/// A `baton explore --goal` (or the TUI's `/`): any query the scenario
/// language's `expect` takes, checked on each world the search reaches.
public struct ExploreGoal: Sendable {
    let expectations: [Expectation]
    public let text: String

    /// Throws the parse error's message (`unknown query ...`).
    public init(_ text: String, cluster line: String) throws(ExploreGoal.Failure) {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Failure(message: "the goal is empty: give a query like `A.currentRole=leader`, "
                          + "or leave the goal out to search for any violation")
        }
        guard case .success(let parser) = ScenarioParser.clusterParser(line) else {
            throw Failure(message: "the cluster line does not parse")
        }
        switch ScenarioParser.line("expect " + text, parser: parser) {
        case .success(let parsed?):
            guard case .expect(let expectations) = parsed.command else { throw Failure(message: "not a query: \(text)") }
            // A search delivers and fires timers now: time never passes in it.
            if let timed = expectations.first(where: { $0.query.subject == .time }) {
                // The advice first: an 80-column footer shows about one line of it.
                throw Failure(message: "ask about states (`A.currentTerm=2`): `\(timed.query.text)` cannot be a goal, "
                              + "time never passes in a search (it delivers and fires timers at once)")
            }
            self.expectations = expectations
        case .success(nil): throw Failure(message: "no goal given")
        case .failure(let e): throw Failure(message: e.message)
        }
        self.text = text
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    /// Every query in it reads only states (`Query.readsOnlyState`): the
    /// explorer may search lean worlds for it (`ExploreOptions.goalReadsOnlyState`).
    public var readsOnlyState: Bool { expectations.allSatisfy { $0.query.readsOnlyState } }

    /// It asks whether a node is down (`A.crashed`): without a crash
    /// budget no node goes down in the search.
    public var readsCrashed: Bool {
        expectations.contains { if case .crashed = $0.query.subject { return true } else { return false } }
    }

    /// Why the goal can never hold, judged by what its queries answer now:
    /// a number compared with a word (`C.currentTerm=two`), true or false
    /// with anything else (`A.crashed=yes`); nil when it may hold.
    public func mismatch(_ core: any SessionCore) -> String? {
        for e in expectations where e.expected != Expectation.anything {
            switch e.query.evaluate(core) {
            case .int(let now) where Int(e.expected) == nil:
                return "`\(e.query.text)` is a number (now \(now)), not `\(e.expected)`"
            case .bool(let now) where e.expected != "true" && e.expected != "false":
                return "`\(e.query.text)` is true or false (now \(now)), not `\(e.expected)`"
            default:
                continue
            }
        }
        return nil
    }

    public func holds(_ core: any SessionCore) -> Bool {
        expectations.allSatisfy { $0.holds(core).0 }
    }
}

extension StepAction {
    /// The scenario command that performs this action (`deliver #4`,
    /// `timeout A`, `partition A`): an explored schedule is a script.
    public func commandText(_ c: ClusterInfo) -> String {
        switch self {
        case .next: return "step"
        case .request(let node, let r): return ([r.verb, c.name(node)] + r.arguments.map { a in
            switch a {
            case .peer(let p): return c.name(p)
            case .text(let t): return t
            }
        }).joined(separator: " ")
        case .fireTimeout(let n): return "timeout \(c.name(n))"
        case .deliverNow(let id): return "deliver #\(id)"
        case .drop(let id): return "drop #\(id)"
        case .dropLink(let a, let b): return "drop \(c.name(a))->\(c.name(b))"
        case .delay(let id, let t): return "delay #\(id) \(t)"
        case .delayLink(let a, let b, let t): return "delay \(c.name(a))->\(c.name(b)) \(t)"
        case .duplicate(let id): return "duplicate #\(id)"
        case .crash(let n): return "crash \(c.name(n))"
        case .restart(let n): return "restart \(c.name(n))"
        case .partition(let groups): return "partition " + groups.map { $0.map(c.name).joined(separator: ",") }.joined(separator: " | ")
        case .cut(let a, let b): return "cut \(c.name(a))->\(c.name(b))"
        case .heal: return "heal"
        }
    }
}
