import Export
import Sim

extension DiagramView {
    /// The marker at the event's lifeline and its description on the right.
    func drawEvent(_ screen: inout ScreenBuffer, row: Int) {
        let e = core.event(row)
        let yy = y(row)
        var textStyle = rowStyle(e, row: row)
        switch e.kind {
        case .partition, .heal:
            for x in (rect.x + 1)..<(textX - 1) where screen[x, yy].char == g.lifeline || screen[x, yy].char == " " {
                screen.put(g.dashed, x: x, y: yy, style: state.style(.yellow))
            }
        case .violation:
            textStyle = state.style(.red, bold: true)
        default:
            if let node = e.node?.index, let marker = marker(e) {
                screen.put(marker, x: column(node), y: yy, style: markerStyle(e))
            }
        }
        // Narrow text zones drop the node-state part ({...}); the side panel has it.
        var text = EventText.describe(core, row, withState: rect.maxX - textX >= 56)
        if e.kind == .send, let id = e.message, let due = due[id] {
            text += "  in flight, due t=\(due)"
        }
        screen.write(g.text(text), x: textX, y: yy, style: textStyle, maxX: rect.maxX)
    }

    func marker(_ e: TraceEvent) -> Character? {
        switch e.kind {
        case .local: return g.local
        case .timeout: return g.timeout
        case .deliver: return g.deliver
        case .crash: return g.crash
        case .restart: return g.restart
        case .note: return g.note
        default: return nil   // sends, receives and drops are drawn by their arrows
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

    /// Text style: the kind's colour, then inspection and filter highlights.
    func rowStyle(_ e: TraceEvent, row: Int) -> Style {
        var style: Style
        switch e.kind {
        case .drop, .crash: style = state.style(.red)
        case .deliver, .restart: style = state.style(.green)
        case .note: style = state.style(.gray, dim: true)
        case .partition, .heal: style = state.style(.yellow)
        default: style = state.style(.normal)
        }
        if let a = state.inspectA, let va = core.vclock(ofEvent: a) {
            if row == a || row == state.inspectB {
                style = state.style(.cyan, bold: true, reverse: true)
            } else if let v = core.vclock(ofEvent: row) {
                switch CausalRelation.between(v, va) {
                case .before: style = state.style(.cyan, bold: true)
                case .after: style = state.style(.magenta, underline: true)
                default: style.dim = true
                }
            } else {
                style.dim = true
            }
        }
        if let f = state.filter {
            let tagged = e.message.flatMap(core.messageInfo)?.tags.codes.contains(f) ?? false
            if tagged { style = state.style(.yellow, bold: true) } else { style.dim = true }
        }
        return style
    }

    /// A message's arrow: `├──╮` then `╰─▶` a row later, stepping across the
    /// rows between; open (`╌▷`) while in flight; ending in `╳` when lost.
    func drawArrow(_ screen: inout ScreenBuffer, id: MessageID, rows: Range<Int>) {
        guard let m = core.messageInfo(id) else { return }
        let start = state.index.startRow[id - 1]
        let end = state.index.endRow[id - 1]
        let xs = column(m.from.index), xr = column(m.to.index)
        let right = xr > xs
        let dir = right ? 1 : -1
        // Arrows recede; the selected message and the one under the cursor stand out.
        var style = state.style(.normal)
        if id == state.selectedMessage || (state.cursor != nil && (start == state.focusRow || end == state.focusRow)) {
            style = state.style(.cyan, bold: true)
        }
        if let f = state.filter { style = m.tags.codes.contains(f) ? state.style(.yellow, bold: true) : state.style(.gray, dim: true) }
        guard end >= 0 else {
            // In flight: an open arrow on the send row.
            guard rows.contains(start) else { return }
            screen.put(right ? g.sendRight : g.sendLeft, x: xs, y: y(start), style: style)
            for x in stride(from: xs + dir, to: xr, by: dir) { putLine(&screen, g.dashed, x: x, row: start, style) }
            screen.put(right ? g.openHeadRight : g.openHeadLeft, x: xr, y: y(start), style: style)
            label(&screen, m, row: start, from: xs, to: xr, style)
            return
        }
        let n = end - start
        let xe = xr - dir   // the last step turns down next to the receiver
        func point(_ k: Int) -> Int { xs + (xe - xs) * k / max(1, n) }
        for k in 0..<n where rows.contains(start + k) {
            let row = start + k
            let from = k == 0 ? xs : point(k)
            let to = point(k + 1)
            screen.put(k == 0 ? (right ? g.sendRight : g.sendLeft) : (right ? g.turnUpToRight : g.turnUpToLeft),
                       x: from, y: y(row), style: style)
            for x in stride(from: from + dir, to: to, by: dir) { putLine(&screen, g.horizontal, x: x, row: row, style) }
            if to != from { screen.put(right ? g.turnDownFromLeft : g.turnDownFromRight, x: to, y: y(row), style: style) }
            if k == 0 { label(&screen, m, row: row, from: from, to: to, style) }
        }
        if rows.contains(end) {
            let lost = core.event(end).kind == .drop
            if n > 0 { screen.put(right ? g.turnUpToRight : g.turnUpToLeft, x: point(n), y: y(end), style: style) }
            let head = lost ? g.lost : (right ? g.headRight : g.headLeft)
            screen.put(head, x: xr, y: y(end), style: lost ? state.style(.red, bold: true) : style)
        }
    }

    /// A horizontal piece that crosses lifelines with `┼`.
    private func putLine(_ screen: inout ScreenBuffer, _ c: Character, x: Int, row: Int, _ style: Style) {
        let existing = screen[x, y(row)].char
        let crossing = existing == g.lifeline || existing == g.crashedLifeline
        screen.put(crossing ? g.cross : c, x: x, y: y(row), style: style)
    }

    /// `#3 VoteRequest` over the arrow's first run, when it fits.
    private func label(_ screen: inout ScreenBuffer, _ m: MessageInfo, row: Int, from: Int, to: Int, _ style: Style) {
        let text = g.text("#\(m.id) \(m.typeName)")
        let room = abs(to - from) - 2
        guard room >= 8 else { return }
        let clipped = TextWidth.clip(text, to: room, ellipsis: g.ellipsis)
        let x = min(from, to) + 1 + max(0, (room - TextWidth.of(clipped)) / 2)
        screen.write(clipped, x: x, y: y(row), style: style)
    }
}
