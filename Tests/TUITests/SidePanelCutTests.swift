import Scenario
import Testing
@testable import TUI

/// Text the side panel cuts to a few lines says so with `…` (a reviewer
/// read `also used by: paxos Prepare, paxos` as the whole list).
@Suite struct SidePanelCutTests {
    func panel() throws -> SidePanel {
        let state = AppState(session: try PlaySession(clusterLine: "cluster raft nodes=3 seed=1"), width: 120, height: 36)
        return SidePanel(state: state, rect: Rect(x: 0, y: 0, width: 30, height: 20))
    }

    @Test func aCutListEndsInAnEllipsis() throws {
        let lines = try panel().wrap("also used by: paxos Prepare, paxos Accept, paxos Accepted, broadcast Broadcast",
                                     width: 20, lines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"), "\(lines)")
        #expect(lines.allSatisfy { TextWidth.of($0) <= 20 })
    }

    @Test func textThatFitsIsLeftWhole() throws {
        let lines = try panel().wrap("2b broadcast-and-collect", width: 30, lines: 2)
        #expect(lines == ["2b broadcast-and-collect"])
        #expect(try panel().wrap("anything", width: 30, lines: 0).isEmpty)
    }
}
