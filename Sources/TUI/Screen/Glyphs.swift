/// The drawing characters, in Unicode or (without UTF-8) plain ASCII.
public struct Glyphs: Sendable, Equatable {
    public let lifeline: Character
    public let crashedLifeline: Character
    public let horizontal: Character
    public let dashed: Character
    public let cross: Character
    public let sendRight: Character
    public let sendLeft: Character
    public let headRight: Character
    public let headLeft: Character
    public let openHeadRight: Character
    public let openHeadLeft: Character
    /// The commit point in the state strip (entries before it are committed).
    public let commit: Character
    public let lost: Character
    public let local: Character
    public let timeout: Character
    public let deliver: Character
    public let crash: Character
    public let restart: Character
    public let note: Character
    public let arrow: String
    public let ok: Character
    public let bad: Character
    public let selected: Character
    public let boxH: Character
    public let boxV: Character
    public let ellipsis: String

    public static let unicode = Glyphs(
        lifeline: "│", crashedLifeline: "┆", horizontal: "─", dashed: "╌", cross: "┼", sendRight: "├",
        sendLeft: "┤", headRight: "▶", headLeft: "◀", openHeadRight: "▷", openHeadLeft: "◁",
        commit: "┃", lost: "╳",
        local: "●", timeout: "◎", deliver: "◆", crash: "✕", restart: "↻", note: "·", arrow: "→", ok: "✓", bad: "✗",
        selected: "▸", boxH: "─", boxV: "│", ellipsis: "…")

    public static let ascii = Glyphs(
        lifeline: "|", crashedLifeline: ":", horizontal: "-", dashed: ".", cross: "+", sendRight: "+",
        sendLeft: "+", headRight: ">", headLeft: "<", openHeadRight: ">", openHeadLeft: "<",
        commit: "|", lost: "X",
        local: "o", timeout: "@", deliver: "*", crash: "X", restart: "R", note: ".", arrow: "->", ok: "+", bad: "!",
        selected: ">", boxH: "-", boxV: "|", ellipsis: "...")
}

extension Glyphs {
    public var isASCII: Bool { self == .ascii }

    /// Text for the screen in this glyph set: in ASCII mode, arrows and
    /// symbols become ASCII and anything else outside ASCII becomes `?`.
    public func text(_ s: String) -> String {
        guard isASCII else { return s }
        var out = ""
        for c in s {
            switch c {
            case "→": out += "->"
            case "←": out += "<-"
            case "∥": out += "||"
            case "·": out += "."
            case "…": out += "..."
            case "⟨": out += "<"
            case "⟩": out += ">"
            case "✓": out += "+"
            case "✗": out += "!"
            default: out.append(c.isASCII ? c : "?")
            }
        }
        return out
    }
}
