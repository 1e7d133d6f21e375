import Export
import Sim

/// The space-time diagram: one lifeline per node, one row per event, each
/// message an arrow from its send row to its receive row (stepped when the
/// rows differ), the event's one-line description on the right.
struct DiagramView {
    let state: AppState
    let rect: Rect
    /// Due times of messages in flight, looked up per row.
    let due: [MessageID: Tick]
    /// For exports: draw from this row instead of following the cursor.
    var topOverride: Int? = nil

    init(state: AppState, rect: Rect, top: Int? = nil) {
        self.state = state
        self.rect = rect
        self.topOverride = top
        var due: [MessageID: Tick] = [:]
        for f in state.core.inflight { due[f.id] = f.due }
        self.due = due
    }

    var core: any SessionCore { state.core }
    var g: Glyphs { state.glyphs }

    /// Columns: the lifeline zone, then the text zone.
    var spacing: Int {
        let n = core.cluster.count
        let zone = min(n * 9, max(n * 4, rect.width * 2 / 5))
        return max(3, zone / n)
    }

    func column(_ node: Int) -> Int { rect.x + 1 + spacing / 2 + node * spacing }
    var textX: Int { rect.x + 2 + spacing * core.cluster.count }

    var bannerRows: Int { core.violated.isEmpty || topOverride != nil ? 0 : 1 }
    var firstRowY: Int { rect.y + 1 + bannerRows }
    var visibleRows: Int { max(0, rect.height - 1 - bannerRows) }

    /// The first event row shown: when following, the view jumps half a
    /// page each time the latest event reaches the bottom; otherwise the
    /// cursor is in the middle.
    ///
    /// Why jump: scrolling one row per event moves every diagram row, so each
    /// step would redraw most of the screen (2.5 KB a step over SSH); a jump
    /// leaves the rows in place and a step writes only what is new.
    var top: Int {
        if let topOverride { return topOverride }
        let count = core.eventCount
        let v = visibleRows
        guard count > v else { return 0 }
        if state.cursor == nil {
            let page = max(1, v / 2)
            let top = (count - v + page - 1) / page * page
            assert(top <= count - 1 && count - 1 - top < v, "the latest event must be visible")
            return top
        }
        return min(max(0, state.focusRow - v / 2), count - v)
    }

    func draw(_ screen: inout ScreenBuffer) {
        drawHeader(&screen)
        if bannerRows > 0 { drawBanner(&screen) }
        let rows = top..<min(core.eventCount, top + visibleRows)
        for row in rows { drawLifelines(&screen, row: row) }
        if rows.isEmpty { drawEmpty(&screen) }
        for id in state.index.messages(touching: rows) { drawArrow(&screen, id: id, rows: rows) }
        for row in rows { drawEvent(&screen, row: row) }
        if state.cursor != nil, rows.contains(state.focusRow) {
            screen.restyle(y: y(state.focusRow), from: textX, to: rect.maxX) { $0.reverse = true }
        }
    }

    func y(_ row: Int) -> Int { firstRowY + row - top }

    private func drawHeader(_ screen: inout ScreenBuffer) {
        for (i, name) in core.cluster.names.enumerated() {
            let down = core.isCrashed(NodeID(i))
            let label = (i == state.selectedNode ? String(g.selected) : "") + name + (down ? String(g.crash) : "")
            let x = column(i) - (i == state.selectedNode ? 1 : 0)
            screen.write(g.text(label), x: x, y: rect.y, style: state.style(down ? .red : .normal, bold: true),
                         maxX: rect.maxX)
        }
        let hint = state.cursor == nil ? "latest" : "event \(state.focusRow + 1)/\(core.eventCount)"
        screen.write(g.text(hint), x: textX, y: rect.y, style: state.style(.gray, dim: true), maxX: rect.maxX)
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
        let hint = state.core.descriptor.hasTimer
            ? "Nothing yet. Press t to fire the selected node's timer, or space to wait for one."
            : "Nothing yet. Start the run from a scenario, or press space."
        screen.write(g.text(hint), x: rect.x + 1, y: firstRowY, style: state.style(.gray), maxX: rect.maxX)
    }

    private func drawLifelines(_ screen: inout ScreenBuffer, row: Int) {
        for node in 0..<core.cluster.count {
            let down = state.index.isDown(node, at: row)
            screen.put(down ? g.crashedLifeline : g.lifeline, x: column(node), y: y(row),
                       style: state.style(down ? .red : .gray, dim: !down))
        }
    }
}
