import Export
import Sim

/// How messages are drawn (`v` switches; ASCII is always `sequence`).
public enum DiagramMode: String, Sendable, Equatable {
    /// Each message one straight line, at its slope, from its send row to
    /// its receive row (braille dots).
    case spaceTime = "space-time"
    /// Each message a horizontal arrow on its receive row, its send row
    /// marked at the sender (as mscgen and PlantUML draw sequence charts).
    case sequence
}

/// The diagram: one lifeline per node spread over the width, one row per
/// event, the protocol's headline over each lifeline, and, when there is
/// room (or `E`), each event's one-line description on the right.
struct DiagramView {
    let state: AppState
    let rect: Rect
    /// Due times of messages in flight, looked up per row.
    let due: [MessageID: Tick]
    /// For exports: draw from this row instead of following the cursor.
    var topOverride: Int? = nil
    /// Events given a name by `@name` (a lesson's `wait step @c`), by row.
    let eventNames: [Int: String]

    init(state: AppState, rect: Rect, top: Int? = nil) {
        self.state = state
        self.rect = rect
        self.topOverride = top
        var due: [MessageID: Tick] = [:]
        for f in state.core.inflight { due[f.id] = f.due }
        self.due = due
        eventNames = state.session.scenario.names.nameByEvent
    }

    var core: any SessionCore { state.core }
    var g: Glyphs { state.glyphs }
    var mode: DiagramMode { g.isASCII ? .sequence : state.diagramMode }

    // MARK: layout

    /// Columns the event text takes when shown: two fifths, 30 to 80 (a
    /// wide screen shows whole lines).
    var textWidth: Int { min(80, max(30, rect.width * 2 / 5)) }

    /// Shown by default only when the lifelines keep 12 columns each;
    /// `E` overrides either way (as long as 3 columns per node remain).
    var showsText: Bool {
        let n = core.cluster.count
        let roomy = (rect.width - textWidth) / n >= 12
        return (state.eventText ?? roomy) && rect.width - textWidth >= 3 * n
    }

    /// The lifeline zone's width.
    var zoneWidth: Int { rect.width - (showsText ? textWidth : 0) }
    var spacing: Int { max(3, zoneWidth / core.cluster.count) }
    func column(_ node: Int) -> Int { rect.x + spacing / 2 + node * spacing }
    var textX: Int { rect.x + zoneWidth + 1 }
    /// Where lines and labels may go (the text zone starts after).
    var zoneMaxX: Int { showsText ? textX - 1 : rect.maxX }

    var bannerRows: Int { core.violated.isEmpty || topOverride != nil ? 0 : 1 }
    var firstRowY: Int { rect.y + 1 + bannerRows }
    var visibleRows: Int { max(0, rect.height - 1 - bannerRows) }

    /// The first event row shown: when following, the latest event sits on
    /// the bottom row with history above, so the area stays full and each
    /// event scrolls the diagram by one row (the terminal layer moves those
    /// rows with the terminal's own scrolling: see `ScrollHint`); otherwise
    /// the cursor is in the middle.
    var top: Int {
        if let topOverride { return topOverride }
        let count = core.eventCount
        let v = visibleRows
        guard count > v else { return 0 }
        if state.cursor == nil { return count - v }
        return min(max(0, state.focusRow - v / 2), count - v)
    }

    /// The claim that the event rows scroll as one (everything that changes
    /// what a row shows besides its event is in `layout`).
    var scrollHint: ScrollHint {
        ScrollHint(rows: firstRowY..<(firstRowY + visibleRows), offset: top,
                   layout: [rect.x, rect.y, rect.width, rect.height, core.cluster.count,
                            mode == .spaceTime ? 1 : 0, showsText ? 1 : 0])
    }

    func y(_ row: Int) -> Int { firstRowY + row - top }

    // MARK: drawing

    func draw(_ screen: inout ScreenBuffer) {
        _ = drawReturningCanvas(&screen)
    }

