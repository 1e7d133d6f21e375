import Sim

/// A word of a scenario line with its 1-based column (in characters).
struct Token: Equatable {
    let text: String
    let column: Int
    /// Came from a "quoted string".
    let quoted: Bool
}

/// Splits one line into tokens. `#` starts a comment, except `#<digits>`
/// after the first word, which names a message (`deliver #7`). Double
/// quotes group words into one token (`local A "first step"`). A control
/// character outside a comment is an error (DESIGN §4): labels and node
/// names are shown on terminals and written into shared files.
enum Tokenizer {
    static func tokenize(_ line: Substring) throws(LocatedError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\r" {
                i += 1
                continue
            }
            if c == "#" {
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if tokens.isEmpty || !next.isASCII || !next.isNumber { break }
            }
            if c == "\"" {
                let start = i
                i += 1
                var text = ""
                while i < chars.count && chars[i] != "\"" {
                    text.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw LocatedError(start + 1, "unterminated quoted string") }
                i += 1
                tokens.append(Token(text: text, column: start + 1, quoted: true))
                continue
            }
            let start = i
            while i < chars.count && chars[i] != " " && chars[i] != "\t" && chars[i] != "\r" && chars[i] != "\"" {
                i += 1
            }
            tokens.append(Token(text: String(chars[start..<i]), column: start + 1, quoted: false))
        }
        try checkPrintable(tokens)
        return tokens
    }

    /// No token holds a control character (comments may).
    private static func checkPrintable(_ tokens: [Token]) throws(LocatedError) {
        for token in tokens {
            for (offset, char) in token.text.enumerated() {
                guard let bad = char.unicodeScalars.first(where: Sanitize.needsEscape) else { continue }
                let code = String(bad.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                throw LocatedError(token.column + offset + (token.quoted ? 1 : 0),
                                   "control character U+\(padded) is not allowed: labels and node names must be "
                                   + "printable text")
            }
        }
    }
}
