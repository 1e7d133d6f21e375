/// Colours the UI uses, by meaning; the terminal maps them to pairs.
public enum Color: UInt8, Sendable, CaseIterable {
    case normal, red, green, yellow, blue, magenta, cyan, gray
}

/// How a cell is drawn. Colour is never the only signal: every coloured
/// element also has a glyph or attribute, so NO_COLOR screens still read.
public struct Style: Equatable, Sendable {
    public var color: Color = .normal
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(color: Color = .normal, bold: Bool = false, dim: Bool = false, reverse: Bool = false,
                underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

/// One terminal column: a character (never a control character) and a style.
/// A wide character occupies its cell and marks the next one `continuation`.
public struct Cell: Equatable, Sendable {
    public var char: Character
    public var style: Style
    public var continuation = false

    public init(_ char: Character, _ style: Style = .plain) {
        self.char = char
        self.style = style
    }

    public static let blank = Cell(" ")
}
