import ArgumentParser
import Export
import Foundation
import Lessons
import Protocols
import Scenario
import Terminal
import TUI

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Free play: step through a protocol and inject faults by keypress.",
        discussion: "Protocols: \(ProtocolList.ids). A scenario file, or one of the starting points that "
            + "`baton play --list` shows, opens as the start of free play. Press ? in the diagram for the keys."
    )

    @Argument(help: "The protocol to run (\(ProtocolList.ids)), a scenario FILE.baton, or a starting point's name.")
    var protocolID: String?

    @Flag(help: "List the starting points shipped with Baton.")
    var list = false

    @Option(help: "How many nodes (1 to 9 on screen).")
    var nodes: Int = 3

    @Option(help: "The seed every latency and timeout is drawn from.")
    var seed: UInt64 = 1

    @Option(name: .customLong("option"), help: "A protocol option as key=value (repeatable), e.g. heartbeat=5.")
    var options: [String] = []

    @Option(help: "Directory for exported transcripts (default: the current directory).")
    var exportDir: String?

    func validate() throws {
        if !list && protocolID == nil {
            throw ValidationError("give a protocol (\(ProtocolList.ids)), a FILE.baton, or --list")
        }
        guard (1...9).contains(nodes) else {
            throw ValidationError("--nodes must be from 1 to 9 (the screen shows at most 9 lifelines)")
        }
        for option in options where !option.contains("=") {
            throw ValidationError("--option takes key=value, got `\(option)`")
        }
    }

    func run() throws {
        if list {
            let width = ExampleScenario.all.map(\.name.count).max() ?? 0
            for example in ExampleScenario.all {
                Console.out(example.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + example.summary)
            }
            Console.out("\nOpen one with `baton play <name>`; `baton play FILE.baton` opens your own.")
            return
        }
        let target = protocolID ?? ""
        let commands: [String]
        var mode = "free play"
        var opening = ""
        if ProtocolCatalog.entry(id: target) != nil {
            let words = ["cluster", target, "nodes=\(nodes)", "seed=\(seed)"] + options
            _ = try start(words)   // a bad option is a usage error, before the screen opens
            commands = [words.joined(separator: " ")]
        } else if let example = ExampleScenario.named(target) {
            commands = try SessionLoading.commands { try Transcripts.scriptCommands(file: target, text: example.text) }
            mode = "free play from \(target)"
            opening = example.summary
        } else if target.hasSuffix(".baton") || FileManager.default.fileExists(atPath: target) {
            commands = try SessionLoading.commands { try Transcripts.commands(of: target) }
            mode = "free play from \((target as NSString).lastPathComponent)"
        } else {
            throw ValidationError("`\(target)` is no protocol (\(ProtocolList.ids)), no starting point (see --list) "
                                  + "and no file")
        }
        let (finalMode, finalOpening) = (mode, opening)
        let code = try Interactive.run(opening: "opening \(target)",
                                       exportDir: exportDir ?? FileManager.default.currentDirectoryPath) { interrupt in
            let (session, stopped) = try SessionLoading.session(label: target, commands, interrupt: interrupt)
            var state = AppState(session: session, width: 80, height: 24)
            state.mode = finalMode
            state.status = stopped ?? finalOpening
            return state
        }
        if code != 0 { throw ExitCode(code) }
    }

    private func start(_ words: [String]) throws -> PlaySession {
        do {
            return try PlaySession(clusterLine: words.joined(separator: " "))
        } catch let errors as ScenarioErrors {
            throw ValidationError(errors.diagnostics.map(\.message).joined(separator: "; "))
        }
    }
}