    /// Draw, and return the space-time canvas (which message owns each
    /// cell), for tests.
    @discardableResult
    func drawReturningCanvas(_ screen: inout ScreenBuffer) -> (canvas: BrailleCanvas, origin: (x: Int, y: Int))? {
        if topOverride == nil { screen.scrollHint = scrollHint }
        drawHeader(&screen)
        if bannerRows > 0 { drawBanner(&screen) }
        let rows = top..<min(core.eventCount, top + visibleRows)
        drawLifelines(&screen, rows: rows)
        if rows.isEmpty { drawEmpty(&screen) }
        let ids = state.index.messages(touching: rows)
        var result: (BrailleCanvas, (Int, Int))? = nil
        switch mode {
        case .spaceTime: result = drawLines(&screen, ids: ids, rows: rows)
        case .sequence: for id in ids { drawArrow(&screen, id: id, rows: rows) }
        }
        for row in rows { drawMarker(&screen, row: row) }
        if showsText {
            for row in rows { drawEventText(&screen, row: row) }
            if state.cursor != nil, rows.contains(state.focusRow) {
                screen.restyle(y: y(state.focusRow), from: textX, to: rect.maxX) { $0.reverse = true }
            }
        } else if state.cursor != nil, rows.contains(state.focusRow) {
            screen.put(g.selected, x: rect.x, y: y(state.focusRow), style: state.style(.cyan, bold: true))
        }
        return result
    }

    /// Each lifeline's node name and headline (`A leader t3`), centred.
    private func drawHeader(_ screen: inout ScreenBuffer) {
        for (i, name) in core.cluster.names.enumerated() {
            let node = NodeID(i)
            let down = core.isCrashed(node)
            let selected = i == state.selectedNode
            // The headline, then the ticks until the node's next timer (the
            // election timer running down, as RaftScope's arcs show); where
            // that does not fit, the headline alone (shortened), then the name.
            let timer = core.ticksToNextTimer(node).map { " \(g.timeout)\($0)" } ?? ""
            let headline = down ? String(g.crash) + " crashed" : core.headline(of: node)
            // One blank between neighbours, even beside the selection mark.
            let room = max(1, spacing - 2)
            var (label, fit) = headerLabel(name, headline, timer, mark: selected ? String(g.selected) : "",
                                           down: down, room: room)
            // Where the mark would cost the selected node part of what the
            // others show (`▸A lead…` beside `B fol t2`), it goes, and the
            // selection is shown in reverse video, which reads without colour too.
            var reverse = false
            if selected {
                let bare = headerLabel(name, headline, timer, mark: "", down: down, room: room)
                if bare.fit > fit { (label, fit, reverse) = (bare.label, bare.fit, true) }
            }
            let marked = selected && !reverse
            let x = max(rect.x, column(i) - (marked ? 1 : 0) - max(0, (TextWidth.of(label) - name.count) / 2))
            let style = state.style(down ? .red : (selected ? .cyan : .normal), bold: true, reverse: reverse)
            screen.write(label, x: x, y: rect.y, style: style, maxX: min(rect.maxX, x + room))
        }
        guard showsText else { return }
        let hint = state.cursor == nil ? "latest" : "event \(state.focusRow + 1)/\(core.eventCount)"
        screen.write(g.text(hint), x: textX, y: rect.y, style: state.style(.gray, dim: true), maxX: rect.maxX)
    }

