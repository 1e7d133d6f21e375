/// Number parsing with bounds and located errors.
enum Numbers {
    static func int(_ text: String, column: Int, min: Int, max: Int, what: String) throws(LocatedError) -> Int {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), text.count <= 18,
              let n = Int(text) else {
            throw LocatedError(column, "bad \(what) `\(text)`: expected a whole number from \(min) to \(max)")
        }
        guard n >= min && n <= max else {
            throw LocatedError(column, "\(what) \(n) is out of range: expected \(min) to \(max)")
        }
        return n
    }

    static func seed(_ text: String, column: Int) throws(LocatedError) -> UInt64 {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt64(text) else {
            throw LocatedError(column, "bad seed `\(text)`: expected a whole number from 0 to \(UInt64.max)")
        }
        return n
    }

    /// `1%` or `0.5%`, as messages per million.
    static func percent(_ text: String, column: Int) throws(LocatedError) -> Int {
        let bad = LocatedError(column, "bad loss `\(text)`: expected a percentage from 0% to 100%, like `1%`")
        guard text.hasSuffix("%") else { throw bad }
        let number = text.dropLast()
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !parts[0].isEmpty, parts[0].count <= 3 else { throw bad }
        let whole = Int(parts[0])!
        var fraction = parts.count == 2 ? String(parts[1].prefix(4)) : ""
        while fraction.count < 4 { fraction += "0" }
        let perMillion = whole * 10_000 + Int(fraction)!
        guard perMillion <= 1_000_000 else { throw bad }
        return perMillion
    }
}
