import Foundation
import Scenario

/// Reads a scenario file with the size limit checked before reading it all.
enum ScenarioFile {
    static func read(_ path: String) -> Result<String, ScenarioErrors> {
        func fail(_ message: String) -> Result<String, ScenarioErrors> {
            .failure(ScenarioErrors(diagnostics: [Diagnostic(file: path, line: 1, column: 1, message: message)]))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return fail("no such file")
        }
        guard !isDirectory.boolValue else { return fail("this is a directory; give a .baton file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { return fail("cannot open the file for reading") }
        defer { try? handle.close() }
        // Read one byte past the limit: enough to know the file is too big.
        let data: Data
        do {
            data = try handle.read(upToCount: ScenarioLimits.fileBytesMax + 1) ?? Data()
        } catch {
            return fail("cannot read the file: \(error.localizedDescription)")
        }
        if data.count > ScenarioLimits.fileBytesMax {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
            return ScenarioText.decode(file: path, bytes: Array(repeating: 0x20, count: size ?? data.count))
        }
        return ScenarioText.decode(file: path, bytes: [UInt8](data))
    }
}

enum ErrorReport {
    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

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
