import Protocols
import Scenario
import Sim

/// Parses a lesson file (lessons/README.md is the format guide) and checks
/// every command in it against the scenario language.
public enum LessonParser {
    public static func parse(file: String, bytes: [UInt8]) -> Result<Lesson, LessonError> {
        switch ScenarioText.decode(file: file, bytes: bytes) {
        case .failure(let e):
            let d = e.diagnostics[0]
            return .failure(LessonError(file: file, line: d.line, column: d.column,
                                        message: d.message.replacingScenarioWord()))
        case .success(let text):
            return parse(file: file, text: text)
        }
    }

    public static func parse(file: String, text: String) -> Result<Lesson, LessonError> {
        var parser = Parser(file: file, lines: TextLines.split(text).map(String.init))
        do {
            return .success(try parser.run())
        } catch {
            return .failure(error)
        }
    }
}

extension String {
    func replacingScenarioWord() -> String {
        guard let i = self.indices.first(where: { self[$0...].hasPrefix("a scenario") }) else { return self }
        return String(self[..<i]) + "a lesson" + String(self[self.index(i, offsetBy: 10)...])
    }
}

struct Parser {
    let file: String
    let lines: [String]
    var items: [LessonItem] = []
    var itemLines: [Int] = []
    var clusterLine: String? = nil
    var cluster: ClusterInfo? = nil
    var protocolID = ""

    init(file: String, lines: [String]) {
        self.file = file
        self.lines = lines
    }

    func error(_ line: Int, _ column: Int, _ message: String) -> LessonError {
        LessonError(file: file, line: line, column: column, message: message)
    }

    mutating func run() throws(LessonError) -> Lesson {
        let (meta, bodyStart) = try frontMatter()
        protocolID = meta.protocolID
        var paragraph: [String] = []
        var paragraphLine = 0
        var blockStart: Int? = nil
        func flush(_ p: inout [String], _ items: inout [LessonItem], _ lines: inout [Int], _ at: Int) {
            if !p.isEmpty { items.append(.prose(p.joined(separator: " "))); lines.append(at) }
            p = []
        }
        for index in bodyStart..<lines.count {
            let number = index + 1
            let line = lines[index]
            let trimmed = line.trimmingCharacters()
            if let start = blockStart {
                if trimmed == "```" { blockStart = nil; _ = start; continue }
                try blockLine(line, number: number, protocolID: meta.protocolID)
                continue
            }
            if trimmed == "```baton" {
                flush(&paragraph, &items, &itemLines, paragraphLine)
                blockStart = number
            } else if trimmed.isEmpty {
                flush(&paragraph, &items, &itemLines, paragraphLine)
            } else {
                // A heading or a list item starts a paragraph of its own.
                let startsItem = trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                    || (trimmed.first?.isNumber == true && trimmed.dropFirst().prefix(2).contains("."))
                if startsItem { flush(&paragraph, &items, &itemLines, paragraphLine) }
                if paragraph.isEmpty { paragraphLine = number }
                paragraph.append(trimmed)
                if trimmed.hasPrefix("#") { flush(&paragraph, &items, &itemLines, paragraphLine) }
            }
        }
        if let start = blockStart {
            throw error(start, 1, "unterminated ```baton block: close it with a line of ```")
        }
        flush(&paragraph, &items, &itemLines, paragraphLine)
        guard let clusterLine else {
            throw error(bodyStart + 1, 1, "the lesson has no ```baton block with a `cluster` line")
        }
        return Lesson(file: file, meta: meta, items: items, lines: itemLines, clusterLine: clusterLine)
    }

    // MARK: front matter

    func frontMatter() throws(LessonError) -> (LessonMeta, Int) {
        guard lines.first?.trimmingCharacters() == "---" else {
            throw error(1, 1, "a lesson starts with front matter: a line `---`, then id, title, protocol, "
                        + "primitives and order, then `---`")
        }
        var values: [String: (String, Int)] = [:]
        var end: Int? = nil
        for index in 1..<lines.count {
            let line = lines[index]
            if line.trimmingCharacters() == "---" { end = index; break }
            if line.trimmingCharacters().isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw error(index + 1, 1, "expected `key: value` in the front matter, found `\(line.prefix(40))`")
            }
            let key = line[..<colon].trimmingCharacters()
            let known = ["id", "title", "protocol", "primitives", "order"]
            guard known.contains(key) else {
                throw error(index + 1, 1, "unknown front matter key `\(key)`; keys are " + known.joined(separator: ", "))
            }
            values[key] = (line[line.index(after: colon)...].trimmingCharacters(), index + 1)
        }
        guard let end else { throw error(1, 1, "the front matter is not closed by a line `---`") }
        for key in ["id", "title", "protocol", "primitives", "order"] where values[key]?.0.isEmpty ?? true {
            throw error(end + 1, 1, "the front matter lacks `\(key)`")
        }
        let (id, idLine) = values["id"]!
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw error(idLine, 5, "a lesson id uses letters, digits and `-` only")
        }
        let (protocolID, protocolLine) = values["protocol"]!
        guard ProtocolCatalog.entry(id: protocolID) != nil else {
            throw error(protocolLine, 11, "unknown protocol `\(protocolID)`; protocols are "
                        + ProtocolCatalog.ids.joined(separator: ", "))
        }
        let (orderText, orderLine) = values["order"]!
        guard let order = Int(orderText), order >= 0 else {
            throw error(orderLine, 8, "`order` must be a whole number, found `\(orderText)`")
        }
        let (primitivesText, primitivesLine) = values["primitives"]!
        let primitives = primitivesText.split(separator: ",").map { $0.trimmingCharacters() }
        for code in primitives where Primitive(code: code) == nil && Trick(rawValue: code) == nil {
            throw error(primitivesLine, 13, "unknown primitive `\(code)`; codes are 1a to 7b (baton primitives)")
        }
        return (LessonMeta(id: id, title: values["title"]!.0, protocolID: protocolID, primitives: primitives,
                           order: order), end + 1)
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
