extension Parser {
    /// `quiz "<question>" choices=a,b,"c d" answer=b [why="..."]`
    mutating func quizLine(_ t: [LessonTokens.Token], number: Int) throws(LessonError) {
        guard t.count >= 2, t[1].quoted else {
            throw error(number, t.count > 1 ? t[1].column : t[0].column + 5,
                        "a quiz starts with its question in quotes: quiz \"...\" choices=a,b answer=a")
        }
        var choices: [String]? = nil
        var answer: LessonTokens.Token? = nil
        var why: String? = nil
        for token in t.dropFirst(2) {
            if token.text.hasPrefix("choices=") {
                choices = LessonTokens.list(String(token.text.dropFirst(8)))
            } else if token.text.hasPrefix("answer=") {
                answer = token
            } else if token.text.hasPrefix("why=") {
                why = String(token.text.dropFirst(4))
            } else {
                throw error(number, token.column, "unexpected `\(token.text)` in a quiz; it takes choices=, answer= "
                            + "and why=")
            }
        }
        guard let choices, choices.count >= 2 else {
            throw error(number, t[0].column, "a quiz needs at least two choices: choices=a,b")
        }
        guard choices.count <= 9 else { throw error(number, t[0].column, "a quiz has at most 9 choices") }
        guard let answer else { throw error(number, t[0].column, "a quiz needs answer=<one of the choices>") }
        let value = LessonTokens.list(String(answer.text.dropFirst(7))).first ?? ""
        guard let index = choices.firstIndex(of: value) else {
            throw error(number, answer.column + 7, "the answer `\(value)` is not one of the choices: "
                        + choices.joined(separator: ", "))
        }
        append(.quiz(Quiz(question: t[1].text, choices: choices, answer: index, why: why), hint: nil), number)
    }

    /// `hint "<text>"`, for the wait or quiz just before it.
    mutating func hintLine(_ t: [LessonTokens.Token], number: Int) throws(LessonError) {
        guard t.count == 2, t[1].quoted, !t[1].text.isEmpty else {
            throw error(number, t[0].column, "a hint is one quoted text: hint \"...\"")
        }
        guard let last = items.last else { throw error(number, t[0].column, "a hint follows a wait or a quiz") }
        switch last {
        case .wait(let action, let solve, nil, let name):
            items[items.count - 1] = .wait(action, solve: solve, hint: t[1].text, name: name)
        case .quiz(let quiz, nil): items[items.count - 1] = .quiz(quiz, hint: t[1].text)
        default: throw error(number, t[0].column, "a hint follows a wait or a quiz (one hint each)")
        }
    }
}

/// Words of a lesson command: spaces separate them, double quotes group,
/// `key="value with spaces"` stays one word (without the quotes).
enum LessonTokens {
    struct Token {
        let text: String
        let column: Int
        let line: Int
        let quoted: Bool
    }

    static func split(_ line: String, line number: Int, file: String) throws(LessonError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" || chars[i] == "\r" { i += 1; continue }
            if chars[i] == "#" && (tokens.isEmpty || !(i + 1 < chars.count && chars[i + 1].isNumber)) { break }
            let start = i
            var text = ""
            var quoted = false
            while i < chars.count && chars[i] != " " && chars[i] != "\t" {
                if chars[i] == "\"" {
                    quoted = true
                    let open = i
                    i += 1
                    while i < chars.count && chars[i] != "\"" { text.append(chars[i]); i += 1 }
                    guard i < chars.count else {
                        throw LessonError(file: file, line: number, column: open + 1, message: "unterminated quoted text")
                    }
                    i += 1
                } else {
                    text.append(chars[i])
                    i += 1
                }
            }
            tokens.append(Token(text: text, column: start + 1, line: number, quoted: quoted && start == i - text.count - 2))
        }
        return tokens
    }

    /// `a,b,"c, d"` → ["a", "b", "c, d"] (quotes already removed by `split`
    /// only when the whole token was quoted, so handle inner quotes here).
    static func list(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var inQuotes = false
        for c in text {
            if c == "\"" { inQuotes.toggle(); continue }
            if c == "," && !inQuotes { items.append(current); current = ""; continue }
            current.append(c)
        }
        items.append(current)
        return items.map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
    }
}
