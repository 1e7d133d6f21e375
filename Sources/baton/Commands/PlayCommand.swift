import ArgumentParser
import Foundation
import Protocols
import Scenario
import Terminal
import TUI

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Free play: step through a protocol and inject faults by keypress.",
        discussion: "Protocols: \(ProtocolList.ids). Press ? in the diagram for the keys."
    )

    @Argument(help: "The protocol to run (\(ProtocolList.ids)).")
    var protocolID: String

    @Option(help: "How many nodes (1 to 9 on screen).")
    var nodes: Int = 3

    @Option(help: "The seed every latency and timeout is drawn from.")
    var seed: UInt64 = 1

    @Option(name: .customLong("option"), help: "A protocol option as key=value (repeatable), e.g. heartbeat=5.")
    var options: [String] = []

    @Option(help: "Directory for exported transcripts (default: the current directory).")
    var exportDir: String?

    func validate() throws {
        guard (1...9).contains(nodes) else {
            throw ValidationError("--nodes must be from 1 to 9 (the screen shows at most 9 lifelines)")
        }
        for option in options where !option.contains("=") {
            throw ValidationError("--option takes key=value, got `\(option)`")
        }
    }

    func run() throws {
        let line = (["cluster", protocolID, "nodes=\(nodes)", "seed=\(seed)"] + options).joined(separator: " ")
        let session: PlaySession
        do {
            session = try PlaySession(clusterLine: line)
        } catch let errors as ScenarioErrors {
            let message = errors.diagnostics.map(\.message).joined(separator: "; ")
            throw ValidationError(message)
        }
        let code = try Interactive.run({ w, h, glyphs, color in
            AppState(session: session, width: w, height: h, glyphs: glyphs, color: color)
        }, exportDir: exportDir ?? FileManager.default.currentDirectoryPath)
        if code != 0 { throw ExitCode(code) }
    }
}
