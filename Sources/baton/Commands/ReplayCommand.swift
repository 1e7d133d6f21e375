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
        let commands = try SessionLoading.commands { try Transcripts.commands(of: file) }
        let label = file
        let code = try Interactive.run(opening: "replaying \(file)",
                                       exportDir: FileManager.default.currentDirectoryPath) { interrupt in
            let (session, stopped) = try SessionLoading.session(label: label, commands, interrupt: interrupt)
            var state = AppState(session: session, width: 80, height: 24)
            state.mode = "replay"
            if let stopped { state.status = stopped }
            return state
        }
        if code != 0 { throw ExitCode(code) }
    }
}
