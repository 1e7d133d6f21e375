import Protocols
import Sim

/// A scenario checked and ready to run.
public struct ParsedScenario: Sendable {
    public let file: String
    public let cluster: ClusterSpec
    public let entry: ProtocolEntry
    public let lines: [ScenarioLine]
}

/// Parses the scenario language of DESIGN.md §4. The whole file is checked
/// before anything runs, so a typo on line 40 is reported without running
/// lines 1 to 39.
public enum ScenarioParser {
    static let lessonWords = ["pause", "wait", "quiz", "hint"]
    static let diagnosticsMax = 20

    public static func parse(file: String, text: String) -> Result<ParsedScenario, ScenarioErrors> {
        var diagnostics: [Diagnostic] = []
        var lines: [ScenarioLine] = []
        var context: LineParser? = nil
        var clusterLine = 0
        var lineNumber = 0
        for raw in TextLines.split(text) {
            lineNumber += 1
            guard diagnostics.count < diagnosticsMax else { break }
            do throws(LocatedError) {
                let tokens = try Tokenizer.tokenize(raw)
                guard let first = tokens.first else { continue }
                let source = raw[raw.index(raw.startIndex, offsetBy: first.column - 1)...]
                if first.text == "cluster" {
                    if clusterLine > 0 {
                        throw LocatedError(first.column, "the cluster is already defined on line \(clusterLine)")
                    }
                    let parser = try LineParser.cluster(tokens)
                    context = parser
                    clusterLine = lineNumber
                    lines.append(ScenarioLine(command: .cluster(parser.spec), line: lineNumber,
                                              columns: tokens.map(\.column), source: strip(source)))
                    continue
                }
                try checkWord(first, context)
                guard let context else {
                    throw LocatedError(first.column, "a scenario starts with `cluster <protocol> nodes=<N>`; "
                                       + "found `\(first.text)` before it")
                }
                let command = try context.command(tokens)
                lines.append(ScenarioLine(command: command, line: lineNumber, columns: tokens.map(\.column),
                                          source: strip(source)))
            } catch {
                diagnostics.append(Diagnostic(file: file, line: lineNumber, column: error.column,
                                              message: error.message))
                if context == nil && clusterLine == 0 && lines.isEmpty { break }
            }
        }
        if !diagnostics.isEmpty { return .failure(ScenarioErrors(diagnostics: diagnostics)) }
        guard let context else {
            return .failure(ScenarioErrors(diagnostics: [Diagnostic(
                file: file, line: 1, column: 1,
                message: "empty scenario: there are no commands; start with `cluster <protocol> nodes=<N>`")]))
        }
        return .success(ParsedScenario(file: file, cluster: context.spec, entry: context.entry, lines: lines))
    }

    /// Before the cluster line, any protocol's request is a known word.
    private static func checkWord(_ token: Token, _ context: LineParser?) throws(LocatedError) {
        if lessonWords.contains(token.text) {
            throw LocatedError(token.column, "`\(token.text)` is a lesson command; it works only inside a "
                               + "lesson's ```baton block")
        }
        if let context {
            if !context.words.contains(token.text) { throw context.unknownWord(token) }
            return
        }
        let words = LineParser.engineWords + ProtocolCatalog.entries.flatMap { $0.descriptor.requests.map(\.verb) }
        if !words.contains(token.text) {
            throw LocatedError(token.column, "unknown command `\(token.text)`"
                               + "\(Suggest.hint(token.text, words + lessonWords))")
        }
    }

    /// The parser of a cluster line, for parsing later lines one at a time.
    static func clusterParser(_ text: String) -> Result<LineParser, LocatedError> {
        do throws(LocatedError) {
            let tokens = try Tokenizer.tokenize(Substring(text))
            guard tokens.first?.text == "cluster" else { throw LocatedError(1, "expected a cluster line") }
            return .success(try LineParser.cluster(tokens))
        } catch {
            return .failure(error)
        }
    }

    /// One command line of a known cluster; nil for a blank or comment line.
    static func line(_ text: String, parser: LineParser) -> Result<ScenarioLine?, LocatedError> {
        do throws(LocatedError) {
            let raw = Substring(text)
            let tokens = try Tokenizer.tokenize(raw)
            guard let first = tokens.first else { return .success(nil) }
            if first.text == "cluster" { throw LocatedError(first.column, "the cluster is already defined") }
            try checkWord(first, parser)
            let source = raw[raw.index(raw.startIndex, offsetBy: first.column - 1)...]
            return .success(ScenarioLine(command: try parser.command(tokens), line: 1,
                                         columns: tokens.map(\.column), source: strip(source)))
        } catch {
            return .failure(error)
        }
    }

    /// The command without a trailing comment, for the trace's `commands`.
    static func strip(_ source: Substring) -> String {
        guard let tokens = try? Tokenizer.tokenize(source), let last = tokens.last else {
            return String(source)
        }
        let chars = Array(source)
        var end = last.column - 1 + last.text.count + (last.quoted ? 2 : 0)
        end = min(end, chars.count)
        return String(chars[0..<end])
    }
}
