import Scenario
import Sim

/// Text that cannot break out of the string it is put in: control
/// characters, bidi controls and the format's own specials are replaced.
enum Escape {
    static func plain(_ s: String) -> String {
        // Nearly every label is printable ASCII: nothing to replace.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { c in
            switch c.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return " "
            default: return c
            }
        }))
    }

    static func mscgen(_ s: String) -> String {
        let p = plain(s)
        guard p.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) else { return p }
        return p.replacingAll("\\", "\\\\").replacingAll("\"", "\\\"")
    }

    /// PlantUML takes the rest of the line as the text: `\n` would start a
    /// new line, so backslashes are doubled, and its Creole markup (`#` lists,
    /// `**bold**`, `__underline__`, `//italic//`) is escaped with `~`.
    static func plantuml(_ s: String) -> String {
        let specials: Set<UInt8> = [0x5C, 0x7E, 0x23, 0x2A, 0x5F, 0x2F, 0x2D]   // \ ~ # * _ / -
        if !s.utf8.contains(where: { specials.contains($0) }) { return plain(s) }
        var out = ""
        for c in plain(s) {
            switch c {
            case "\\": out += "\\\\"
            case "~", "#", "*", "_", "/", "-": out += "~" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// Mermaid ends a statement at `;` and reads `#…;` as an entity.
    static func mermaid(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 == 0x23 || $0 == 0x3B || $0 == 0x25 }) { return plain(s) }   // # ; %
        var out = ""
        for c in plain(s) {
            switch c {
            case "#": out += "#35;"
            case ";": out += "#59;"
            case "%": out += "#37;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    /// Replace every `a` with `b` in one pass (labels are short, exports long:
    /// this runs for every table cell).
    public func replacingAll(_ a: String, _ b: String) -> String {
        guard let first = a.first else { return self }
        guard contains(first) else { return self }
        if a.count == 1 {
            var out = ""
            out.reserveCapacity(utf8.count)
            for c in self { if c == first { out += b } else { out.append(c) } }
            return out
        }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

/// What a message became, for formats that draw it once.
struct MessageEnd {
    let row: Int
    let lost: DropReason?
}

enum MessageEnds {
    static func of(_ core: any SessionCore) -> [MessageID: MessageEnd] {
        var ends: [MessageID: MessageEnd] = [:]
        for i in 0..<core.eventCount {
            let e = core.event(i)
            guard let id = e.message else { continue }
            if e.kind == .receive { ends[id] = MessageEnd(row: i, lost: nil) }
            if e.kind == .drop { ends[id] = MessageEnd(row: i, lost: e.reason ?? .fault) }
        }
        return ends
    }
}

/// mscgen: one row per event; an arc leaves on its send row and, with
/// `arcskip`, lands on its receive row, so delayed and crossing messages
/// keep their real rows. Lost messages are `-x`; faults are notes and
/// partitions `---` lines.
public enum MscgenExport {
    public static func render(_ core: any SessionCore) -> String {
        let c = core.cluster
        let ends = MessageEnds.of(core)
        var out = "# baton \(core.protocolID) seed \(core.config.seed)\nmsc {\n  hscale=\"\(max(1, c.count / 3))\";\n  "
        out += c.names.map { "\"\(Escape.mscgen($0))\"" }.joined(separator: ", ") + ";\n"
        for i in 0..<core.eventCount {
            let e = core.event(i)
            let node = e.node.map { "\"\(Escape.mscgen(c.name($0)))\"" } ?? ""
            switch e.kind {
            case .send, .duplicate:
                guard let id = e.message, let m = core.messageInfo(id) else { out += "  |||;\n"; continue }
                let from = "\"\(Escape.mscgen(c.name(m.from)))\"", to = "\"\(Escape.mscgen(c.name(m.to)))\""
                let end = ends[id]
                let skip = (end?.row ?? core.eventCount) - i
                let arrow = end?.lost != nil ? "-x" : "=>"
                var label = "#\(id) \(m.summary)" + (m.tags.codes.isEmpty ? "" : " [\(m.tags.compact)]")
                if let lost = end?.lost { label += " lost (\(lost.rawValue))" }
                if end == nil { label += " (in flight)" }
                out += "  \(from)\(arrow)\(to) [label=\"\(Escape.mscgen(label))\", arcskip=\"\(max(0, skip))\"];\n"
            case .receive, .drop:
                out += "  |||;\n"
            case .partition, .heal:
                out += "  --- [label=\"\(Escape.mscgen(EventText.describe(core, i)))\"];\n"
            case .violation:
                out += "  --- [label=\"\(Escape.mscgen(EventText.describe(core, i)))\", textcolour=\"red\"];\n"
            case .crash:
                out += "  \(node) note \(node) [label=\"crash\", textbgcolour=\"#ffcccc\"];\n"
            default:
                if node.isEmpty { out += "  --- [label=\"\(Escape.mscgen(EventText.describe(core, i)))\"];\n" }
                else { out += "  \(node) note \(node) [label=\"\(Escape.mscgen(EventText.describe(core, i, withState: false)))\"];\n" }
            }
        }
        return out + "}\n"
    }
}

/// PlantUML (as Debian's 1.2020 reads it): arrows cannot slant, so each
/// message is drawn when it arrives, a `...` spacer marks one that crossed
/// an earlier-sent one, and notes carry sends, delays and faults.
public enum PlantUMLExport {
    public static func render(_ core: any SessionCore) -> String {
        let c = core.cluster
        var out = "@startuml\n' baton \(core.protocolID) seed \(core.config.seed)\n"
        for (i, name) in c.names.enumerated() { out += "participant \"\(Escape.plantuml(name))\" as N\(i)\n" }
        let first = "N0", last = "N\(c.count - 1)"
        var lastSent = 0
        for i in 0..<core.eventCount {
            let e = core.event(i)
            let n = e.node.map { "N\($0.index)" }
            switch e.kind {
            case .receive, .drop:
                guard let id = e.message, let m = core.messageInfo(id) else { continue }
                if id < lastSent { out += "...\n" }
                lastSent = id
                let arrow = e.kind == .drop ? "->x" : "->"
                var text = "#\(id) \(m.summary) [\(m.tags.compact)] (sent t=\(m.sentAt))"
                if let r = e.reason { text += " lost: \(r.rawValue)" }
                out += "N\(m.from.index) \(arrow) N\(m.to.index) : \(Escape.plantuml(text))\n"
            case .send, .deliver:
                continue
            case .partition, .heal, .violation:
                out += "note over \(first), \(last) : \(Escape.plantuml(EventText.describe(core, i)))\n"
            default:
                let text = Escape.plantuml(EventText.describe(core, i, withState: false))
                out += n.map { "note over \($0) : \(text)\n" } ?? "note over \(first), \(last) : \(text)\n"
            }
        }
        return out + "@enduml\n"
    }
}

/// Mermaid `sequenceDiagram`: no slanted arrows either, so messages are
/// ordered by delivery and say when they were sent.
public enum MermaidExport {
    public static func render(_ core: any SessionCore) -> String {
        let c = core.cluster
        var out = "sequenceDiagram\n"
        for (i, name) in c.names.enumerated() { out += "    participant N\(i) as \(Escape.mermaid(name))\n" }
        for i in 0..<core.eventCount {
            let e = core.event(i)
            switch e.kind {
            case .receive, .drop:
                guard let id = e.message, let m = core.messageInfo(id) else { continue }
                let arrow = e.kind == .drop ? "-x" : "->>"
                var text = "#\(id) \(m.summary) [\(m.tags.compact)] (sent at step \(m.sentStep))"
                if let r = e.reason { text += " lost: \(r.rawValue)" }
                out += "    N\(m.from.index)\(arrow)N\(m.to.index): \(Escape.mermaid(text))\n"
            case .send, .deliver:
                continue
            default:
                let over = e.node.map { "N\($0.index)" } ?? "N0,N\(c.count - 1)"
                out += "    Note over \(over): \(Escape.mermaid(EventText.describe(core, i, withState: false)))\n"
            }
        }
        return out
    }
}

/// A ShiViz log: the parser's regular expression on line 1, an empty line,
/// then `host {"A":1,...}` and the event's text for every event that
/// advances the happens-before clocks (each host's own entry starts at 1 and
/// grows by exactly 1 per logged event; receives merge).
public enum ShiVizExport {
    public static let regex = #"(?<host>\S+) (?<clock>\{.*\})\n(?<event>.*)"#

    public static func render(_ core: any SessionCore) -> String {
        let c = core.cluster
        var out = ExportBytes(capacity: core.eventCount * 80)
        out.raw(regex + "\n\n")
        let hosts = c.names.map { Escape.plain($0).replacingAll(" ", "_") }
        let keys = c.names.map { JSONValue.string($0).compact }
        for i in 0..<core.eventCount {
            let e = core.event(i)
            guard e.ticks, let node = e.node, let v = core.vclockSlice(ofEvent: i) else { continue }
            out.raw(hosts[node.index]); out.ascii(" {")
            var first = true
            for (key, n) in zip(keys, v) where n > 0 {
                if !first { out.ascii(",") }
                first = false
                out.raw(key); out.ascii(":"); out.int(n)
            }
            out.ascii("}\n")
            // The event text has no control characters left (`ExportBytes.visible`).
            EventText.describe(core, i, into: &out)
            out.ascii("\n")
        }
        return out.string
    }
}

/// The `.baton` transcript: the command log as a scenario, with a header.
public enum BatonScriptExport {
    public static func render(_ session: ScenarioSession, date: String) -> String {
        var out = "# baton transcript · baton \(Transcript.version) · \(date)\n"
        out += "# protocol \(session.core.protocolID) · seed \(session.spec.seed) · replay: baton replay FILE\n"
        for command in session.commands { out += command + "\n" }
        return out
    }
}

public enum Transcript {
    public static let version = "0.1.0"
}
