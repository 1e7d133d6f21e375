import Protocols
import Sim

/// A question about the run, used by `expect` and `run until` (DESIGN.md §4).
public struct Query: Equatable, Sendable {
    public enum Subject: Equatable, Sendable {
        case quiet, time, inflight, violations, step
        case clock(NodeID), vclock(NodeID), delivered(NodeID), crashed(NodeID)
        /// `C.vclock[A]`: one component of C's vector clock.
        case vclockEntry(NodeID, NodeID)
        case variable(NodeID, String)
        /// `a -> b`, `a <- b`, `a || b` between named events.
        case relation(String, CausalRelation, String)
        /// `order`: the Lamport total order of the named events.
        case order
        /// `#5.type`, `#5.tags`, `#5.<field>`.
        case message(MessageID, String)
        /// A question the protocol answers (`leader`, `leaders`, `decided`).
        case global(String)
    }

    public let subject: Subject
    /// As written, for messages.
    public let text: String

    public static let globalNames = ["quiet", "time", "inflight", "violations", "step", "order"]
    public static let nodeNames = ["clock", "vclock", "delivered", "crashed"]
    /// Queries that are true or false and may stand alone (`run until quiet`).
    public var isBoolean: Bool {
        switch subject {
        case .quiet, .crashed, .global, .relation: return true
        default: return false
        }
    }

    /// Whether the answer depends only on the nodes' states, crashed flags,
    /// the invariants' memory and the invariants broken, not on the trace,
    /// the messages or the clocks (the explorer can then ask it of its
    /// lean worlds).
    public var readsOnlyState: Bool {
        switch subject {
        case .variable, .global, .violations, .crashed: return true
        default: return false
        }
    }

    /// Parse `quiet`, `time`, `A.clock`, `A.currentTerm`, ...
    static func parse(_ text: String, column: Int, cluster: ClusterInfo,
                      entry: ProtocolEntry) throws(LocatedError) -> Query {
        if text.hasPrefix("#") { return try message(text, column: column) }
        guard let dot = text.firstIndex(of: ".") else {
            let subjects: [String: Subject] = ["quiet": .quiet, "time": .time, "inflight": .inflight,
                                               "violations": .violations, "step": .step, "order": .order]
            if let subject = subjects[text] { return Query(subject: subject, text: text) }
            let queries = entry.descriptor.queries
            if queries.contains(text) { return Query(subject: .global(text), text: text) }
            if let other = ProtocolCatalog.entries.first(where: { $0.descriptor.queries.contains(text) }) {
                throw LocatedError(column, "`\(text)` is not a query of \(entry.id) (it is one of \(other.id)'s); "
                                   + "queries are " + (globalNames + queries).joined(separator: ", "))
            }
            let all = globalNames + queries + cluster.names.map { "\($0).clock" }
            throw LocatedError(column, "unknown query `\(text)`\(Suggest.hint(text, all)); queries are "
                               + (globalNames + queries).joined(separator: ", ")
                               + " and <node>.<variable>")
        }
        let nodeName = String(text[..<dot])
        let variable = String(text[text.index(after: dot)...])
        guard let node = cluster.node(named: nodeName) else {
            throw LocatedError(column, "unknown node `\(nodeName)`\(Suggest.hint(nodeName, cluster.names)); "
                               + "this cluster has \(cluster.names.joined(separator: ","))")
        }
        let column2 = column + nodeName.count + 1
        switch variable {
        case "clock": return Query(subject: .clock(node), text: text)
        case "vclock": return Query(subject: .vclock(node), text: text)
        case "delivered": return Query(subject: .delivered(node), text: text)
        case "crashed": return Query(subject: .crashed(node), text: text)
        case _ where variable.hasPrefix("vclock[") && variable.hasSuffix("]"):
            let inner = String(variable.dropFirst(7).dropLast())
            guard let other = cluster.node(named: inner) else {
                throw LocatedError(column2 + 7, "unknown node `\(inner)` in `\(text)`"
                                   + "\(Suggest.hint(inner, cluster.names)); this cluster has "
                                   + cluster.names.joined(separator: ","))
            }
            return Query(subject: .vclockEntry(node, other), text: text)
        default:
            let variables = entry.descriptor.variables.map(\.name)
            guard variables.contains(variable) else {
                let all = nodeNames + variables
                throw LocatedError(column2, "unknown variable `\(variable)` for \(entry.id)"
                                   + "\(Suggest.hint(variable, all)); a node has " + all.joined(separator: ", "))
            }
            return Query(subject: .variable(node, variable), text: text)
        }
    }

    /// The answer as a failure shows it: a relation says how the two events
    /// do relate (`r || c`), anything else its value.
    public func explain(_ core: any SessionCore, names: EventNames) -> String {
        guard case .relation(let a, _, let b) = subject, let x = names.event(a), let y = names.event(b),
              let vx = core.vclock(ofEvent: x), let vy = core.vclock(ofEvent: y) else {
            return evaluate(core, names: names).rendered
        }
        let words: [CausalRelation: String] = [.before: "->", .after: "<-", .concurrent: "||", .same: "is"]
        return "\(a) \(words[CausalRelation.between(vx, vy)]!) \(b)"
    }

