import Export
import Sim

extension DiagramView {
    /// The event's mark on its lifeline (a partition or heal: a dashed row).
    func drawMarker(_ screen: inout ScreenBuffer, row: Int) {
        let e = core.event(row)
        let yy = y(row)
        switch e.kind {
        case .partition, .heal:
            for x in (rect.x + 1)..<(zoneMaxX - 1) where screen[x, yy].char == g.lifeline || screen[x, yy].char == " " {
                screen.put(g.dashed, x: x, y: yy, style: state.style(.yellow))
            }
            // Which cut, in words, over the dashes: `cut A | B,C`, `healed`.
            let words = e.kind == .heal ? " healed " : " cut " + (e.text ?? "") + " "
            screen.write(g.text(words), x: rect.x + 1, y: yy, style: state.style(.yellow, bold: true), maxX: zoneMaxX - 1)
        default:
            guard let node = e.node?.index else { return }
            if let marker = marker(e) {
                screen.put(marker, x: column(node), y: yy, style: state.inspected(markerStyle(e), row: row))
            }
            // The event's name beside it (`● a`, `● propose x`, `c` where
            // m1 arrives when a lesson named it `@c`), where the cells are
            // free: the prose names events as the diagram does.
            let local = e.kind == .local ? e.text : nil
            if let name = eventNames[row] ?? local, !name.isEmpty {
                writeBeside(&screen, g.text(name), column: column(node), y: yy, bold: eventNames[row] != nil)
            }
        }
    }

    /// `text` just right of the lifeline at `column`, else just left of it,
    /// where the cells and one blank around them are free.
    private func writeBeside(_ screen: inout ScreenBuffer, _ text: String, column: Int, y yy: Int, bold: Bool) {
        let width = TextWidth.of(text)
        func free(_ x: Int) -> Bool {
            x - 1 >= rect.x && x + width < zoneMaxX
                && (x - 1...(x + width)).allSatisfy { screen[$0, yy].char == " " }
        }
        let style = bold ? state.style(.normal, bold: true) : state.style(.gray)
        if free(column + 2) {
            screen.write(text, x: column + 2, y: yy, style: style)
        } else if free(column - 1 - width) {
            screen.write(text, x: column - 1 - width, y: yy, style: style)
        }
    }

    /// The event's one-line description in the text zone.
    func drawEventText(_ screen: inout ScreenBuffer, row: Int) {
        let e = core.event(row)
        let textStyle = e.kind == .violation ? state.style(.red, bold: true) : rowStyle(e, row: row)
        // Narrow text zones drop the node-state part ({...}); the side panel has it.
        var text = EventText.describe(core, row, withState: rect.maxX - textX >= 56)
        if let name = eventNames[row] { text = name + ": " + text }
        if e.kind == .send, let id = e.message, let due = due[id] {
            text += "  in flight, due t=\(due)"
        }
        screen.write(TextWidth.clip(g.text(text), to: rect.maxX - textX, ellipsis: g.ellipsis), x: textX, y: y(row),
                     style: textStyle, maxX: rect.maxX)
    }

    /// How many cells from `x` in direction `dir` come before the row's
    /// event mark (drawn after the lines and labels, so a label crossing a
    /// lifeline must stop short of it, or the mark would land inside the
    /// label's text); `Int.max` when the row has no mark that way.
    func markDistance(from x: Int, dir: Int, row: Int) -> Int {
        let e = core.event(row)
        guard let node = e.node?.index, marker(e) != nil else { return Int.max }
        let d = (column(node) - x) * dir
        return d >= 0 ? d : Int.max
    }

    func marker(_ e: TraceEvent) -> Character? {
        switch e.kind {
        case .local: return g.local
        case .timeout: return g.timeout
        case .deliver: return g.deliver
        case .crash: return g.crash
        case .restart: return g.restart
        case .note: return g.note
        default: return nil   // sends, receives and drops are drawn by their messages
        }
    }

    func markerStyle(_ e: TraceEvent) -> Style {
        switch e.kind {
        case .crash: return state.style(.red, bold: true)
        case .restart, .deliver: return state.style(.green, bold: true)
        case .timeout: return state.style(.yellow, bold: true)
        default: return state.style(.normal, bold: true)
        }
    }

    /// Text style: the kind's colour (a message's own hue for its send and
    /// receive), then inspection and filter emphasis.
    func rowStyle(_ e: TraceEvent, row: Int) -> Style {
        let message = e.message.flatMap(core.messageInfo)
        var style: Style
        switch e.kind {
        case .drop, .crash: style = state.style(.red)
        case .deliver, .restart: style = state.style(.green)
        case .note: style = state.style(.gray, dim: true)
        case .partition, .heal: style = state.style(.yellow)
        case .send, .receive: style = state.style(message.map { state.hue(of: $0.typeName) } ?? .normal)
        default: style = state.style(.normal)
        }
        style = state.inspected(style, row: row)
        if let f = state.filter {
            if message?.tags.codes.contains(f) ?? false { style.bold = true } else { style = state.style(.gray, dim: true) }
        }
        return style
    }

