/// A word of a scenario line with its 1-based column (in characters).
struct Token: Equatable {
    let text: String
    let column: Int
    /// Came from a "quoted string".
    let quoted: Bool
}

/// Splits one line into tokens. `#` starts a comment, except `#<digits>`
/// after the first word, which names a message (`deliver #7`). Double
/// quotes group words into one token (`local A "first step"`).
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
        return tokens
    }
}
