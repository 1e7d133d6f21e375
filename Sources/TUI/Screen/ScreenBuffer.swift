import Sim
/// A frame: a grid of cells rendered from state alone. The terminal layer
/// copies it to the screen; tests compare it, as text, with snapshots.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Set by a widget whose rows show a list that scrolls (the diagram):
    /// the terminal layer may then move those rows with the terminal's own
    /// scrolling instead of rewriting them. Not part of the picture, so
    /// frames compare equal without it.
    public var scrollHint: ScrollHint? = nil

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
    }

    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0)
        self.width = width
        self.height = height
        cells = Array(repeating: .blank, count: width * height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Put one character at (x, y), clipped to the buffer.
    public mutating func put(_ c: Character, x: Int, y: Int, style: Style = .plain) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x] = Cell(c, style)
    }

    /// Write sanitized text from (x, y), clipped at `maxX` (exclusive) and the
    /// buffer edge. Returns the column after the last character written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var col = x
        for c in Sanitize.visible(text) {
            let w = TextWidth.of(c)
            if col + w > limit { break }
            if col >= 0 {
                cells[y * width + col] = Cell(c, style)
                if w == 2 {
                    var cont = Cell(" ", style)
                    cont.continuation = true
                    cells[y * width + col + 1] = cont
                }
            }
            col += w
        }
        return col
    }

    /// Fill a rectangle with a character.
    public mutating func fill(_ rect: Rect, with c: Character = " ", style: Style = .plain) {
        for y in rect.y..<(rect.y + rect.height) {
            for x in rect.x..<(rect.x + rect.width) { put(c, x: x, y: y, style: style) }
        }
    }

    /// Restyle a row span (e.g. to highlight a selection).
    public mutating func restyle(y: Int, from x0: Int, to x1: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for x in max(0, x0)..<min(width, x1) { change(&cells[y * width + x].style) }
    }

    /// The screen as lines of text, trailing spaces removed (for snapshots).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].continuation { line.append(cells[y * width + x].char) }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// A claim about a frame: screen rows `rows` show a list from item `offset`
/// on, laid out as `layout` says (any layout change breaks the claim). When
/// two frames in a row make the claim with the same rows and layout, their
/// rows' content differs by a shift of the offset difference, so a terminal
/// can scroll those rows and redraw only what is new. A wrong claim costs
/// bytes, never correctness: the terminal layer still writes every cell that
/// differs after the scroll.
public struct ScrollHint: Equatable, Sendable {
    public var rows: Range<Int>
    public var offset: Int
    public var layout: [Int]

    public init(rows: Range<Int>, offset: Int, layout: [Int]) {
        self.rows = rows
        self.offset = offset
        self.layout = layout
    }

    /// Lines to scroll up (positive) or down (negative) to go from the frame
    /// claimed by `previous` to this one; nil when a scroll cannot help.
    public func shift(from previous: ScrollHint?) -> Int? {
        guard let previous, previous.rows == rows, previous.layout == layout else { return nil }
        let delta = offset - previous.offset
        return delta != 0 && abs(delta) < rows.count ? delta : nil
    }
}
