import Foundation
import Sim
import Testing
@testable import TUI

/// A label may drop fields but never the `#id`, the type or the primitive
/// tags (issue 13): where the send row has no room it goes further along
/// its own line, on either side of it, before it is ever shortened.
@Suite struct LabelTypeTests {
    /// Labels on screen that lost their type: `#12 2b·4b` or a bare `#12`.
    static func shortened(_ state: AppState, _ rect: Rect) -> (whole: Int, short: [String]) {
        let lines = state.render().lines
        var whole = 0, short: [String] = []
        let pattern = try! NSRegularExpression(pattern: "#[0-9]+( [A-Za-z][A-Za-z]*)?")
        for y in rect.y..<rect.maxY {
            let row = String(lines[y].prefix(rect.maxX))
            let ns = row as NSString
            for match in pattern.matches(in: row, range: NSRange(location: 0, length: ns.length)) {
                if match.range(at: 1).location != NSNotFound { whole += 1 } else { short.append(ns.substring(with: match.range)) }
            }
        }
        return (whole, short)
    }

    /// Most labels keep their type at 120 and 200 columns; the few that
    /// lose it are where lines cross so densely that no row of theirs has
    /// room. Before labels went before their line and down lines entering
    /// from the top, 7 or 8 lost it in each Raft run here (now 3 to 5).
    @Test(arguments: DiagramLineTests.runs)
    func labelsKeepTheirType(_ run: DiagramLineTests.Run) throws {
        for size in DiagramLineTests.sizes.dropFirst() {
            let state = try DiagramLineTests.state(run, size, mode: .spaceTime)
            let layout = try #require(Layout(width: size.0, height: size.1))
            let (whole, short) = Self.shortened(state, layout.diagram)
            #expect(short.count <= 5, "\(run) \(size): \(short) lost their type")
            #expect(whole >= 2 * short.count, "\(run) \(size): \(whole) whole, \(short) lost their type")
        }
    }
}
