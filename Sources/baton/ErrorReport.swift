import ArgumentParser
import Foundation
import Scenario
import Sim

enum ErrorReport {
    static func stderr(_ line: String) { Console.err(line) }

    /// `file:line:column: error: message`, then the line and a caret.
    static func print(_ diagnostics: [Diagnostic], source: String?) {
        let lines = source.map { TextLines.split($0) }
        for d in diagnostics {
            stderr(d.description)
            guard let lines, d.line >= 1, d.line <= lines.count else { continue }
            let text = String(lines[d.line - 1].prefix(200))
            stderr("    " + Sanitize.visible(text))
            if d.column <= 200 { stderr("    " + String(repeating: " ", count: max(0, d.column - 1)) + "^") }
        }
    }
}

extension ErrorReport {
    /// A scenario file's text, or its errors printed and exit 2 (`run`, `explore`).
    static func readScenario(_ file: String) throws -> String {
        switch ScenarioText.read(file) {
        case .failure(let errors):
            print(errors.diagnostics, source: nil)
            throw ExitCode(2)
        case .success(let text):
            return text
        }
    }
}