    /// A lifeline's header in `room` columns, and how much of it is kept:
    /// 3 all (the selected node's words may be shortened to keep its timer
    /// gauge beside the mark), 2 the headline without the gauge, 1 the
    /// headline's words shortened, 0 cut.
    private func headerLabel(_ name: String, _ headline: String, _ timer: String, mark: String, down: Bool,
                             room: Int) -> (label: String, fit: Int) {
        let lead = mark + name + " "
        let full = g.text(lead + headline + timer)
        if TextWidth.of(full) <= room { return (full, 3) }
        // The selection mark must not cost the selected node its gauge where
        // the others keep theirs: its words are cut as the others' are
        // (`lead t1`), never the number (a clipped `leader …` hid the term).
        if !mark.isEmpty, TextWidth.of(full) - TextWidth.of(mark) <= room,
           let head = Self.abbreviated(headline, to: room - TextWidth.of(g.text(lead + timer))) {
            return (g.text(lead + head + timer), 3)
        }
        let short = g.text(lead + headline)
        if TextWidth.of(short) <= room { return (short, 2) }
        // A crashed node keeps its ✕ rather than a cut word.
        if let head = down ? String(g.crash) : Self.abbreviated(headline, to: room - TextWidth.of(g.text(lead))) {
            return (g.text(lead) + g.text(head), 1)
        }
        // Cut only where a few letters stay (`B de…` said nothing): else the name alone.
        let cut = room >= TextWidth.of(mark + name) + 6 ? TextWidth.clip(short, to: room, ellipsis: g.ellipsis)
            : g.text(mark + name)
        return (cut, 0)
    }

    /// `headline` with its words of letters only cut to their first four
    /// letters, then three (`foll t2`, `cand t3`, `lead t2`, `prep 2.A`),
    /// the numbers kept whole, if that fits in `width` columns; else nil.
    /// Why: a clipped `follower t2` reads `follow…` and loses the term,
    /// which is what the header is for.
    static func abbreviated(_ headline: String, to width: Int) -> String? {
        let words = headline.split(separator: " ").map(String.init)
        for letters in [4, 3] {
            let short = words.map { w in w.allSatisfy(\.isLetter) && w.count > letters ? String(w.prefix(letters)) : w }
                .joined(separator: " ")
            if short != headline, TextWidth.of(short) <= width { return short }
        }
        return nil
    }

    private func drawBanner(_ screen: inout ScreenBuffer) {
        let first = core.firstViolationEvent
        let step = first.map { core.event($0).step } ?? core.step
        let text = " \(g.bad) VIOLATION " + core.violated.joined(separator: ", ") + " at step \(step) "
        screen.fill(Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 1), with: " ",
                    style: state.style(.red, bold: true, reverse: true))
        screen.write(g.text(text), x: rect.x, y: rect.y + 1, style: state.style(.red, bold: true, reverse: true),
                     maxX: rect.maxX)
    }

    private func drawEmpty(_ screen: inout ScreenBuffer) {
        // What to press for this protocol; in a lesson, only what the lesson asks.
        guard state.lesson == nil else { return }
        let node = core.cluster.names[state.selectedNode]
        var parts: [String] = []
        if core.descriptor.hasTimer { parts.append("t fires \(node)'s timer") }
        if let request = state.defaultRequest { parts.append("a makes a request (\(request))") }
        parts.append(": runs any command, h gives a tip")
        // One item a row, so nothing is cut.
        let lines = ["Nothing yet."] + parts.map { "  " + $0 }
        for (i, line) in lines.prefix(visibleRows).enumerated() {
            screen.write(g.text(line), x: rect.x + 1, y: firstRowY + i, style: state.style(.gray), maxX: rect.maxX)
        }
    }

    private func drawLifelines(_ screen: inout ScreenBuffer, rows: Range<Int>) {
        // Styles, glyphs and columns once, not per cell (a long export draws
        // every row of the run).
        let up = state.style(.gray, dim: true), down = state.style(.red)
        let upGlyph = g.lifeline, downGlyph = g.crashedLifeline
        let index = state.index
        let columns = (0..<core.cluster.count).map(column)
        for row in rows {
            let yy = y(row)
            for (node, x) in columns.enumerated() {
                let isDown = index.isDown(node, at: row)
                screen.put(isDown ? downGlyph : upGlyph, x: x, y: yy, style: isDown ? down : up)
            }
        }
    }
}
