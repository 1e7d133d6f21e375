import Sim

extension DiagramView {
    /// A message's ends in cells: where its line starts (beside the sender's
    /// lifeline on the send row) and where its head goes (beside the
    /// receiver's lifeline on the receive row; for a message in flight, on
    /// the latest row, as far across as its time in flight has taken it).
    struct LineEnds {
        let id: MessageID
        let start: (x: Int, row: Int)
        let head: (x: Int, row: Int)
        let dir: Int
        let open: Bool
        let lost: Bool
    }

    func lineEnds(_ m: MessageInfo) -> LineEnds {
        let start = state.index.startRow[m.id - 1]
        let end = state.index.endRow[m.id - 1]
        let xs = column(m.from.index), xr = column(m.to.index)
        let dir = xr > xs ? 1 : -1
        let first = xs + dir, last = xr - dir
        guard end < 0 else {
            // A lost message stops short of the receiver, `╳ │`: it did not arrive.
            let lost = core.event(end).kind == .drop
            let headX = lost && abs(last - first) >= 2 ? last - dir : last
            return LineEnds(id: m.id, start: (first, start), head: (headX, end), dir: dir, open: false, lost: lost)
        }
        // In flight: dashed along its send row to the receiver's lifeline,
        // with an open head. Drawn this way it stays put until it arrives, so
        // a step redraws only what changed (a line to the latest row moved on
        // every step and tripled the bytes sent per step), and messages sent
        // together each point at their own receiver.
        return LineEnds(id: m.id, start: (first, start), head: (last, start), dir: dir, open: true, lost: false)
    }

    /// Space-time view: every message one straight braille line from its
    /// send point to its head, drawn over the lifelines it crosses.
    func drawLines(_ screen: inout ScreenBuffer, ids: [MessageID],
                   rows: Range<Int>) -> (BrailleCanvas, (Int, Int)) {
        let origin = (x: rect.x, y: firstRowY)
        var canvas = BrailleCanvas(width: zoneMaxX - rect.x, height: visibleRows)
        var ends: [(LineEnds, MessageInfo, Style)] = []
        var styles: [MessageID: Style] = [:]
        for id in ids {
            guard let m = core.messageInfo(id) else { continue }
            let e = lineEnds(m)
            let style = messageStyle(m, start: e.start.row, end: state.index.endRow[id - 1])
            ends.append((e, m, style))
            styles[id] = style
            draw(e, on: &canvas, highlight: style.reverse || style.bold)
        }
        compose(canvas, styles: styles, origin: origin, into: &screen)
        for (e, _, style) in ends where rows.contains(e.head.row) {
            let head = e.lost ? g.lost : e.open ? (e.dir > 0 ? g.openHeadRight : g.openHeadLeft)
                : (e.dir > 0 ? g.headRight : g.headLeft)
            screen.put(head, x: e.head.x, y: y(e.head.row), style: e.lost ? state.style(.red, bold: true) : style)
            canvas.claim(x: e.head.x - origin.x, y: y(e.head.row) - origin.y, owner: e.id)
        }
        for (e, m, _) in ends where e.lost && rows.contains(e.head.row) {
            drawLossReason(&screen, m, row: e.head.row, dir: e.dir)
        }
        // Labels on their send rows first, then lines entering from the
        // top where cells are still free: a row's own message keeps its row.
        let drawn = Drawn(canvas: canvas, origin: origin)
        var unlabelled: [(LineEnds, MessageInfo, Style)] = []
        for (e, m, style) in ends where rows.contains(e.start.row) {
            if e.open {
                // Over its own dashed line, as the sequence view labels arrows.
                label(&screen, m, y: y(e.start.row), from: min(e.start.x, e.head.x), to: max(e.start.x, e.head.x), style)
            } else if !lineLabel(&screen, m, e, style, drawn, at: (e.start.x, e.start.row), shortening: false) {
                unlabelled.append((e, m, style))
            }
        }
        for (e, m, style) in ends where e.start.row < rows.lowerBound && e.head.row >= rows.lowerBound {
            // Sent above the view: labelled where its line enters at the top.
            let top = (x: x(of: e, at: rows.lowerBound), row: rows.lowerBound)
            if !lineLabel(&screen, m, e, style, drawn, at: top, shortening: false) { unlabelled.append((e, m, style)) }
        }
        // No room on its first visible row for `#id type tags`: further down
        // its own line, on the first row with room; only then shortened (issue 13).
        for (e, m, style) in unlabelled {
            let first = max(e.start.row, rows.lowerBound)
            let along = (first + 1)..<max(first + 1, e.head.row)
            let placed = along.clamped(to: rows).contains { row in
                lineLabel(&screen, m, e, style, drawn, at: (x(of: e, at: row), row), shortening: false)
            }
            if !placed { lineLabel(&screen, m, e, style, drawn, at: (x(of: e, at: first), first), shortening: true) }
        }
        return (canvas, origin)
    }

