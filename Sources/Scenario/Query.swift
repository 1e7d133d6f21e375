import Protocols
import Sim

/// A question about the run, used by `expect` and `run until` (DESIGN.md §4).
public struct Query: Equatable, Sendable {
    public enum Subject: Equatable, Sendable {
        case quiet, time, inflight, violations, step
        case clock(NodeID), vclock(NodeID), delivered(NodeID), crashed(NodeID)
        case variable(NodeID, String)
        /// A question the protocol answers (`leader`, `leaders`, `decided`).
        case global(String)
    }

    public let subject: Subject
    /// As written, for messages.
    public let text: String

    public static let globalNames = ["quiet", "time", "inflight", "violations", "step"]
    public static let nodeNames = ["clock", "vclock", "delivered", "crashed"]
    /// Queries that are true or false and may stand alone (`run until quiet`).
    public var isBoolean: Bool {
        switch subject {
        case .quiet, .crashed, .global: return true
        default: return false
        }
    }

    /// Parse `quiet`, `time`, `A.clock`, `A.currentTerm`, ...
    static func parse(_ text: String, column: Int, cluster: ClusterInfo,
                      entry: ProtocolEntry) throws(LocatedError) -> Query {
        guard let dot = text.firstIndex(of: ".") else {
            let subjects: [String: Subject] = ["quiet": .quiet, "time": .time, "inflight": .inflight,
                                               "violations": .violations, "step": .step]
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

    /// The current answer, rendered by the contract's rules.
    public func evaluate(_ core: any SessionCore) -> Value {
        switch subject {
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
            if let name = core.vclockVariable, let v = Self.variable(core, node, name) { return v }
            return .vector(core.hbVClock(node))
        case .variable(let node, let name):
            return Self.variable(core, node, name) ?? .none
        case .global(let name):
            return core.globalQuery(name) ?? .none
        }
    }

    static func variable(_ core: any SessionCore, _ node: NodeID, _ name: String) -> Value? {
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
    func holds(_ core: any SessionCore) -> (Bool, actual: String) {
        let actual = query.evaluate(core).rendered
        if expected == Self.anything { return (actual != "none" && actual != "false", actual) }
        return (Self.normalise(actual) == Self.normalise(expected), actual)
    }

    /// A bare query (`run until leader`): any value but `none` or `false`.
    static let anything = "*"

    static func normalise(_ s: String) -> String {
        s.isEmpty ? "none" : s
    }
}
