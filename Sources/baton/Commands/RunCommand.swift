import ArgumentParser
import Export
import Foundation
import Scenario
import TUI

enum Formats {
    static func render(_ session: ScenarioSession, _ format: TraceFormat) throws -> String {
        let date = ISO8601DateFormatter().string(from: Date())
        switch format {
        case .text: return TextTrace.render(session.core)
        case .json: return JSONTrace.render(session)
        case .baton: return BatonScriptExport.render(session, date: date)
        case .mscgen: return MscgenExport.render(session.core)
        case .plantuml: return PlantUMLExport.render(session.core)
        case .mermaid: return MermaidExport.render(session.core)
        case .shiviz: return ShiVizExport.render(session.core)
        case .md:
            return try reportState(session, date: date).markdownReport(date: date)
        }
    }
}

extension Formats {
    /// The screen state a report is drawn from: the file's run, taken over.
    static func reportState(_ session: ScenarioSession, date: String) throws -> AppState {
        var state = AppState(session: try PlaySession(finished: session), width: 120, height: 40, color: false)
        state.exportDate = date
        return state
    }
}

enum TraceFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, baton, md, mscgen, plantuml, mermaid, shiviz
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

    @Option(help: "Output format: text, json (the trace contract), baton (replayable script), md (report), mscgen, plantuml, mermaid, shiviz.")
    var format: TraceFormat = .text

    @Option(help: "Write the trace to this file instead of standard output (`-` is standard output; a device or FIFO is written through; a file is replaced atomically, keeping its mode).")
    var out: String?

    func run() throws {
        let text = try ErrorReport.readScenario(file)
        let outcome = ScenarioRunner.run(file: file, text: text)
        if let session = outcome.session {
            try emit(session)
        }
        ErrorReport.print(outcome.errors, source: text)
        for failure in outcome.failures { ErrorReport.stderr(failure.description) }
        if let limit = outcome.limit { ErrorReport.stderr(limit) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// A JSON trace `baton replay` will refuse: said on stderr, with what replays instead.
    private func warnTooBigToReplay(_ bytes: Int) {
        let tenths = bytes * 10 / 1_048_576
        ErrorReport.stderr("baton: warning: this JSON trace is \(tenths / 10).\(tenths % 10) MB; `baton replay` reads JSON transcripts "
                           + "of at most \(Transcripts.jsonBytesMax / 1_048_576) MB. To replay this run, open the "
                           + "scenario itself, or write its command log with `--format baton`, which replays exactly")
    }

    private func emit(_ session: ScenarioSession) throws {
        // The text and JSON traces and the report stream, event by event (memory does not
        // grow with the trace); the other formats are made whole first.
        let produce: (inout ExportBytes) -> Void
        switch format {
        case .text: produce = { TextTrace.write(session.core, into: &$0) }
        case .json:
            produce = { out in
                JSONTrace.write(session, into: &out)
                if out.total > Transcripts.jsonBytesMax { warnTooBigToReplay(out.total) }
            }
        case .md:
            let date = ISO8601DateFormatter().string(from: Date())
            let state = try Formats.reportState(session, date: date)
            produce = { state.markdownReport(date: date, into: &$0) }
        default:
            let rendered = Array(try Formats.render(session, format).utf8)
            produce = { $0.append(contentsOf: rendered) }
        }
        do {
            // Standard output unless --out says otherwise (`-` is standard output too).
            try SafeFile.writeOut(out ?? "-", produce: produce)
        } catch {
            ErrorReport.stderr("\(out ?? "standard output"): cannot write the trace: \(error)")
            throw ExitCode(2)
        }
    }
}
