extension Style {
    /// Whether a blank drawn in this style looks like any other blank: only
    /// reverse and underline show on a space (there are no background colours).
    public var showsOnBlank: Bool { reverse || underline }
}

extension ScreenBuffer {
    /// The style each cell is sent to the terminal in, row by row (`[y][x]`).
    ///
    /// A blank that shows nothing takes the style in force before it (in
    /// reading order, across rows), so the terminal is not switched to plain
    /// and back for the gaps between styled text: the dashes of an in-flight
    /// line, the spaces between words, the padding after a panel line. Each
    /// switch costs 10-25 bytes (`ESC ( B ESC [ 0 ; 2 m ESC [ 3 4 m`), which
    /// was a third of the bytes a step sends (issue 13). The picture does not
    /// change: only cells whose style shows nothing on a blank are restyled,
    /// and only to styles that show nothing on a blank.
    public func terminalStyles() -> [[Style]] {
        var inForce = Style.plain
        var rows: [[Style]] = []
        rows.reserveCapacity(height)
        for y in 0..<height {
            var row: [Style] = []
            row.reserveCapacity(width)
            for x in 0..<width {
                let cell = self[x, y]
                if cell.char == " ", !cell.continuation, !cell.style.showsOnBlank, !inForce.showsOnBlank {
                    row.append(inForce)
                } else {
                    row.append(cell.style)
                    inForce = cell.style
                }
            }
            rows.append(row)
        }
        return rows
    }
}
