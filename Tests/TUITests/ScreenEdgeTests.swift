import Scenario
import Testing
@testable import TUI

/// What the edges of the screen keep when room runs out (found by a
/// reviewer at 80×24): the selected node's header, the side panel's last
/// rows, the title.
@Suite struct ScreenEdgeTests {
    /// Raft on 5 nodes after an election, at `size`, node A selected.
    static func raft5(_ size: (Int, Int)) throws -> AppState {
        try DiagramLineTests.state(DiagramLineTests.runs[1], size, mode: .spaceTime)
    }

    /// At 80 columns 5 nodes leave 8 columns a header: `▸A lead…` cut the
    /// term away beside `B fol t1`. The mark gives way to reverse video
    /// (which reads without colour too) when it would cost what the others keep.
    @Test func theSelectedHeaderKeepsItsTerm() throws {
        var state = try Self.raft5((80, 24))
        let layout = try #require(Layout(width: 80, height: 24))
        for node in 0..<5 {
            state.selectedNode = node
            let screen = state.render()
            let header = screen.lines[layout.diagram.y]
            #expect(!header.contains("…"), "node \(node): \(header)")
            let terms = header.split(separator: " ").filter { $0.hasPrefix("t") && Int($0.dropFirst()) != nil }
            #expect(terms.count == 5, "node \(node): every header keeps its term: \(header)")
            let name = Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(node)))
            let x = try #require(header.firstIndex(of: name).map { header.distance(from: header.startIndex, to: $0) })
            #expect(screen[x, layout.diagram.y].style.reverse, "node \(node): the selection does not show: \(header)")
        }
    }

    /// Where the mark costs nothing, it stays and the header is not reversed.
    @Test func theMarkStaysWhereItFits() throws {
        let state = try Self.raft5((200, 60))
        let layout = try #require(Layout(width: 200, height: 60))
        let screen = state.render()
        let header = screen.lines[layout.diagram.y]
        #expect(header.contains("▸"), "\(header)")
        let x = try #require(header.firstIndex(of: "▸").map { header.distance(from: header.startIndex, to: $0) })
        #expect(!screen[x, layout.diagram.y].style.reverse)
    }

    /// A panel taller than its room ends in `… N more lines`, not in a list
    /// cut mid-way that reads as whole.
    @Test func aCutPanelSaysHowMuchIsLeft() throws {
        let state = try Self.raft5((80, 24))
        let layout = try #require(Layout(width: 80, height: 24))
        let lines = state.render().lines
        let last = String(lines[layout.side.maxY - 1].dropFirst(layout.side.x))
        #expect(last.range(of: "… [0-9]+ more lines", options: .regularExpression) != nil, "\(last)")
        let tall = try Self.raft5((120, 60))
        let roomy = try #require(Layout(width: 120, height: 60))
        #expect(!tall.render().lines[roomy.side.y..<roomy.side.maxY].contains { $0.contains("more lines") })
    }

    /// A title longer than the top border is cut with `…` and keeps a blank
    /// and a rule before the corner.
    @Test func aLongTitleIsCutBeforeTheCorner() throws {
        let run = DiagramLineTests.Run(name: "unsafe", commands: ["cluster raft nodes=3 seed=3 unsafe=double-vote",
                                                                  "timeout A", "step 20"])
        let state = try DiagramLineTests.state(run, (60, 24), mode: .spaceTime)
        let top = state.render().lines[0]
        #expect(top.hasSuffix("… ─┐"), "\(top)")
    }

    /// The title gives up the seed, then the mode's detail, before the
    /// step, the time or `in the past` (a reviewer lost `in the past` at 80).
    @Test func aTitleKeepsTheStepAndTimeLongest() throws {
        let run = DiagramLineTests.Run(name: "unsafe", commands: ["cluster raft nodes=3 seed=3 unsafe=double-vote",
                                                                  "timeout A", "step 20"])
        var state = try DiagramLineTests.state(run, (120, 36), mode: .spaceTime)
        _ = state.reduce(.back)
        let full = state.titleText
        #expect(full.contains("seed 3") && full.contains("in the past"), "\(full)")
        let short = state.titleText(fitting: TextWidth.of(full) - 1)
        #expect(!short.contains("seed") && short.contains("in the past") && short.contains("t="), "\(short)")
    }

    /// The in-flight heading says how many of the messages its rows list.
    @Test func theInFlightHeadingSaysHowManyItLists() throws {
        let state = try Self.raft5((80, 24))
        let panel = state.render().lines.joined(separator: "\n")
        let count = state.core.inflight.count
        #expect(count > 1)
        #expect(panel.range(of: "In flight \\(\(count), [0-9]+ shown\\)", options: .regularExpression) != nil, "\(panel)")
    }
}
