import ArgumentParser
import Foundation
import Export
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
        let session = try SessionLoading.session(label: file) { try Transcripts.commands(of: file) }
        let code = try Interactive.run({ w, h, glyphs, color in
            var state = AppState(session: session, width: w, height: h, glyphs: glyphs, color: color)
            state.mode = "replay"
            return state
        }, exportDir: FileManager.default.currentDirectoryPath)
        if code != 0 { throw ExitCode(code) }
    }
}
