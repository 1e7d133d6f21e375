import Export
import Scenario
import Sim

extension AppState {
    /// Rows of the report's diagram drawn in full; a longer run draws its
    /// first and last `reportDiagramRowsEach` rows and says what it left out.
    /// Why a bound: a diagram of 100k rows is 11 MB that no Markdown viewer
    /// shows and nobody reads, and it cost 1.3 s of a 1.6 s export (issue 17
    /// asks < 0.25 s); the Events table below still lists every event.
    public static let reportDiagramRowsMax = 4_000
    static var reportDiagramRowsEach: Int { reportDiagramRowsMax / 2 }

    /// The run as the diagram draws it (no colour, the sequence view with
    /// the event text), bounded as `reportDiagramRowsMax` says.
    public func diagramText(width: Int = 110) -> [String] {
        let n = core.eventCount
        guard n > Self.reportDiagramRowsMax else { return diagramRows(from: 0, count: n, width: width, header: true) }
        let each = Self.reportDiagramRowsEach
        let skipped = n - 2 * each
        let firstStep = core.event(each).step, lastStep = core.event(n - each - 1).step
        let gap = "      ⋮  \(skipped) events not drawn (steps \(firstStep)-\(lastStep)); the Events table lists every one"
        return diagramRows(from: 0, count: each, width: width, header: true) + [gap]
            + diagramRows(from: n - each, count: each, width: width, header: true)
    }

    /// `count` rows from event `from`, pages of 2,000 so that no buffer is
    /// huge (each page copies the state once), with the header row when asked.
    private func diagramRows(from: Int, count: Int, width: Int, header: Bool) -> [String] {
        let page = 2_000
        var lines: [String] = []
        var start = from
        let end = from + count
        repeat {
            let rows = min(page, max(0, end - start))
            var screen = ScreenBuffer(width: width, height: rows + 1)
            var copy = self
            copy.color = false
            copy.cursor = nil
            // Plain text for a document: arrows on their rows, with the event text.
            copy.diagramMode = .sequence
            copy.eventText = true
            let view = DiagramView(state: copy, rect: Rect(x: 0, y: 0, width: width, height: rows + 1), top: start)
            view.draw(&screen)
            lines += header && start == from ? screen.lines : Array(screen.lines.dropFirst())
            start += page
        } while start < end
        return lines
    }

    /// The `md` transcript: header, lesson, faults, the diagram, the event
    /// table, exchanges, invariants and the replayable command log.
    public func markdownReport(date: String) -> String {
        var out = ExportBytes()
        markdownReport(date: date, into: &out)
        return out.string
    }

    /// As `markdownReport(date:)`, written into `out` (which may stream: the
    /// event table of a long run is most of the report).
    public func markdownReport(date: String, into out: inout ExportBytes) {
        let c = core.cluster
        var head = "# Baton transcript: \(core.protocolTitle)\n\n"
        head += "- protocol: `\(core.protocolID)`, nodes \(c.names.joined(separator: ", ")), seed \(core.config.seed)\n"
        head += "- steps: \(core.step), simulated time t=\(core.time), events: \(core.eventCount)\n"
        head += "- written by baton \(Transcript.version) on \(date)\n"
        if let run = lesson {
            head += "\n## Lesson\n\n**\(MarkdownEscape.cell(run.lesson.meta.title))** (`\(run.lesson.meta.id)`): "
            head += run.finished ? "completed" : "reached \(run.progress)"
            head += ", primitives " + run.lesson.meta.primitives.joined(separator: ", ") + "\n"
        }
        let faults = session.log.filter { $0.step <= core.step && $0.command.isFault }
        head += "\n## Faults injected\n\n"
        head += faults.isEmpty ? "none\n" : faults.map { "- step \($0.step): `\(MarkdownEscape.code($0.text))`\n" }.joined()
        out.raw(head)
        out.ascii("\n## Diagram\n\n```text\n")
        for line in diagramText() {
            out.raw(line)
            out.byte(UInt8(ascii: "\n"))
            out.flushIfFull()
        }
        out.ascii("```\n\n## Events\n\n| step | t | event | primitives | L | V |\n|---:|---:|---|---|---:|---|\n")
        eventTable(into: &out)
        out.raw(reportTail())
    }

    /// Exchanges, invariants and the command log.
    private func reportTail() -> String {
        let c = core.cluster
        var out = "\n## Exchanges\n\n"
        let exchanges = core.exchanges
        out += exchanges.isEmpty ? "none\n" : exchanges.map { x in
            "- #\(x.id) \(x.primitive.code) \(x.primitive.familyName) opened by \(c.name(x.opener)) at step \(x.openedAtStep): "
                + "\(x.progress) (threshold \(x.threshold)), " + (x.outcome?.rawValue ?? "open") + "\n"
        }.joined()
        out += "\n## Invariants\n\n"
        out += core.violated.isEmpty ? "All held.\n" : core.violated.map { "- **violated**: \($0)\n" }.joined()
        out += "\n## Commands\n\n```baton\n" + session.script + "```\n"
        return out
    }
}

extension AppState {
    /// The event table's rows, written as bytes (a report of 100k events
    /// has 100k rows).
    func eventTable(into out: inout ExportBytes) {
        for i in 0..<core.eventCount {
            let e = core.event(i)
            out.ascii("| "); out.int(e.step); out.ascii(" | "); out.int(e.time); out.ascii(" | ")
            let start = out.count
            EventText.describe(core, i, into: &out)
            out.escapeTail(from: start, MarkdownEscape.cellEscape)
            out.ascii(" | ")
            if let id = e.message, let m = core.messageInfo(id, withSummary: false) {
                for (k, code) in m.tags.codes.enumerated() {
                    if k > 0 { out.ascii("·") }
                    out.visible(code.code)
                }
            }
            out.ascii(" | ")
            if let v = core.vclockSlice(ofEvent: i) {
                out.int(e.lamport); out.ascii(" | "); out.ints(v)
            } else {
                out.ascii(" | ")
            }
            out.ascii(" |\n")
            out.flushIfFull()
        }
    }
}

/// Keeps labels inside a Markdown table cell or code span.
enum MarkdownEscape {
    /// As `cell(_:)`, byte by byte, for text already made visible (`ExportBytes.escapeTail`).
    static func cellEscape(_ b: UInt8) -> StaticString? {
        switch b {
        case UInt8(ascii: "|"): "\\|"
        case UInt8(ascii: "\\"): "\\\\"
        case UInt8(ascii: "`"): "\\`"
        case UInt8(ascii: "<"): "&lt;"
        default: nil
        }
    }

    /// One pass: a cell's `|`, `\\`, backquotes and `<` cannot end the cell or open markup.
    static func cell(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 == 0x7C || $0 == 0x5C || $0 == 0x60 || $0 == 0x3C }) {   // | \ ` <
            return Sanitize.visible(s)
        }
        var out = ""
        for c in Sanitize.visible(s) {
            switch c {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "`": out += "\\`"
            case "<": out += "&lt;"
            default: out.append(c)
            }
        }
        return out
    }

    static func code(_ s: String) -> String { Sanitize.visible(s).replacingAll("`", "'") }
}
