import Foundation
import Scenario

enum ErrorReport {
    static func stderr(_ line: String) { Console.err(line) }

    /// `file:line:column: error: message`, then the line and a caret.
    static func print(_ diagnostics: [Diagnostic], source: String?) {
        let lines = source.map { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        for d in diagnostics {
            stderr(d.description)
            guard let lines, d.line >= 1, d.line <= lines.count else { continue }
            let text = String(lines[d.line - 1].prefix(200))
            let visible = text.map { $0.isASCII && ($0.asciiValue! < 0x20 || $0.asciiValue! == 0x7F) ? " " : $0 }
            stderr("    " + String(visible))
            if d.column <= 200 { stderr("    " + String(repeating: " ", count: max(0, d.column - 1)) + "^") }
        }
    }
}
