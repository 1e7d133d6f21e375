import Export
import Scenario
import Sim

extension AppState {
    /// The whole run as the diagram draws it (no colour), page by page so a
    /// long history never needs one huge buffer.
    public func diagramText(width: Int = 110) -> [String] {
        // Pages of 2,000 rows: each page copies the state once (200 made
        // those copies a fifth of a long report's time).
        let page = 2_000
        var lines: [String] = []
        var start = 0
        repeat {
            let rows = min(page, max(0, core.eventCount - start))
            var screen = ScreenBuffer(width: width, height: rows + 1)
            var copy = self
            copy.color = false
            copy.cursor = nil
            // Plain text for a document: arrows on their rows, with the event text.
            copy.diagramMode = .sequence
            copy.eventText = true
            let view = DiagramView(state: copy, rect: Rect(x: 0, y: 0, width: width, height: rows + 1), top: start)
            view.draw(&screen)
            lines += start == 0 ? screen.lines : Array(screen.lines.dropFirst())
            start += page
        } while start < core.eventCount
        return lines
    }

    /// The `md` transcript: header, lesson, faults, the diagram, the event
    /// table, exchanges, invariants and the replayable command log.
    public func markdownReport(date: String) -> String {
        let c = core.cluster
        var out = "# Baton transcript: \(core.protocolTitle)\n\n"
        out += "- protocol: `\(core.protocolID)`, nodes \(c.names.joined(separator: ", ")), seed \(core.config.seed)\n"
        out += "- steps: \(core.step), simulated time t=\(core.time), events: \(core.eventCount)\n"
        out += "- written by baton \(Transcript.version) on \(date)\n"
        if let run = lesson {
            out += "\n## Lesson\n\n**\(MarkdownEscape.cell(run.lesson.meta.title))** (`\(run.lesson.meta.id)`): "
            out += run.finished ? "completed" : "reached \(run.progress)"
            out += ", primitives " + run.lesson.meta.primitives.joined(separator: ", ") + "\n"
        }
        let faults = session.log.filter { $0.step <= core.step && $0.command.isFault }
        out += "\n## Faults injected\n\n"
        out += faults.isEmpty ? "none\n" : faults.map { "- step \($0.step): `\(MarkdownEscape.code($0.text))`\n" }.joined()
        out += "\n## Diagram\n\n```text\n" + diagramText().joined(separator: "\n") + "\n```\n"
        out += "\n## Events\n\n| step | t | event | primitives | L | V |\n|---:|---:|---|---|---:|---|\n"
        out += eventTable()
        out += "\n## Exchanges\n\n"
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
    func eventTable() -> String {
        var out = ExportBytes(capacity: core.eventCount * 90)
        var text = ExportBytes()
        for i in 0..<core.eventCount {
            let e = core.event(i)
            out.ascii("| "); out.int(e.step); out.ascii(" | "); out.int(e.time); out.ascii(" | ")
            text.truncate(to: 0)
            EventText.describe(core, i, into: &text)
            MarkdownEscape.cell(text.bytes, into: &out)
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
        }
        return out.string
    }
}

/// Keeps labels inside a Markdown table cell or code span.
enum MarkdownEscape {
    /// As `cell(_:)`, for text already made visible (`ExportBytes`), into bytes.
    static func cell(_ bytes: [UInt8], into out: inout ExportBytes) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "|"): out.ascii("\\|")
            case UInt8(ascii: "\\"): out.ascii("\\\\")
            case UInt8(ascii: "`"): out.ascii("\\`")
            case UInt8(ascii: "<"): out.ascii("&lt;")
            default: out.byte(b)
            }
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