    /// Sequence view: on the receive (or loss) row, one horizontal arrow from
    /// the sender's lifeline to the receiver's, `●` and the id at the sender
    /// on the send row; in flight, an open dashed arrow on the send row.
    func drawArrow(_ screen: inout ScreenBuffer, id: MessageID, rows: Range<Int>) {
        guard let m = core.messageInfo(id) else { return }
        let start = state.index.startRow[id - 1]
        let end = state.index.endRow[id - 1]
        let xs = column(m.from.index), xr = column(m.to.index)
        let dir = xr > xs ? 1 : -1
        let style = messageStyle(m, start: start, end: end)
        let row = end >= 0 ? end : start
        if end >= 0, rows.contains(start) {
            // The send, marked where it happened.
            screen.put(g.local, x: xs, y: y(start), style: style)
            let tag = g.text("#\(id)")
            let x = dir > 0 ? xs + 1 : xs - TextWidth.of(tag)
            if x >= rect.x && x + TextWidth.of(tag) <= zoneMaxX { screen.write(tag, x: x, y: y(start), style: style) }
        }
        guard rows.contains(row) else { return }
        let open = end < 0
        let lost = !open && core.event(end).kind == .drop
        screen.put(dir > 0 ? g.sendRight : g.sendLeft, x: xs, y: y(row), style: style)
        for x in stride(from: xs + dir, to: xr, by: dir) {
            let existing = screen[x, y(row)].char
            let crossing = existing == g.lifeline || existing == g.crashedLifeline
            screen.put(crossing ? g.cross : (open ? g.dashed : g.horizontal), x: x, y: y(row), style: style)
        }
        let head = lost ? g.lost : open ? (dir > 0 ? g.openHeadRight : g.openHeadLeft) : (dir > 0 ? g.headRight : g.headLeft)
        let short = lost && abs(xr - xs) >= 4
        let left = min(xs, xr) + 1 + (short && dir < 0 ? 2 : 0), right = max(xs, xr) - 1 - (short && dir > 0 ? 2 : 0)
        label(&screen, m, y: y(row), from: left, to: right, style)
        if short {
            // Short of the receiver's lifeline, which stays: it did not arrive.
            screen.put(" ", x: xr - dir, y: y(row), style: style)
            screen.put(head, x: xr - 2 * dir, y: y(row), style: state.style(.red, bold: true))
        } else {
            screen.put(head, x: xr, y: y(row), style: lost ? state.style(.red, bold: true) : style)
        }
        if lost { drawLossReason(&screen, m, row: row, dir: dir) }
    }

    /// Why a message was lost, in a few words past the receiver's lifeline
    /// on the loss row (`dropped`, `B down`, `link cut`, `lost`), where the
    /// cells are free; the event text says it in full.
    func drawLossReason(_ screen: inout ScreenBuffer, _ m: MessageInfo, row: Int, dir: Int) {
        guard let reason = core.event(row).reason else { return }
        let words: String
        switch reason {
        case .fault: words = "dropped"
        case .crashed: words = core.cluster.name(m.to) + " down"
        case .partition: words = "link cut"
        case .loss: words = "lost"
        }
        let yy = y(row)
        let start = column(m.to.index) + 2 * dir
        var free = 0
        var x = start
        while x >= rect.x && x < zoneMaxX && screen[x, yy].char == " " && free <= words.count {
            free += 1
            x += dir
        }
        guard free > words.count else { return }
        screen.write(words, x: dir > 0 ? start : start - words.count + 1, y: yy, style: state.style(.red))
    }

    /// `#3 VoteRequest 1b·2b` centred in `from...to` (inclusive), the
    /// arrow's own span, shortened from the end of the type name, then to
    /// `#3 1b·2b` and `#3`, but never put past either end: beyond its
    /// sender or receiver a label stands over other nodes' lifelines and
    /// reads as their message (a reviewer read B→A's `#3` as B→C's).
    func label(_ screen: inout ScreenBuffer, _ m: MessageInfo, y: Int, from: Int, to: Int, _ style: Style) {
        let room = to - from - 1
        guard room >= 2 else { return }
        let text = labelText(m, room: room)
        guard !text.isEmpty else { return }
        let x = from + 1 + max(0, (room - TextWidth.of(text)) / 2)
        screen.write(text, x: x, y: y, style: style, maxX: to)
    }

    /// The longest of `#5 VoteRequest t1 1b·2b`, `#5 VoteRequest 1b·2b`
    /// (and, unless `keepingType`, `#5 1b·2b` and `#5`) that fits in
    /// `room` columns, or "".
    func labelText(_ m: MessageInfo, room: Int, keepingType: Bool = false) -> String {
        let tags = m.tags.compact
        let name = m.label.map { "\(m.typeName) \($0)" } ?? m.typeName
        var candidates = ["#\(m.id) \(name) \(tags)", "#\(m.id) \(m.typeName) \(tags)"]
        if !keepingType { candidates += ["#\(m.id) \(tags)", "#\(m.id)"] }
        for candidate in candidates {
            let text = g.text(candidate)
            if TextWidth.of(text) <= room { return text }
        }
        return ""
    }

    /// How many cells from `x` in direction `dir` on row `y` pass `test`,
    /// within the diagram.
    func run(_ screen: ScreenBuffer, from x: Int, dir: Int, y: Int, _ test: (Character) -> Bool) -> Int {
        var count = 0, probe = x
        // Bounded by the diagram's width.
        while probe >= rect.x && probe < zoneMaxX && test(screen[probe, y].char) { count += 1; probe += dir }
        return count
    }
}
