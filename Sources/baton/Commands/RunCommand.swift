import ArgumentParser
import Export
import Foundation
import Scenario

enum TraceFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario without the UI and print its trace.",
        discussion: """
        Exit status: 0 when every `expect` held, 1 when one failed (stderr names \
        file:line, the query, the expected and the actual value), 2 when the \
        scenario or the command line is invalid.
        """
    )

    @Argument(help: "The scenario file (.baton).")
    var file: String

    @Option(help: "Output format: text (one line per event) or json (the trace contract).")
    var format: TraceFormat = .text

    @Option(help: "Write the trace to this file instead of standard output.")
    var out: String?

    func run() throws {
        let text: String
        switch ScenarioFile.read(file) {
        case .failure(let errors):
            ErrorReport.print(errors.diagnostics, source: nil)
            throw ExitCode(2)
        case .success(let t):
            text = t
        }
        let outcome = ScenarioRunner.run(file: file, text: text)
        if let session = outcome.session {
            let rendered = format == .json ? JSONTrace.render(session) : TextTrace.render(session.core)
            try emit(rendered)
        }
        ErrorReport.print(outcome.errors, source: text)
        for failure in outcome.failures { ErrorReport.stderr(failure.description) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    private func emit(_ rendered: String) throws {
        guard let out else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
            return
        }
        do {
            try Data(rendered.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            ErrorReport.stderr("\(out): cannot write the trace: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