    /// Whether `c` is a cell of a line (a braille pattern).
    static func isBraille(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { (0x2800...0x28FF).contains($0.value) } ?? false
    }

    /// The lines drawn, to tell whose cells a label would stand beside.
    typealias Drawn = (canvas: BrailleCanvas, origin: (x: Int, y: Int))

    /// The column where `e`'s line passes `row`.
    private func x(of e: LineEnds, at row: Int) -> Int {
        let span = Double(max(1, e.head.row - e.start.row))
        let share = Double(row - e.start.row) / span
        return e.start.x + Int((Double(e.head.x - e.start.x) * share).rounded())
    }

    /// The line in dots, clipped to the visible rows first so that a long
    /// flight costs what it shows, not its whole length.
    private func draw(_ e: LineEnds, on canvas: inout BrailleCanvas, highlight: Bool) {
        // Dot coordinates relative to the canvas: the start leaves from the
        // cell's side nearer the sender, the end arrives at the cell before the head.
        let a = (x: 2 * (e.start.x - rect.x) + (e.dir > 0 ? 0 : 1), y: 4 * (e.start.row - top) + 1)
        let endCell = e.head.x - e.dir
        let b = (x: 2 * (endCell - rect.x) + (e.dir > 0 ? 1 : 0), y: 4 * (e.head.row - top) + 2)
        guard let (p, q) = clip(a, b, maxY: canvas.dotHeight - 1) else { return }
        canvas.line(from: p, to: q, owner: e.id, dashed: e.open, highlight: highlight)
    }

