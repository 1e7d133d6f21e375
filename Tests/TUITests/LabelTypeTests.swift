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

    /// Most labels keep their type at 120 and 200 columns; the few that
    /// lose it, or have no room at all, are where lines cross so densely
    /// that no row of theirs has room (their `#id` is in the event text and
    /// the panel). Before labels went before their line and down lines
    /// entering from the top, 7 or 8 lost their type in each Raft run here,
    /// and at 200 columns there were fewer than twice as many whole labels
    /// as cut or missing ones.
    @Test(arguments: DiagramLineTests.runs)
    func labelsKeepTheirType(_ run: DiagramLineTests.Run) throws {
        for size in DiagramLineTests.sizes.dropFirst() {
            let state = try DiagramLineTests.state(run, size, mode: .spaceTime)
            let (whole, short, missing) = try Self.labels(state, size)
            #expect(short.count <= 5, "\(run) \(size): \(short) lost their type")
            if size.0 == 200 {
                #expect(whole >= 2 * (short.count + missing.count),
                        "\(run) \(size): \(whole) whole, \(short) cut, \(missing) with none")
            }
        }
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
}
