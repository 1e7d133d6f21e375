import Scenario
import Sim

/// The trace contract of DESIGN.md §6 (`baton run --format json`).
public enum JSONTrace {
    public static func render(_ session: ScenarioSession) -> String {
        let core = session.core
        var out = "{ \"format\": \"baton-trace\", \"version\": 1,\n"
        out += "  \"protocol\": " + JSONValue.string(core.protocolID).compact
        out += ", \"seed\": " + String(session.spec.seed)
        out += ", \"nodes\": " + JSONValue.array(core.cluster.names.map(JSONValue.string)).compact
        out += ", \"options\": " + JSONValue.object(session.spec.displayOptions.map { ($0.key, .string($0.value)) }).compact
        out += ",\n  \"commands\": [\n"
        out += session.commands.map { "    " + JSONValue.string($0).compact }.joined(separator: ",\n")
        out += "\n  ],\n  \"events\": "
        // Streamed into the output, one event at a time: no array of every
        // event's value and no string per event (issue 17's export budget).
        if core.eventCount == 0 { out += "[]" } else {
            var bytes: [UInt8] = Array("[\n".utf8)
            bytes.reserveCapacity(core.eventCount * 200)
            let separator = Array(",\n    ".utf8)
            for index in 0..<core.eventCount {
                bytes.append(contentsOf: index == 0 ? separator.dropFirst(2) : separator[...])
                event(core, index).write(into: &bytes)
            }
            bytes.append(contentsOf: "\n  ]".utf8)
            out += String(decoding: bytes, as: UTF8.self)
        }
        out += ",\n  \"exchanges\": " + list(core.exchanges.map { exchange(core, $0) })
        out += ",\n  \"violations\": " + violations(core).compact
        out += ",\n  \"final\": " + final(core).compact + " }\n"
        return out
    }

    /// One element per line, or `[]`.
    static func list(_ items: [JSONValue]) -> String {
        guard !items.isEmpty else { return "[]" }
        return "[\n" + items.map { "    " + $0.compact }.joined(separator: ",\n") + "\n  ]"
    }

    static func event(_ core: any SessionCore, _ index: Int) -> JSONValue {
        let e = core.event(index)
        let c = core.cluster
        var pairs: [(String, JSONValue)] = [("step", .int(e.step)), ("time", .int(e.time)),
                                            ("kind", .string(e.kind.rawValue))]
        if let node = e.node { pairs.append(("node", .string(c.name(node)))) }
        if e.kind == .deliver, let id = e.message {
            pairs.append(("msg", .int(id)))
        } else if let id = e.message, let m = core.messageInfo(id) {
            switch e.kind {
            case .send: pairs.append(("to", .string(c.name(m.to))))
            case .receive: pairs.append(("from", .string(c.name(m.from))))
            default:
                pairs.append(("from", .string(c.name(m.from))))
                pairs.append(("to", .string(c.name(m.to))))
            }
            pairs.append(("msg", .int(id)))
            pairs.append(("type", .string(m.typeName)))
            if let label = m.label { pairs.append(("label", .string(label))) }
            if e.kind == .send || e.kind == .receive {
                pairs.append(("fields", fields(merge(m.fields, e.fields), c)))
                pairs.append(("primitives", .array(m.tags.codes.map { .string($0.code) })))
                if !m.tags.tricks.isEmpty {
                    pairs.append(("tricks", .array(m.tags.tricks.map { .string($0.rawValue) })))
                }
            }
            if let original = m.duplicateOf { pairs.append(("duplicateOf", .int(original))) }
        } else if !e.fields.isEmpty {
            pairs.append(("fields", fields(e.fields, c)))
        }
        if let exchange = e.exchange { pairs.append(("exchange", .int(exchange))) }
        if let reason = e.reason { pairs.append(("reason", .string(reason.rawValue))) }
        pairs += detail(e)
        if let v = core.vclock(ofEvent: index) {
            pairs.append(("lamport", .int(e.lamport)))
            pairs.append(("vclock", vector(v, c)))
        }
        return .object(pairs)
    }

    /// The event's own text, under a name that says what it is.
    static func detail(_ e: TraceEvent) -> [(String, JSONValue)] {
        guard let text = e.text else { return [] }
        switch e.kind {
        case .local, .deliver: return [("label", .string(text))]
        case .timeout: return [("timer", .string(text))]
        case .violation:
            let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingPrefix(" ") }
            return [("invariant", .string(String(parts[0]))),
                    ("detail", .string(parts.count > 1 ? String(parts[1]) : ""))]
        case .partition where text.contains("->"): return [("link", .string(text))]
        case .partition: return [("groups", .string(text))]
        default: return [("detail", .string(text))]
        }
    }

    /// Message fields, then the receiver's own fields (which win on a name
    /// clash: a receive's clock is the receiver's clock after the event).
    static func merge(_ message: [Field], _ own: [Field]) -> [Field] {
        message.filter { m in !own.contains { $0.name == m.name } } + own
    }

    static func fields(_ fields: [Field], _ c: ClusterInfo) -> JSONValue {
        .object(fields.map { ($0.name, value($0.value, c)) })
    }

    public static func value(_ v: Value, _ c: ClusterInfo) -> JSONValue {
        switch v {
        case .int(let n): return .int(n)
        case .text(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items): return .array(items.map(JSONValue.string))
        case .vector(let v): return vector(v, c)
        case .none: return .null
        }
    }

    static func vector(_ v: [Int], _ c: ClusterInfo) -> JSONValue {
        guard v.count == c.count else { return .array(v.map(JSONValue.int)) }
        return .object(zip(c.names, v).map { ($0, .int($1)) })
    }

    static func exchange(_ core: any SessionCore, _ x: Exchange) -> JSONValue {
        let c = core.cluster
        return .object([
            ("id", .int(x.id)), ("primitive", .string(x.primitive.code)), ("opener", .string(c.name(x.opener))),
            ("participants", .array(x.participants.map { .string(c.name($0)) })), ("threshold", .int(x.threshold)),
            ("outcome", x.outcome.map { .string($0.rawValue) } ?? .string("open")),
            ("closedAtStep", x.closedAtStep.map(JSONValue.int) ?? .null),
            ("granted", .array(x.granted.map { .string(c.name($0)) })),
            ("openedAtStep", .int(x.openedAtStep)),
        ])
    }

    static func violations(_ core: any SessionCore) -> JSONValue {
        var items: [JSONValue] = []
        for index in 0..<core.eventCount where core.event(index).kind == .violation {
            let e = core.event(index)
            items.append(.object([("step", .int(e.step)), ("time", .int(e.time))] + detail(e)))
        }
        return .array(items)
    }

    static func final(_ core: any SessionCore) -> JSONValue {
        let c = core.cluster
        return .object(c.nodes.map { node in
            // The protocol's summary first (Raft: role, term, as in the
            // contract's example), then every state variable.
            var pairs = core.summary(of: node).map { ($0.name, value($0.value, c)) }
            for v in core.variables(of: node) where !pairs.contains(where: { $0.0 == v.name }) {
                pairs.append((v.name, value(v.value, c)))
            }
            pairs.append(("crashed", .bool(core.isCrashed(node))))
            return (c.name(node), .object(pairs))
        })
    }
}
