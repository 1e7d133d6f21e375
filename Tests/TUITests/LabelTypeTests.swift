import Foundation
import Protocols
import Scenario
import Sim
import Testing
@testable import TUI

/// A label may drop fields but never the `#id`, the type or the primitive
/// tags (issue 13): where the send row has no room it goes further along
/// its own line, on either side of it, before it is ever shortened.
@Suite struct LabelTypeTests {
    /// The labels in the lines' zone (not the event text beside it): how
    /// many keep their type, those that lost it (`#12 2b·4b`, a bare
    /// `#12`), and the messages drawn with no label at all.
    static func labels(_ state: AppState, _ size: (Int, Int)) throws
        -> (whole: Int, short: [String], missing: [MessageID]) {
        let layout = try #require(Layout(width: size.0, height: size.1))
        let view = DiagramView(state: state, rect: layout.diagram)
        let lines = state.render().lines
        var whole = 0, short: [String] = [], zone = ""
        let pattern = try NSRegularExpression(pattern: "#[0-9]+( [A-Za-z][A-Za-z]*)?")
        for y in layout.diagram.y..<layout.diagram.maxY {
            let row = String(lines[y].prefix(view.zoneMaxX))
            zone += row + "\n"
            let ns = row as NSString
            for match in pattern.matches(in: row, range: NSRange(location: 0, length: ns.length)) {
                if match.range(at: 1).location != NSNotFound { whole += 1 } else { short.append(ns.substring(with: match.range)) }
            }
        }
        let rows = view.top..<min(state.core.eventCount, view.top + view.visibleRows)
        let missing = state.index.messages(touching: rows).filter { id in
            let e = view.lineEnds(try! #require(state.core.messageInfo(id)))
            let shown = rows.contains(e.start.row) || rows.contains(e.head.row)
            return shown && zone.range(of: "#\(id)(?![0-9])", options: .regularExpression) == nil
        }
        return (whole, short, missing)
    }

    /// At 200 columns most labels are whole; where lines cross densely a
    /// label that has no room beside its own line on any row is cut to
    /// `#12 2b·4b` or left out (its `#id` is in the event text and the
    /// panel) rather than put where it would read as another message's.
    /// The sparse Lamport run keeps every label whole at 200 columns.
    @Test(arguments: DiagramLineTests.runs)
    func labelsKeepTheirType(_ run: DiagramLineTests.Run) throws {
        let size = (200, 60)
        let state = try DiagramLineTests.state(run, size, mode: .spaceTime)
        let (whole, short, missing) = try Self.labels(state, size)
        #expect(whole >= short.count + missing.count, "\(run): \(whole) whole, \(short) cut, \(missing) with none")
        if run.name.hasPrefix("lamport") { #expect(short.isEmpty && missing.isEmpty, "\(run): \(short) \(missing)") }
    }

    /// A label stands beside its own line: before the line (towards the
    /// sender) only right beside the line's own cells, never across another
    /// line or a lifeline away from it (FIFO broadcast's `#3` once stood at
    /// the far left of the diagram, past another message's line).
    @Test func aLabelBeforeItsLineStandsBesideIt() throws {
        let example = try #require(FIFOBroadcast.descriptor.examples.first)
        var session = try PlaySession(clusterLine: example.clusterLine)
        for command in example.commands where !command.hasPrefix("expect") { #expect(session.run(text: command) == nil) }
        var state = AppState(session: session, width: 80, height: 24)
        for _ in 0..<40 { state.reduce(.step) }
        let layout = try #require(Layout(width: 80, height: 24))
        for y in layout.diagram.y..<layout.diagram.maxY {
            let row = state.render().lines[y]
            #expect(!row.hasPrefix("│ #"), "a label at the diagram's left edge, before the first lifeline: \(row)")
        }
    }

    /// Every label overlaps the span between its message's sender's and
    /// receiver's lifelines, beside its own line; in the sequence view and
    /// on a line still in flight it lies wholly inside it. A label beyond them stands over
    /// other nodes' span and reads as their message (a reviewer read B→A's
    /// in-flight `#3`, put past B, as B→C's).
    @Test(arguments: DiagramLineTests.runs)
    func labelsStayBetweenTheirEnds(_ run: DiagramLineTests.Run) throws {
        for size in DiagramLineTests.sizes {
            for mode in [DiagramMode.spaceTime, .sequence] {
                let state = try DiagramLineTests.state(run, size, mode: mode)
                let layout = try #require(Layout(width: size.0, height: size.1))
                let view = DiagramView(state: state, rect: layout.diagram)
                let screen = state.render()
                for y in (layout.diagram.y + 1)..<layout.diagram.maxY {
                    var x = layout.diagram.x
                    while x < view.zoneMaxX {
                        // `●#5` marks a send row at the sender in the sequence view, not a label.
                        guard screen[x, y].char == "#", x == 0 || screen[x - 1, y].char != "●", let (id, end) = Self.label(screen, at: x, y: y, to: view.zoneMaxX),
                              let m = state.core.messageInfo(id) else { x += 1; continue }
                        let ends = [view.column(m.from.index), view.column(m.to.index)]
                        let inFlight = state.index.endRow[id - 1] < 0
                        // Beside its own line: overlapping its span, and inside it where it is an arrow's.
                        let inside = x > ends.min()! && end < ends.max()!
                        #expect(end > ends.min()! && x < ends.max()! && (mode == .spaceTime && !inFlight || inside),
                                "\(run) \(size) \(mode): #\(id) at columns \(x)...\(end), its lifelines at \(ends)")
                        x = end + 1
                    }
                }
            }
        }
    }

    /// The id of the label starting at `x` and its last column: `#`, digits,
    /// then words separated by single blanks, up to a line, a lifeline or two blanks.
    static func label(_ screen: ScreenBuffer, at x: Int, y: Int, to maxX: Int) -> (MessageID, Int)? {
        var digits = "", end = x + 1
        while end < maxX, let d = screen[end, y].char.wholeNumberValue { digits.append(String(d)); end += 1 }
        guard let id = Int(digits) else { return nil }
        /// A line, a lifeline, an arrow (box drawing) or a mark: not part of a label.
        func drawing(_ c: Character) -> Bool {
            guard let v = c.unicodeScalars.first?.value else { return false }
            return DiagramView.isBraille(c) || (0x2500...0x25FF).contains(v) || "▶◀▷◁╳◆●◎✕↺".contains(c)
        }
        while end < maxX {
            let c = screen[end, y].char
            let next = end + 1 < maxX ? screen[end + 1, y].char : " "
            if c == " " && (next == " " || drawing(next)) { break }
            if drawing(c) { break }
            end += 1
        }
        return (id, end - 1)
    }
}