    /// `#5.type`, `#5.tags`, `#5.term`: a message's type, tags or field.
    private static func message(_ text: String, column: Int) throws(LocatedError) -> Query {
        let parts = text.dropFirst().split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let id = Int(parts[0]), id >= 1, !parts[1].isEmpty else {
            throw LocatedError(column, "a message query is `#<id>.<field>`, like `#5.type`, `#5.tags` or `#5.term`")
        }
        return Query(subject: .message(id, String(parts[1])), text: text)
    }

    /// A happens-before relation between two named events.
    static func relation(_ a: String, _ op: String, _ b: String) -> Query? {
        let relations: [String: CausalRelation] = ["->": .before, "<-": .after, "||": .concurrent]
        guard let relation = relations[op] else { return nil }
        return Query(subject: .relation(a, relation, b), text: "\(a) \(op) \(b)")
    }

    /// The current answer, rendered by the contract's rules. `names` are the
    /// events the scenario named, caught up with the run.
    public func evaluate(_ core: any SessionCore, names: EventNames = EventNames()) -> Value {
        switch subject {
        case .vclockEntry(let node, let other):
            let v = Self.vector(core, node)
            return .int(other.index < v.count ? v[other.index] : 0)
        case .relation(let a, let relation, let b):
            guard let x = names.event(a), let y = names.event(b),
                  let vx = core.vclock(ofEvent: x), let vy = core.vclock(ofEvent: y) else { return .none }
            return .bool(x != y && CausalRelation.between(vx, vy) == relation)
        case .order:
            return .list(Self.order(core, names))
        case .message(let id, let field):
            return Self.message(core, id, field)
        case .quiet: return .bool(core.isQuiet)
        case .time: return .int(core.time)
        case .inflight: return .int(core.inflight.count)
        case .step: return .int(core.step)
        case .violations: return .list(core.violated)
        case .crashed(let node): return .bool(core.isCrashed(node))
        case .delivered(let node): return .list(Self.delivered(core, node))
        case .clock(let node):
            if let name = core.clockVariable, let v = Self.variable(core, node, name) { return v }
            return .int(core.hbLamport(node))
        case .vclock(let node):
            return .vector(Self.vector(core, node))
        case .variable(let node, let name):
            return Self.variable(core, node, name) ?? .none
        case .global(let name):
            return core.globalQuery(name) ?? .none
        }
    }

    /// The node's vector clock: the protocol's own when it keeps one, else
    /// the engine's happens-before clock.
    static func vector(_ core: any SessionCore, _ node: NodeID) -> [Int] {
        if let name = core.vclockVariable, case .vector(let v)? = variable(core, node, name) { return v }
        return core.hbVClock(node)
    }

    /// Named events by Lamport timestamp, ties broken by node order (the
    /// total order of seed 002's Lamport clocks); each shown by its name.
    static func order(_ core: any SessionCore, _ names: EventNames) -> [String] {
        var seen: Set<Int> = []
        var events: [(key: (Int, Int, Int), name: String)] = []
        for (name, index) in names.all where seen.insert(index).inserted {
            let e = core.event(index)
            events.append(((e.lamport, e.node?.index ?? 0, index), name))
        }
        return events.sorted { $0.key < $1.key }.map(\.name)
    }

    /// A message's `type`, `tags`, `label`, `from`, `to`, or one of its fields.
    static func message(_ core: any SessionCore, _ id: MessageID, _ field: String) -> Value {
        guard let info = core.messageInfo(id) else { return .none }
        let name = core.cluster.name
        switch field {
        case "type": return .text(info.typeName)
        case "tags": return .list(info.tags.codes.map(\.code))
        case "label": return info.label.map(Value.text) ?? .none
        case "from": return .text(name(info.from))
        case "to": return .text(name(info.to))
        default: return info.fields.first { $0.name == field }?.value ?? .none
        }
    }

    public static func variable(_ core: any SessionCore, _ node: NodeID, _ name: String) -> Value? {
        core.variables(of: node).first { $0.name == name }?.value
    }

    /// Labels handed to `node`'s application, in order, since its last
    /// restart (a restarted node's application starts afresh), from the trace.
    static func delivered(_ core: any SessionCore, _ node: NodeID) -> [String] {
        var labels: [String] = []
        for index in 0..<core.eventCount {
            let e = core.event(index)
            guard e.node == node else { continue }
            if e.kind == .deliver { labels.append(e.text ?? "") }
            if e.kind == .restart { labels.removeAll() }
        }
        return labels
    }
}

extension Expectation {
    /// Whether the run currently agrees.
    func holds(_ core: any SessionCore, names: EventNames = EventNames()) -> (Bool, actual: String) {
        let actual = query.evaluate(core, names: names).rendered
        if expected == Self.anything { return (actual != "none" && actual != "false", actual) }
        return (Self.normalise(actual) == Self.normalise(expected), actual)
    }

    /// A bare query (`run until leader`): any value but `none` or `false`.
    static let anything = "*"

    static func normalise(_ s: String) -> String {
        s.isEmpty ? "none" : s
    }
}
