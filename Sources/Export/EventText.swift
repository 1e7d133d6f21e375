import Sim

/// The one-line description of an event (DESIGN.md §1.4: text is the
/// oracle). Goldens, transcripts and the UI's event list all use it. Written
/// as bytes (`ExportBytes`): the text trace writes every event this way.
public enum EventText {
    /// `recv #1 A→B m1 t=2 [4c]  {t=3}`
    public static func describe(_ core: any SessionCore, _ index: Int, withState: Bool = true) -> String {
        var out = ExportBytes()
        describe(core, index, withState: withState, into: &out)
        return out.string
    }

    public static func describe(_ core: any SessionCore, _ index: Int, withState: Bool = true,
                                into out: inout ExportBytes) {
        let e = core.event(index)
        let c = core.cluster
        func node() { if let n = e.node { out.visible(c.name(n)) } }
        func text(_ prefix: StaticString = " ") {
            if let t = e.text { out.ascii(prefix); out.visible(t) }
        }
        switch e.kind {
        case .send: out.ascii("send "); message(core, e.message, into: &out)
        case .receive: out.ascii("recv "); message(core, e.message, into: &out)
        case .deliver: out.ascii("deliver "); node(); out.ascii(" "); if let t = e.text { out.visible(t) }
        case .local: out.ascii("local "); node(); text()
        case .timeout: out.ascii("timeout "); node(); text()
        case .drop:
            out.ascii("drop "); message(core, e.message, tags: false, into: &out)
            out.ascii(" ("); out.visible(e.reason?.rawValue ?? "fault"); out.ascii(")")
        case .delay: out.ascii("delay "); message(core, e.message, tags: false, into: &out); out.ascii(" "); text("")
        case .duplicate: out.ascii("duplicate "); message(core, e.message, tags: false, into: &out); out.ascii(" "); text("")
        case .crash: out.ascii("crash "); node()
        case .restart: out.ascii("restart "); node()
        case .partition:
            let detail = e.text ?? ""
            if detail.contains("->") { out.ascii("cut ") } else { out.ascii("partition ") }
            out.visible(detail)
        case .heal: out.ascii("heal")
        case .violation: out.ascii("VIOLATION "); text("")
        case .note:
            out.ascii("note ")
            if e.node != nil { node(); out.ascii(": ") }
            text("")
        }
        if withState && e.kind != .send && !e.fields.isEmpty {
            out.ascii("  {")
            for (i, f) in e.fields.enumerated() {
                if i > 0 { out.ascii(" ") }
                out.visible(f.name); out.ascii("="); out.value(f.value)
            }
            out.ascii("}")
        }
    }

    /// `#1 A→B m1 t=2 [4c]`
    public static func message(_ core: any SessionCore, _ id: MessageID?, tags: Bool = true) -> String {
        var out = ExportBytes()
        message(core, id, tags: tags, into: &out)
        return out.string
    }

    public static func message(_ core: any SessionCore, _ id: MessageID?, tags: Bool = true, into out: inout ExportBytes) {
        // A message's text is written at its send and again at its receive:
        // the second time it is copied from the first (issue 17's budget).
        let start = out.count
        if tags, let id, out.copyRemembered(id) { return }
        defer { if tags, let id { out.remember(id, from: start) } }
        guard let id, let m = core.messageInfo(id) else { return out.ascii("#?") }
        let c = core.cluster
        out.ascii("#"); out.int(id); out.ascii(" ")
        out.visible(c.name(m.from)); out.ascii("→"); out.visible(c.name(m.to)); out.ascii(" ")
        out.visible(m.summary)
        if tags && !m.tags.codes.isEmpty {
            out.ascii(" [")
            for (i, code) in m.tags.codes.enumerated() {
                if i > 0 { out.ascii("·") }
                out.visible(code.code)
            }
            out.ascii("]")
        }
    }

    /// `L=2 V=2,0,0` for events stamped with happens-before clocks.
    public static func clocks(_ core: any SessionCore, _ index: Int) -> String? {
        var out = ExportBytes()
        return clocks(core, index, into: &out) ? out.string : nil
    }

    /// Writes the clocks, if the event has them; returns whether it did.
    @discardableResult
    public static func clocks(_ core: any SessionCore, _ index: Int, into out: inout ExportBytes) -> Bool {
        guard let v = core.vclockSlice(ofEvent: index) else { return false }
        out.ascii("L="); out.int(core.event(index).lamport); out.ascii(" V="); out.ints(v)
        return true
    }
}

/// The `text` format: one line per event, `step t=time  description  clocks`.
public enum TextTrace {
    public static func line(_ core: any SessionCore, _ index: Int) -> String {
        var out = ExportBytes()
        line(core, index, into: &out)
        return out.string
    }

    /// One event, one line, and nothing a terminal would obey (every piece of
    /// text goes through `ExportBytes.visible`).
    public static func line(_ core: any SessionCore, _ index: Int, into out: inout ExportBytes) {
        let e = core.event(index)
        out.int(e.step); out.ascii(" t="); out.int(e.time); out.ascii("  ")
        EventText.describe(core, index, into: &out)
        let mark = out.count
        out.ascii("  ")
        if !EventText.clocks(core, index, into: &out) { out.truncate(to: mark) }
    }

    public static func render(_ core: any SessionCore, events: Range<Int>? = nil) -> String {
        bytes(core, events: events).string
    }

    /// The whole trace as bytes.
    public static func bytes(_ core: any SessionCore, events: Range<Int>? = nil) -> ExportBytes {
        let range = events ?? 0..<core.eventCount
        var out = ExportBytes(capacity: range.count * 72)
        write(core, events: range, into: &out)
        return out
    }

    /// The trace into `out`, which may stream (`baton run --format text`).
    public static func write(_ core: any SessionCore, events: Range<Int>? = nil, into out: inout ExportBytes) {
        for index in events ?? 0..<core.eventCount {
            line(core, index, into: &out)
            out.ascii("\n")
            out.flushIfFull()
        }
    }
}
