import Scenario
import Sim

/// The trace contract of DESIGN.md §6 (`baton run --format json`).
public enum JSONTrace {
    public static func render(_ session: ScenarioSession) -> String { bytes(session).string }

    /// The trace as bytes.
    public static func bytes(_ session: ScenarioSession) -> ExportBytes {
        var out = ExportBytes(capacity: session.core.eventCount * 320)
        write(session, into: &out)
        return out
    }

    /// The trace into `out`, one event at a time; `out` may stream, so memory
    /// does not grow with the trace (`baton run --format json`).
    public static func write(_ session: ScenarioSession, into out: inout ExportBytes) {
        let core = session.core
        var head = "{ \"format\": \"baton-trace\", \"version\": 1,\n"
        head += "  \"protocol\": " + JSONValue.string(core.protocolID).compact
        head += ", \"seed\": " + String(session.spec.seed)
        head += ", \"nodes\": " + JSONValue.array(core.cluster.names.map(JSONValue.string)).compact
        head += ", \"options\": " + JSONValue.object(session.spec.displayOptions.map { ($0.key, .string($0.value)) }).compact
        head += ",\n  \"commands\": [\n"
        head += session.commands.map { "    " + JSONValue.string($0).compact }.joined(separator: ",\n")
        head += "\n  ],\n  \"events\": "
        out.raw(head)
        if core.eventCount == 0 { out.ascii("[]") } else {
            out.ascii("[\n    ")
            let names = Names(core.cluster)
            for index in 0..<core.eventCount {
                if index > 0 { out.ascii(",\n    ") }
                writeEvent(core, index, names, into: &out)
                out.flushIfFull()
            }
            out.ascii("\n  ]")
        }
        var tail = ",\n  \"exchanges\": " + list(core.exchanges.map { exchange(core, $0) })
        tail += ",\n  \"violations\": " + violations(core).compact
        tail += ",\n  \"final\": " + final(core).compact + " }\n"
        out.raw(tail)
    }

    /// One element per line, or `[]`.
    static func list(_ items: [JSONValue]) -> String {
        guard !items.isEmpty else { return "[]" }
        return "[\n" + items.map { "    " + $0.compact }.joined(separator: ",\n") + "\n  ]"
    }

    /// One event as the contract's object, written straight into `out` in
    /// the contract's key order (issue 17: no value tree per event).
    static func writeEvent(_ core: any SessionCore, _ index: Int, _ c: Names, into out: inout ExportBytes) {
        let e = core.event(index)
        out.ascii("{\"step\":"); out.int(e.step)
        out.ascii(",\"time\":"); out.int(e.time)
        out.ascii(",\"kind\":"); out.json(e.kind.rawValue)
        if let node = e.node { out.ascii(",\"node\":"); out.append(contentsOf: c.quoted[node.index]) }
        if e.kind == .deliver, let id = e.message {
            out.ascii(",\"msg\":"); out.int(id)
        } else if let id = e.message, let m = core.messageInfo(id, withSummary: false) {
            switch e.kind {
            case .send: out.ascii(",\"to\":"); out.append(contentsOf: c.quoted[m.to.index])
            case .receive: out.ascii(",\"from\":"); out.append(contentsOf: c.quoted[m.from.index])
            default:
                out.ascii(",\"from\":"); out.append(contentsOf: c.quoted[m.from.index])
                out.ascii(",\"to\":"); out.append(contentsOf: c.quoted[m.to.index])
            }
            out.ascii(",\"msg\":"); out.int(id)
            out.ascii(",\"type\":"); out.json(m.typeName)
            if let label = m.label { out.ascii(",\"label\":"); out.json(label) }
            if e.kind == .send || e.kind == .receive {
                // Message fields, then the receiver's own (which win on a name
                // clash: a receive's clock is the receiver's after the event).
                out.ascii(",\"fields\":{")
                var first = true
                for f in m.fields where !e.fields.contains(where: { $0.name == f.name }) {
                    writeField(f, first: &first, c, into: &out)
                }
                for f in e.fields { writeField(f, first: &first, c, into: &out) }
                out.ascii("},\"primitives\":[")
                for (i, code) in m.tags.codes.enumerated() {
                    if i > 0 { out.ascii(",") }
                    out.json(code.code)
                }
                out.ascii("]")
                if !m.tags.tricks.isEmpty {
                    out.ascii(",\"tricks\":[")
                    for (i, trick) in m.tags.tricks.enumerated() {
                        if i > 0 { out.ascii(",") }
                        out.json(trick.rawValue)
                    }
                    out.ascii("]")
                }
            }
            if let original = m.duplicateOf { out.ascii(",\"duplicateOf\":"); out.int(original) }
        } else if !e.fields.isEmpty {
            out.ascii(",\"fields\":{")
            var first = true
            for f in e.fields { writeField(f, first: &first, c, into: &out) }
            out.ascii("}")
        }
        if let exchange = e.exchange { out.ascii(",\"exchange\":"); out.int(exchange) }
        if let reason = e.reason { out.ascii(",\"reason\":"); out.json(reason.rawValue) }
        for (name, value) in detail(e) {
            out.ascii(","); out.json(name); out.ascii(":"); out.json(value)
        }
        if let v = core.vclockSlice(ofEvent: index) {
            out.ascii(",\"lamport\":"); out.int(e.lamport)
            out.ascii(",\"vclock\":"); writeVector(v, c, into: &out)
        }
        out.ascii("}")
    }

