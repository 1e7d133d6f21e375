import Scenario
import Sim
import Testing
@testable import TUI

/// Every message can be followed with the eye: in the space-time view one
/// straight digital line from its send to its receive, in the sequence view
/// one horizontal run on its receive row; never a staircase.
@Suite struct DiagramLineTests {
    struct Run: Sendable, CustomStringConvertible {
        let name: String
        let commands: [String]
        var description: String { name }
    }

    static let runs = [
        Run(name: "raft 3 nodes", commands: ["cluster raft nodes=3 seed=7", "timeout A", "run until leader",
                                             "propose A x", "propose A y", "step 30"]),
        Run(name: "raft 5 nodes", commands: ["cluster raft nodes=5 seed=3", "timeout C", "run until leader",
                                             "propose C x", "step 40"]),
        Run(name: "lamport 9 nodes", commands: ["cluster lamport nodes=9 seed=5 latency=1..9", "send A I", "send I A",
                                                "send B H", "send E A", "send D F", "send A B", "send H C",
                                                "send C G", "step 3", "send F B", "send G D", "run"]),
    ]
    static let sizes = [(80, 24), (120, 36), (200, 60)]

    static func state(_ run: Run, _ size: (Int, Int), mode: DiagramMode) throws -> AppState {
        var session = try PlaySession(clusterLine: run.commands[0])
        for command in run.commands.dropFirst() {
            if let error = session.run(text: command) { Issue.record("\(run): \(command): \(error)") }
        }
        var state = AppState(session: session, width: size.0, height: size.1)
        state.diagramMode = mode
        state.normalise()
        return state
    }

    @Test(arguments: runs)
    func spaceTimeLinesAreStraight(_ run: Run) throws {
        var checked = 0
        for size in Self.sizes {
            let state = try Self.state(run, size, mode: .spaceTime)
            let layout = try #require(Layout(width: size.0, height: size.1))
            let view = DiagramView(state: state, rect: layout.diagram)
            var screen = ScreenBuffer(width: size.0, height: size.1)
            let (canvas, origin) = try #require(view.drawReturningCanvas(&screen))
            #expect(!screen.lines.joined().contains { "╭╮╯╰".contains($0) }, "\(run) \(size): a staircase")
            let rows = view.top..<min(state.core.eventCount, view.top + view.visibleRows)
            for id in state.index.messages(touching: rows) {
                let m = try #require(state.core.messageInfo(id))
                let e = view.lineEnds(m)
                guard !e.open, rows.contains(e.start.row), rows.contains(e.head.row) else { continue }
                checked += 1
                // The head is the message's, beside the receiver.
                #expect(canvas.owner(x: e.head.x - origin.x, y: view.y(e.head.row) - origin.y) == id)
                let x0 = Double(e.start.x), x1 = Double(e.head.x - e.dir)
                let span = Double(max(1, e.head.row - e.start.row))
                for row in e.start.row...e.head.row {
                    let ideal = x0 + (x1 - x0) * Double(row - e.start.row) / span
                    let cy = view.y(row) - origin.y
                    let mine = (0..<canvas.width).filter { cx in
                        let o = canvas.owner(x: cx, y: cy)
                        return o == id || (o == BrailleCanvas.shared && abs(Double(cx + origin.x) - ideal) <= 1.5)
                    }
                    // On every row it crosses, the line is there, and only near the straight path.
                    #expect(row == e.head.row || !mine.isEmpty, "\(run) \(size) #\(id): gap at row \(row)")
                    for cx in mine where cx + origin.x != e.head.x {
                        let off = abs(Double(cx + origin.x) - ideal)
                        #expect(off <= Double(abs(e.head.x - e.start.x)) / span + 1.5,
                                "\(run) \(size) #\(id): cell \(cx + origin.x) is \(off) off the line at row \(row)")
                    }
                }
            }
        }
        #expect(checked >= 10)
    }

    @Test(arguments: runs)
    func sequenceArrowsAreHorizontal(_ run: Run) throws {
        for size in Self.sizes {
            let state = try Self.state(run, size, mode: .sequence)
            let screen = state.render()
            let layout = try #require(Layout(width: size.0, height: size.1))
            let view = DiagramView(state: state, rect: layout.diagram)
            #expect(!screen.lines.joined().contains { "╭╮╯╰".contains($0) }, "\(run) \(size): a staircase")
            let rows = view.top..<min(state.core.eventCount, view.top + view.visibleRows)
            for id in state.index.messages(touching: rows) {
                let end = state.index.endRow[id - 1]
                guard end >= 0, rows.contains(end), core(state).event(end).kind == .receive,
                      let m = state.core.messageInfo(id) else { continue }
                let xs = view.column(m.from.index), xr = view.column(m.to.index)
                let yy = view.y(end)
                #expect(screen[xr, yy].char == (xr > xs ? "▶" : "◀"), "\(run) \(size) #\(id): no head")
                // One run from the sender's lifeline to the head: line glyphs at both
                // ends, and no blank but the spaces between the label's words.
                let between = (min(xs, xr) + 1)..<max(xs, xr)
                #expect("─┼".contains(screen[xs + (xr > xs ? 1 : -1), yy].char), "\(run) \(size) #\(id): no run")
                #expect("─┼".contains(screen[xr - (xr > xs ? 1 : -1), yy].char), "\(run) \(size) #\(id): no run")
                #expect(between.filter { screen[$0, yy].char == " " }.count <= 3, "\(run) \(size) #\(id): gaps")
            }
        }
    }

    func core(_ state: AppState) -> any SessionCore { state.core }
}
