import Sim

/// The state strip (`S`), under the diagram: one row per node with the
/// protocol's main state side by side (`StripRow`). For Raft, every log as
/// RaftScope draws them: entries coloured by term, the term written where it
/// changes (so it reads without colour), the commit point `┃`, and the
/// leader's sentLength and ackedLength.
struct StateStripView {
    let state: AppState
    let rect: Rect

    var core: any SessionCore { state.core }
    var g: Glyphs { state.glyphs }

    /// The diagram's rect and the strip's, when the strip is on: a rule and
    /// one row per node, never more than half the diagram's height.
    static func split(_ rect: Rect, state: AppState) -> (Rect, Rect?) {
        guard state.stateStrip else { return (rect, nil) }
        let rows = min(state.core.cluster.count + 1, rect.height / 2)
        guard rows >= 2 else { return (rect, nil) }
        return (Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - rows),
                Rect(x: rect.x, y: rect.maxY - rows, width: rect.width, height: rows))
    }

    func draw(_ screen: inout ScreenBuffer) {
        let rule = state.style(.gray)
        for x in rect.x..<rect.maxX { screen.put(g.boxH, x: x, y: rect.y, style: rule) }
        let rows = (0..<core.cluster.count).map { core.strip(of: NodeID($0), entriesMax: rect.width) }
        let legend = rows.contains { $0.committed != nil }
            ? " state (S hides) · tN: entries of term N · \(g.commit) commit point " : " state (S hides) "
        screen.write(g.text(legend), x: rect.x + 1, y: rect.y, style: state.style(.gray), maxX: rect.maxX)
        let nameWidth = core.cluster.names.map(\.count).max() ?? 1
        for (i, row) in rows.prefix(rect.height - 1).enumerated() {
            drawRow(&screen, node: i, row: row, y: rect.y + 1 + i, nameWidth: nameWidth)
        }
    }

    private func drawRow(_ screen: inout ScreenBuffer, node: Int, row: StripRow, y: Int, nameWidth: Int) {
        let selected = node == state.selectedNode
        let down = core.isCrashed(NodeID(node))
        let name = (selected ? String(g.selected) : " ") + core.cluster.names[node]
        var x = screen.write(g.text(name), x: rect.x, y: y,
                             style: state.style(down ? .red : selected ? .cyan : .normal, bold: true))
        x = max(x, rect.x + 1 + nameWidth) + 1
        if down { x = screen.write(String(g.crash) + " ", x: x, y: y, style: state.style(.red, bold: true)) }
        let note = g.text(row.note)
        let noteWidth = TextWidth.of(note)
        let entriesMaxX = row.entries.isEmpty ? x : max(x, rect.maxX - (noteWidth > 0 ? noteWidth + 2 : 0))
        if !row.entries.isEmpty || row.committed != nil {
            x = drawEntries(&screen, row, x: x, y: y, maxX: entriesMaxX) + 1
        }
        // Cut with `…`: a note cut mid-word (`hold`) read as whole.
        screen.write(TextWidth.clip(note, to: max(0, rect.maxX - x - 1), ellipsis: g.ellipsis), x: x + 1, y: y,
                     style: state.style(.gray), maxX: rect.maxX)
    }

    /// The entries that fit, the latest kept: `t1 x y┃t2 z`.
    private func drawEntries(_ screen: inout ScreenBuffer, _ row: StripRow, x: Int, y: Int, maxX: Int) -> Int {
        let pieces = entryPieces(row)
        var total = 0
        var first = pieces.count
        let room = maxX - x - TextWidth.of(g.ellipsis)
        while first > 0, total + pieces[first - 1].width <= room {
            first -= 1
            total += pieces[first].width
        }
        var col = x
        if first > 0 || row.firstIndex > 0 {
            col = screen.write(g.ellipsis, x: col, y: y, style: state.style(.gray), maxX: maxX)
        }
        for piece in pieces[first...] {
            col = screen.write(piece.text, x: col, y: y, style: piece.style, maxX: maxX)
        }
        if row.entries.isEmpty { col = screen.write("(empty log)", x: col, y: y, style: state.style(.gray), maxX: maxX) }
        return col
    }

    private struct Piece { let text: String; let style: Style; var width: Int { TextWidth.of(text) } }

    /// Each entry with the term written before it where the term changes,
    /// and the commit mark after the last committed one.
    private func entryPieces(_ row: StripRow) -> [Piece] {
        var pieces: [Piece] = []
        var group: Int? = nil
        if row.committed == row.firstIndex { pieces.append(commitPiece) }
        for (k, entry) in row.entries.enumerated() {
            let hue = AppState.messageHues[entry.group % AppState.messageHues.count]
            let style = state.style(hue, bold: true)
            let prefix = entry.group != group ? "t\(entry.group) " : ""
            group = entry.group
            pieces.append(Piece(text: g.text(prefix + entry.text) + " ", style: style))
            if row.committed == row.firstIndex + k + 1 { pieces.append(commitPiece) }
        }
        return pieces
    }

    private var commitPiece: Piece { Piece(text: String(g.commit) + " ", style: state.style(.green, bold: true)) }
}
