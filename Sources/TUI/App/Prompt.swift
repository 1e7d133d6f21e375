/// A line the user is typing in the footer: the ticks of a delay (`L`), or
/// a scenario command (`:`, and `a` prefilled with the selected node's
/// client request).
public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Digits only: how many ticks to delay the selected message.
        case ticks
        /// Any scenario command of this cluster (DESIGN.md §4).
        case command
        /// A query for the explorer to reach (`/`), or nothing: a violation.
        case goal
    }

    public var kind: Kind
    public var text: String
    /// Why the last enter did not run the text, and the column (from 1,
    /// within `text`) it points at.
    public var error: PromptError? = nil
    /// What tab found when it could not decide alone.
    public var candidates: [String] = []
    /// Where ↑ and ↓ are in the command history; nil: the line being typed.
    public var historyIndex: Int? = nil

    /// At most this many characters (a scenario line is short; a paste of a
    /// whole file is cut, not stored).
    public static let lengthMax = 200

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }
}

public struct PromptError: Equatable, Sendable {
    public let message: String
    public let column: Int
}
