/// A problem in a scenario, located for the user: `file:line:column: message`.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Every problem found in one file.
public struct ScenarioErrors: Error, Sendable {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

/// A parse or run error before the file name is attached.
struct LocatedError: Error {
    let column: Int
    let message: String

    init(_ column: Int, _ message: String) {
        self.column = column
        self.message = message
    }
}

/// Close-match suggestions for unknown names ("did you mean `step`?").
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        // One letter is one edit from every other: only its other case is a hint.
        guard word.count > 1 else { return nil }
        let limit = max(1, min(3, word.count / 3 + 1))
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d <= limit && d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0 ?? part(word, candidates)
    }

    /// The one candidate that has `word` as a whole part of its camel-case
    /// name (`role` → `currentRole`, `acked` → `ackedLength`), or nil when
    /// none or several do. Why: seed names are compounds, and a learner
    /// often types the part that matters.
    static func part(_ word: String, _ candidates: [String]) -> String? {
        guard word.count >= 3 else { return nil }
        let lowered = word.lowercased()
        let matches = candidates.filter { candidate in
            camelParts(candidate).contains { $0 == lowered }
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// `currentRole` → `current`, `role`; `prefix-len` → `prefix`, `len`; lowercased.
    static func camelParts(_ name: String) -> [String] {
        var parts: [String] = [], part = ""
        // Bounded by the name's length.
        for c in name {
            if c.isUppercase, !part.isEmpty { parts.append(part); part = "" }
            if c.isLetter || c.isNumber { part.append(Character(c.lowercased())) } else if !part.isEmpty {
                parts.append(part)
                part = ""
            }
        }
        if !part.isEmpty { parts.append(part) }
        return parts
    }

    /// " (did you mean `x`?)" or "".
    static func hint(_ word: String, _ candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean `\($0)`?)" } ?? ""
    }

    /// Optimal string alignment distance: Levenshtein plus one for swapping
    /// two neighbours (`sned` is one step from `send`, two from `step`).
    /// Inputs are short (names, commands), bounded by the caller.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
