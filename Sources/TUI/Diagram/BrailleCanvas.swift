/// A grid of terminal cells drawn at sub-cell resolution with Unicode braille
/// patterns: each cell is 2 dots wide and 4 dots tall (U+2800 + bits), the
/// technique of drawille and ratatui's Canvas. Straight lines of any slope
/// stay one visible stroke, so a message's send and receive are joined by a
/// line the eye can follow instead of a staircase.
///
/// The canvas also records which message owns each cell (the last line
/// drawn through it, or `shared` where two cross), for tests and for
/// restyling the selected message's whole line.
struct BrailleCanvas {
    let width: Int
    let height: Int
    /// Dot bits per cell (bit order of the Unicode braille block).
    private(set) var bits: [UInt8]
    /// Per cell: the message drawn there, `shared` when two are, `none` if empty.
    private(set) var owner: [Int]
    /// Per cell: a dot of the highlighted message (selected, under the cursor) is here.
    private(set) var highlighted: [Bool]
    /// Per cell: a dot of a solid (not dashed) line is here.
    private(set) var solid: [Bool]
    /// Per cell: the message whose style the cell takes (a highlighted line
    /// wins a crossing, otherwise the last drawn).
    private(set) var paint: [Int]
    static let none = 0
    static let shared = -1

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
        owner = Array(repeating: Self.none, count: self.width * self.height)
        highlighted = Array(repeating: false, count: self.width * self.height)
        solid = Array(repeating: false, count: self.width * self.height)
        paint = Array(repeating: Self.none, count: self.width * self.height)
    }

    /// Bits of the dot at (column within the cell, row within the cell).
    private static let dotBit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    var dotWidth: Int { width * 2 }
    var dotHeight: Int { height * 4 }

    /// Set one dot, in dot coordinates; off-canvas dots are ignored.
    mutating func set(dotX x: Int, dotY y: Int, owner id: Int, highlight: Bool = false, solid isSolid: Bool = true) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * width + x / 2
        bits[cell] |= Self.dotBit[x % 2][y % 4]
        if highlight || !highlighted[cell] { paint[cell] = id }
        if highlight { highlighted[cell] = true }
        if isSolid { solid[cell] = true }
        let current = owner[cell]
        owner[cell] = current == Self.none || current == id ? id : Self.shared
    }

    /// A straight line between two dots (Bresenham): every dot on it, each
    /// step moving one dot in x, y or both. `dashed` leaves gaps of two
    /// dots in every four, for messages still in flight. Bounded by the
    /// longer side's length.
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), owner id: Int, dashed: Bool = false,
                       highlight: Bool = false) {
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var err = dx + dy
        var (x, y) = a
        var n = 0
        for _ in 0...(dx - dy) {
            if !dashed || n % 4 < 2 { set(dotX: x, dotY: y, owner: id, highlight: highlight, solid: !dashed) }
            n += 1
            if x == b.x && y == b.y { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// The braille character of a cell, or nil when it has no dots.
    func character(x: Int, y: Int) -> Character? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let b = bits[y * width + x]
        guard b != 0 else { return nil }
        return Character(Unicode.Scalar(0x2800 + UInt32(b))!)
    }

    func isSolid(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return solid[y * width + x]
    }

    func isHighlighted(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return highlighted[y * width + x]
    }

    func owner(x: Int, y: Int) -> Int {
        guard x >= 0, y >= 0, x < width, y < height else { return Self.none }
        return owner[y * width + x]
    }

    /// The message whose style cell (x, y) takes, or `none`.
    func painter(x: Int, y: Int) -> Int {
        guard x >= 0, y >= 0, x < width, y < height else { return Self.none }
        return paint[y * width + x]
    }

    /// Mark a cell as drawn by `id` without dots (an arrowhead drawn over it).
    mutating func claim(x: Int, y: Int, owner id: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        bits[y * width + x] = 0
        owner[y * width + x] = id
    }
}
