/// Everything that reaches a terminal passes through here (the diagram, the
/// command line's messages, the text trace): control characters, escape
/// sequences and bidirectional overrides are shown as visible symbols
/// (`␛[2J`), never emitted. Lives in Sim, the lowest module, so every layer
/// that prints uses the same one.
public enum Sanitize {
    public static func visible(_ text: String) -> String {
        // Nearly all text is clean: check before building a copy.
        if !text.unicodeScalars.contains(where: needsEscape) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(contentsOf: visible(scalar))
        }
        return out
    }

    /// The same, line by line: newlines are kept, everything else escaped.
    public static func visibleLines(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: { $0 != "\n" && needsEscape($0) }) { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { visible(String($0)) }.joined(separator: "\n")
    }

    /// A control character (C0, DEL, C1) or a bidirectional control.
    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func visible(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
        switch s.value {
        case 0x00...0x1F: return [Unicode.Scalar(0x2400 + s.value)!]   // ␀ … ␟ (␛ for ESC)
        case 0x7F: return ["\u{2421}"]                                      // ␡
        case 0x80...0x9F: return ["\u{FFFD}"]                               // C1 controls
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return ["\u{FFFD}"]  // bidi controls
        default: return [s]
        }
    }
}

