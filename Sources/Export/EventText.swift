import Sim

/// The one-line description of an event (DESIGN.md §1.4: text is the
/// oracle). Goldens, transcripts and the UI's event list all use it.
public enum EventText {
    /// `recv #1 A→B m1 t=2 [4c]  {t=3}`
    public static func describe(_ core: any SessionCore, _ index: Int, withState: Bool = true) -> String {
        let e = core.event(index)
        let c = core.cluster
        let node = e.node.map(c.name) ?? ""
        var text: String
        switch e.kind {
        case .send: text = "send " + message(core, e.message)
        case .receive: text = "recv " + message(core, e.message)
        case .deliver: text = "deliver \(node) \(e.text ?? "")"
        case .local: text = "local \(node)" + (e.text.map { " \($0)" } ?? "")
        case .timeout: text = "timeout \(node)" + (e.text.map { " \($0)" } ?? "")
        case .drop: text = "drop " + message(core, e.message, tags: false) + " (\(e.reason?.rawValue ?? "fault"))"
        case .delay: text = "delay " + message(core, e.message, tags: false) + " \(e.text ?? "")"
        case .duplicate: text = "duplicate " + message(core, e.message, tags: false) + " \(e.text ?? "")"
        case .crash: text = "crash \(node)"
        case .restart: text = "restart \(node)"
        case .partition:
            let detail = e.text ?? ""
            text = detail.contains("->") ? "cut \(detail)" : "partition \(detail)"
        case .heal: text = "heal"
        case .violation: text = "VIOLATION \(e.text ?? "")"
        case .note: text = "note " + (node.isEmpty ? "" : "\(node): ") + (e.text ?? "")
        }
        if withState && e.kind != .send && !e.fields.isEmpty {
            text += "  {" + e.fields.map { "\($0.name)=\($0.value.rendered)" }.joined(separator: " ") + "}"
        }
        return text
    }

    /// `#1 A→B m1 t=2 [4c]`
    public static func message(_ core: any SessionCore, _ id: MessageID?, tags: Bool = true) -> String {
        guard let id, let m = core.messageInfo(id) else { return "#?" }
        let c = core.cluster
        var text = "#\(id) \(c.name(m.from))→\(c.name(m.to)) \(m.summary)"
        if tags && !m.tags.codes.isEmpty { text += " [\(m.tags.compact)]" }
        return text
    }

    /// `L=2 V=2,0,0` for events stamped with happens-before clocks.
    public static func clocks(_ core: any SessionCore, _ index: Int) -> String? {
        let e = core.event(index)
        guard let v = core.vclock(ofEvent: index) else { return nil }
        return "L=\(e.lamport) V=" + Value.vector(v).rendered
    }
}

/// The `text` format: one line per event, `step t=time  description  clocks`.
public enum TextTrace {
    public static func line(_ core: any SessionCore, _ index: Int) -> String {
        let e = core.event(index)
        var line = "\(e.step) t=\(e.time)  " + EventText.describe(core, index)
        if let clocks = EventText.clocks(core, index) { line += "  " + clocks }
        // One event, one line, and nothing a terminal would obey.
        return Sanitize.visible(line)
    }

    public static func render(_ core: any SessionCore, events: Range<Int>? = nil) -> String {
        let range = events ?? 0..<core.eventCount
        var out = ""
        for index in range {
            out += line(core, index)
            out += "\n"
        }
        return out
    }
}