    private static func writeField(_ f: Field, first: inout Bool, _ c: Names, into out: inout ExportBytes) {
        if !first { out.ascii(",") }
        first = false
        out.json(f.name); out.ascii(":")
        switch f.value {
        case .int(let n): out.int(n)
        case .text(let s): out.json(s)
        case .bool(let b): if b { out.ascii("true") } else { out.ascii("false") }
        case .list(let items):
            out.ascii("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.ascii(",") }
                out.json(item)
            }
            out.ascii("]")
        case .vector(let v): writeVector(v, c, into: &out)
        case .none: out.ascii("null")
        }
    }

    /// `{"A":1,"B":0}` by node, or `[1,0]` when the lengths differ (as `vector`).
    private static func writeVector<C: Collection<Int>>(_ v: C, _ c: Names, into out: inout ExportBytes) {
        let named = v.count == c.keys.count
        out.ascii(named ? "{" : "[")
        for (i, n) in v.enumerated() {
            if i > 0 { out.ascii(",") }
            if named { out.append(contentsOf: c.keys[i]) }
            out.int(n)
        }
        out.ascii(named ? "}" : "]")
    }

    /// The cluster's node names as JSON, quoted once per export (a vector
    /// clock writes every name in every event).
    struct Names {
        /// `"A"`, by node index.
        let quoted: [[UInt8]]
        /// `"A":`, by node index.
        let keys: [[UInt8]]

        init(_ c: ClusterInfo) {
            quoted = c.names.map { name in
                var bytes: [UInt8] = []
                JSONValue.writeString(name, into: &bytes)
                return bytes
            }
            keys = quoted.map { $0 + [UInt8(ascii: ":")] }
        }
    }

    /// The event's own text, under a name that says what it is.
    static func detail(_ e: TraceEvent) -> [(String, String)] {
        guard let text = e.text else { return [] }
        switch e.kind {
        case .local, .deliver: return [("label", text)]
        case .timeout: return [("timer", text)]
        case .violation:
            let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingPrefix(" ") }
            return [("invariant", String(parts[0])), ("detail", parts.count > 1 ? String(parts[1]) : "")]
        case .partition where text.contains("->"): return [("link", text)]
        case .partition: return [("groups", text)]
        default: return [("detail", text)]
        }
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
            items.append(.object([("step", .int(e.step)), ("time", .int(e.time))] + detail(e).map { ($0, .string($1)) }))
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
