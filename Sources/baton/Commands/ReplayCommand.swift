import ArgumentParser
import Foundation
import Scenario
import TUI

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open a transcript (.baton or .json) in the diagram, at its last step, with full step back."
    )

    @Argument(help: "A transcript written by `e`, by `baton run --format baton` or `--format json`.")
    var file: String

    func run() throws {
        let commands: [String]
        do {
            commands = try Transcripts.commands(of: file)
        } catch let error as Transcripts.Failure {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let session: PlaySession
        do {
            session = try PlaySession(commands: commands)
        } catch let errors as ScenarioErrors {
            for d in errors.diagnostics {
                FileHandle.standardError.write(Data("\(file): command \(d.line): \(d.message)\n".utf8))
            }
            throw ExitCode(2)
        }
        let code = try Interactive.run({ w, h, glyphs, color in
            var state = AppState(session: session, width: w, height: h, glyphs: glyphs, color: color)
            state.mode = "replay"
            return state
        }, exportDir: FileManager.default.currentDirectoryPath)
        if code != 0 { throw ExitCode(code) }
    }
}

/// Reads the commands of a transcript, with errors that name the file and line.
enum Transcripts {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func commands(of path: String) throws -> [String] {
        let text: String
        switch ScenarioFile.read(path) {
        case .failure(let e): throw Failure(description: e.diagnostics.map(\.description).joined(separator: "\n"))
        case .success(let t): text = t
        }
        guard path.hasSuffix(".json") else {
            switch ScenarioParser.parse(file: path, text: text) {
            case .failure(let e): throw Failure(description: e.diagnostics.map(\.description).joined(separator: "\n"))
            case .success(let parsed): return parsed.lines.filter { if case .expect = $0.command { return false }; return true }.map(\.source)
            }
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            let (line, column) = location(of: error, in: text)
            throw Failure(description: "\(path):\(line):\(column): error: this is not valid JSON (damaged transcript?)")
        }
        guard let root = object as? [String: Any], root["format"] as? String == "baton-trace" else {
            throw Failure(description: "\(path):1:1: error: not a baton trace (no \"format\": \"baton-trace\")")
        }
        guard let version = root["version"] as? Int else {
            throw Failure(description: "\(path):1:1: error: the trace has no version")
        }
        guard version <= 1 else {
            throw Failure(description: "\(path):1:1: error: written by a newer baton (trace version \(version)); "
                          + "this baton reads version 1")
        }
        guard let commands = root["commands"] as? [String], !commands.isEmpty else {
            throw Failure(description: "\(path):1:1: error: the trace has no commands to replay")
        }
        return commands.filter { !$0.hasPrefix("expect") }
    }

    /// Line and column from Foundation's "around character N" (best effort).
    static func location(of error: Error, in text: String) -> (Int, Int) {
        let message = "\(error)"
        guard let r = message.range(of: "character "),
              let offset = Int(message[r.upperBound...].prefix { $0.isNumber }) else { return (1, 1) }
        var line = 1, column = 1
        for (i, c) in text.utf8.enumerated() {
            if i >= offset { break }
            if c == 10 { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
