import Foundation
import Scenario

/// Reads the commands of a transcript (`.baton` or `.json`) that someone
/// else may have written, with errors that name the file, line and column.
public enum Transcripts {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// A JSON trace carries every event, so it may be far larger than the
    /// commands that made it; the `.baton` file of the same session is small.
    public static let jsonBytesMax = 16 * 1024 * 1024

    public static func commands(of path: String) throws(Failure) -> [String] {
        guard path.hasSuffix(".json") else {
            switch ScenarioText.read(path) {
            case .failure(let e): throw Failure(description: e.diagnostics.map(\.description).joined(separator: "\n"))
            case .success(let text): return try scriptCommands(file: path, text: text)
            }
        }
        switch BoundedFile.read(path, bytesMax: jsonBytesMax) {
        case .success(let bytes):
            return try jsonCommands(file: path, bytes: bytes)
        case .failure(let failure):
            var message = failure.message
            if case .tooLarge = failure {
                message += "; a JSON transcript may be at most \(jsonBytesMax / 1_048_576) MB "
                    + "(replay the session's .baton file instead: it holds only the commands)"
            }
            throw Failure(description: "\(path):1:1: error: \(message)")
        }
    }

    /// The commands of a `.baton` script, without its `expect` lines.
    public static func scriptCommands(file: String, text: String) throws(Failure) -> [String] {
        switch ScenarioParser.parse(file: file, text: text) {
        case .failure(let e):
            throw Failure(description: e.diagnostics.map(\.description).joined(separator: "\n"))
        case .success(let parsed):
            return parsed.lines.filter { if case .expect = $0.command { return false }; return true }.map(\.source)
        }
    }

    /// The `commands` array of a JSON trace (DESIGN §8), checked for version.
    public static func jsonCommands(file: String, bytes: [UInt8]) throws(Failure) -> [String] {
        guard bytes.count <= jsonBytesMax else {
            throw Failure(description: "\(file):1:1: error: the file is \(BoundedFile.megabytes(bytes.count)) MB; "
                          + "a JSON transcript may be at most \(jsonBytesMax / 1_048_576) MB")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let (line, column) = location(of: error, in: bytes)
            throw Failure(description: "\(file):\(line):\(column): error: this is not valid JSON (damaged transcript?)")
        }
        guard let root = object as? [String: Any], root["format"] as? String == "baton-trace" else {
            throw Failure(description: "\(file):1:1: error: not a baton trace (no \"format\": \"baton-trace\")")
        }
        guard let given = root["version"] else {
            throw Failure(description: "\(file):1:1: error: the trace has no version")
        }
        guard let version = (given as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }) ?? Int("\(given)") else {
            throw Failure(description: "\(file):1:1: error: the trace's version `\(given)` is not a whole number")
        }
        guard version <= 1 else {
            throw Failure(description: "\(file):1:1: error: written by a newer baton (trace version \(version)); "
                          + "this baton reads version 1")
        }
        guard let commands = root["commands"] as? [String], !commands.isEmpty else {
            throw Failure(description: "\(file):1:1: error: the trace has no commands to replay")
        }
        // The commands go through the scenario parser again when replayed, so
        // the same line limits apply to them as to a `.baton` file.
        if let long = commands.firstIndex(where: { $0.count > ScenarioLimits.lineCharactersMax }) {
            throw Failure(description: "\(file):1:1: error: command \(long + 1) is longer than "
                          + "\(ScenarioLimits.lineCharactersMax) characters")
        }
        return commands.filter { !$0.hasPrefix("expect") }
    }

    /// Line and column from Foundation's "around character N" (best effort).
    static func location(of error: Error, in bytes: [UInt8]) -> (Int, Int) {
        let message = "\(error)"
        guard let r = message.range(of: "character "),
              let offset = Int(message[r.upperBound...].prefix { $0.isNumber }) else { return (1, 1) }
        var line = 1, column = 1
        for (i, c) in bytes.enumerated() {
            if i >= offset { break }
            if c == 10 { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