    /// The part of segment a–b with 0 ≤ y ≤ maxY, or nil.
    private func clip(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int), maxY: Int) -> ((x: Int, y: Int), (x: Int, y: Int))? {
        guard max(a.y, b.y) >= 0, min(a.y, b.y) <= maxY else { return nil }
        func at(_ y: Int) -> (x: Int, y: Int) {
            guard b.y != a.y else { return (a.x, y) }
            return (a.x + Int((Double(b.x - a.x) * Double(y - a.y) / Double(b.y - a.y)).rounded()), y)
        }
        let p = a.y < 0 ? at(0) : a
        let q = b.y > maxY ? at(maxY) : b
        return (p, q)
    }

    /// Braille over the screen, each cell in its message's style; lifelines
    /// crossed stay visible as dots of the line.
    private func compose(_ canvas: BrailleCanvas, styles: [MessageID: Style], origin: (x: Int, y: Int),
                         into screen: inout ScreenBuffer) {
        for cy in 0..<canvas.height {
            for cx in 0..<canvas.width {
                guard let c = canvas.character(x: cx, y: cy) else { continue }
                var style = styles[canvas.painter(x: cx, y: cy)] ?? state.style(.normal)
                // Lines still in flight recede, unless picked out.
                if !canvas.isSolid(x: cx, y: cy) && !style.reverse && !style.bold { style.dim = true }
                screen.put(c, x: origin.x + cx, y: origin.y + cy, style: style)
            }
        }
    }

    /// `#5 VoteRequest 1b·2b` on the send row (or the top row, for a line
    /// that enters from above), in the free cells beside the line: past it
    /// first, else before it, between its sender's and receiver's
    /// lifelines; then past it across lifelines, right after its own cells
    /// (issue 13: the type and tags are kept while a row of the line has
    /// room). Before the line it never crosses the sender's lifeline, and
    /// past it never another message's head or mark: there it would read
    /// as another message's. Only where no row has room is it shortened,
    /// never below `#5`.
    /// Returns whether it wrote one; `shortening` allows `#5 1b·2b` and `#5`.
    @discardableResult
    private func lineLabel(_ screen: inout ScreenBuffer, _ m: MessageInfo, _ e: LineEnds, _ style: Style,
                           _ drawn: Drawn, at point: (x: Int, row: Int), shortening: Bool) -> Bool {
        let yy = y(point.row)
        // A partition's row is the cut's, in words, across the diagram.
        guard ![.partition, .heal].contains(core.event(point.row).kind) else { return false }
        let low = min(column(m.from.index), column(m.to.index)), high = max(column(m.from.index), column(m.to.index))
        /// Where a label beside the line in direction `d` starts, and its room
        /// between the lifelines and across them (a blank kept before whatever comes next).
        /// `strict`: only past the line's own cells (and a lifeline it leaves), never past another
        /// line's or a mark, where the label would read as another message's; else past any
        /// (past the line, that is the way the line goes, so the label still follows it).
        func room(_ d: Int, strict: Bool) -> (x: Int, within: Int, across: Int) {
            var x = point.x
            while x >= rect.x && x < zoneMaxX && screen[x, yy].char != " " {
                let owner = drawn.canvas.owner(x: x - drawn.origin.x, y: yy - drawn.origin.y)
                let mine = owner == m.id || owner == BrailleCanvas.shared || screen[x, yy].char == g.lifeline
                // Never past another message's head, ╳ or an event's mark, even loosely: the
                // label would stand at that message's end (`#17 … ▶` where ▶ was #16's).
                if !mine && (strict || !Self.isBraille(screen[x, yy].char)) { return (x, -1, -1) }
                x += d
            }
            x += d
            // It starts inside the span between sender and receiver, beside its line: past the
            // receiver's lifeline it would read as the next message's.
            let limit = d > 0 ? high - x : x - low
            guard limit > 0 else { return (x, -1, -1) }
            let free = run(screen, from: x, dir: d, y: yy) { $0 == " " }
            let across = min(run(screen, from: x, dir: d, y: yy) { $0 == " " || $0 == g.lifeline },
                             markDistance(from: x, dir: d, row: point.row))
            return (x, min(free, limit) - 1, across - 1)
        }
        func write(_ text: String, _ x: Int, _ d: Int) {
            screen.write(text, x: d > 0 ? x : x - TextWidth.of(text) + 1, y: yy, style: style)
        }
        // Past the line, or before it right beside its own cells (across the sender's lifeline a
        // label reads as a message the other way: a reviewer read B→E's as B→A's), then past it
        // across lifelines, right after its own cells, so that it still reads as the line's.
        let past = room(e.dir, strict: false), before = room(-e.dir, strict: true)
        for (d, room) in [(e.dir, past.within), (-e.dir, before.within), (e.dir, past.across)] {
            let text = labelText(m, room: room, keepingType: true)
            if !text.isEmpty { write(text, d == e.dir ? past.x : before.x, d); return true }
        }
        guard shortening else { return false }
        let text = labelText(m, room: past.within, keepingType: false)
        guard !text.isEmpty else { return false }
        write(text, past.x, e.dir)
        return true
    }
}
