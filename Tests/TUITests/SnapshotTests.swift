import Scenario
import Foundation
import Lessons
import Testing
import TestSupport
@testable import TUI

/// Screen snapshots: `render(state)` compared with text files in Snapshots/.
/// `BATON_RECORD=1 swift test --filter SnapshotTests` rewrites them.
@Suite struct SnapshotTests {
    static let directory = Paths.packageRoot + "/Tests/TUITests/Snapshots"

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let cluster: String
        let commands: [String]
        let width: Int
        let height: Int
        var ascii = false
        var actions: [AppAction] = []
        var description: String { name }
    }

    static let protocolRuns: [(String, String, [String])] = [
        ("lamport", "cluster lamport nodes=3", ["local A", "send A B m1", "local C", "deliver #1", "send B C m2",
                                                  "local A", "deliver #2"]),
        ("vector", "cluster vector nodes=3", ["local A", "send A B m1", "deliver #1", "send B C m2", "local C",
                                               "send C A m3", "step 2"]),
        ("fifo-broadcast", "cluster fifo-broadcast nodes=3 latency=1..1",
         ["broadcast A m1", "broadcast A m3", "delay #1 5", "step 3"]),
        ("causal-broadcast", "cluster causal-broadcast nodes=3",
         ["broadcast A m1", "deliver #2", "broadcast C m2", "deliver #4"]),
        ("raft", "cluster raft nodes=3 seed=7", ["timeout A", "run until leader", "propose A x", "step 6"]),
        ("paxos", "cluster paxos nodes=3 seed=7", ["propose A x", "run until decided"]),
    ]

    static let cases: [Case] = protocolRuns.flatMap { run in
        [Case(name: "\(run.0)-80x24", cluster: run.1, commands: run.2, width: 80, height: 24),
         Case(name: "\(run.0)-160x48", cluster: run.1, commands: run.2, width: 160, height: 48)]
    } + [
        Case(name: "raft-dropped", cluster: "cluster raft nodes=3 seed=7",
             commands: ["timeout A", "drop #1", "step 3"], width: 100, height: 24),
        Case(name: "raft-crash", cluster: "cluster raft nodes=3 seed=7",
             commands: ["timeout A", "run until leader", "crash A", "run until B.currentTerm=2", "step 4"],
             width: 100, height: 30),
        Case(name: "raft-partition", cluster: "cluster raft nodes=5 seed=7",
             commands: ["timeout A", "run until leader", "partition A,B | C,D,E", "step 3"], width: 120, height: 30),
        Case(name: "raft-violation", cluster: "cluster raft nodes=3 seed=4 unsafe=double-vote election-timeout=50..80",
             commands: ["timeout A", "timeout B", "deliver A->C", "deliver B->C", "deliver C->A", "deliver C->B"],
             width: 100, height: 28),
        Case(name: "raft-ascii", cluster: "cluster raft nodes=3 seed=7",
             commands: ["timeout A", "run until leader"], width: 80, height: 24, ascii: true),
        Case(name: "too-small", cluster: "cluster raft nodes=3", commands: [], width: 50, height: 12),
        Case(name: "help", cluster: "cluster lamport nodes=2", commands: [], width: 80, height: 24,
             actions: [.toggleHelp]),
        Case(name: "inspect", cluster: "cluster vector nodes=3",
             commands: ["local A", "send A B m1", "local C", "deliver #1", "send B C m2", "deliver #2"],
             width: 100, height: 20, actions: [.scrollUp(2), .inspect]),
    ]

    static func state(_ c: Case) throws -> AppState {
        var session = try PlaySession(clusterLine: c.cluster)
        for command in c.commands {
            if let error = session.run(text: command) { Issue.record("\(c.name): \(command): \(error)") }
        }
        var state = AppState(session: session, width: c.width, height: c.height, glyphs: c.ascii ? .ascii : .unicode)
        for action in c.actions { state.reduce(action) }
        state.normalise()
        return state
    }

    @Test(arguments: cases)
    func snapshot(_ c: Case) throws {
        let screen = try Self.state(c).render()
        #expect(screen.width == c.width && screen.height == c.height)
        let actual = screen.lines.joined(separator: "\n") + "\n"
        let path = Self.directory + "/\(c.name).txt"
        if GoldenFile.recording || !FileManager.default.fileExists(atPath: path) {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            if !GoldenFile.recording { Issue.record("recorded a new snapshot \(c.name); check it in") }
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "snapshot \(c.name) differs:\n\(actual)")
    }

    /// A lesson beside the diagram: narration, progress, the current ask.
    @Test func lessonScreen() throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: "raft-election"))
        var state = try AppState(lesson: lesson, width: 120, height: 36)
        state.reduce(.step)   // past the first pause
        let actual = state.render().lines.joined(separator: "\n") + "\n"
        let path = Self.directory + "/lesson-raft-election.txt"
        if GoldenFile.recording || !FileManager.default.fileExists(atPath: path) {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == (try String(contentsOfFile: path, encoding: .utf8)))
    }

    @Test func asciiScreenHasNoNonASCIICharacters() throws {
        let c = Self.cases.first { $0.ascii }!
        let screen = try Self.state(c).render()
        #expect(screen.lines.allSatisfy { $0.allSatisfy(\.isASCII) })
    }
}
