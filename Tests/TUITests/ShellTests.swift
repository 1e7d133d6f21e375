import Export
import Foundation
import Scenario
import Testing
@testable import TUI

@Suite struct ShellTests {
    @Test func autoplayStepsOnTicksAndStopsWhenIdle() throws {
        var s = AppState(session: try PlaySession(clusterLine: "cluster lamport nodes=2 latency=1..1"), width: 100, height: 30)
        _ = s.session.run(text: "send A B m1")
        s.reduce(.togglePlay)
        #expect(s.playing && s.playIntervalMs == 500)
        s.reduce(.faster)
        #expect(s.playIntervalMs == 250)
        s.reduce(.tick)
        #expect(s.core.step == 2)
        s.reduce(.tick)
        #expect(!s.playing, "autoplay stops when nothing is left")
    }

    @Test func exportWritesTheScriptWithoutOverwriting() throws {
        var s = AppState(session: try PlaySession(clusterLine: "cluster raft nodes=3 seed=7"), width: 100, height: 30)
        s.reduce(.fireTimeout)
        s.reduce(.step)
        let effects = s.reduce(.export)
        #expect(effects.count == 2)
        guard case .export(let name, let contents)? = effects.last else {
            Issue.record("no export effect")
            return
        }
        #expect(name == "baton-raft-7-2.baton")
        #expect(contents == "cluster raft nodes=3 seed=1\ntimeout A\nstep\n".replacingOccurrences(of: "seed=1", with: "seed=7"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try SafeFile.writeNew(directory: dir, name: name, contents: contents)
        let second = try SafeFile.writeNew(directory: dir, name: name, contents: "other")
        #expect(first.hasSuffix("/baton-raft-7-2.baton") && second.hasSuffix("/baton-raft-7-2-1.baton"))
        #expect(try String(contentsOfFile: first, encoding: .utf8) == contents)
        // The exported script replays to the same run.
        let replay = ScenarioRunner.run(file: first, text: contents)
        #expect(replay.exitCode == 0 && replay.session?.core.eventCount == s.core.eventCount)
        #expect(throws: SafeFile.Failure.self) { try SafeFile.writeNew(directory: "/proc", name: "x.baton", contents: "") }
        guard case .export(let mdName, let md)? = effects.first else { return }
        #expect(mdName == "baton-raft-7-2.md")
        #expect(md.contains("## Diagram") && md.contains("```baton\ncluster raft nodes=3 seed=7\ntimeout A\nstep\n```"))
    }

    /// `baton run --format md` takes over the file's run instead of running
    /// it again: the same log, steps and report as a replay of its commands.
    @Test func aFinishedRunReportsAsItsReplay() throws {
        let text = "cluster raft nodes=3 seed=7\ntimeout A\nstep 3\ndrop B->A\nrun max=40\nexpect leader\n"
        let session = try #require(ScenarioRunner.run(file: "s.baton", text: text).session)
        let taken = try PlaySession(finished: session)
        let replayed = try PlaySession(commands: session.commands)
        #expect(taken.script == replayed.script)
        #expect(taken.log.map(\.step) == replayed.log.map(\.step) && taken.log.map(\.text) == replayed.log.map(\.text))
        let a = AppState(session: taken, width: 120, height: 40).markdownReport(date: "d")
        let b = AppState(session: replayed, width: 120, height: 40).markdownReport(date: "d")
        #expect(a == b && a.contains("- step 5: `drop B->A`"))
    }

    /// A long run's report draws the diagram's first and last rows, names
    /// the events between, and still lists every event in the table.
    @Test func aLongReportBoundsItsDiagramButNotItsTable() throws {
        var session = try PlaySession(clusterLine: "cluster raft nodes=3 seed=7 heartbeat=5")
        _ = session.run(text: "run max=3000")
        let n = session.core.eventCount
        try #require(n > AppState.reportDiagramRowsMax)
        let md = AppState(session: session, width: 120, height: 40).markdownReport(date: "test")
        let diagram = md.components(separatedBy: "## Diagram")[1].components(separatedBy: "## Events")[0]
        let rows = diagram.split(separator: "\n").filter { ($0.contains("│") || $0.contains("┤") || $0.contains("├")) && !$0.hasPrefix("▸") }
        #expect(rows.count == AppState.reportDiagramRowsMax, "first and last halves drawn")
        #expect(diagram.contains("\(n - AppState.reportDiagramRowsMax) events not drawn (steps "))
        #expect(diagram.contains("the Events table lists every one"))
        let table = md.components(separatedBy: "## Events")[1].components(separatedBy: "## Exchanges")[0]
        #expect(table.split(separator: "\n").count == n + 2, "header, rule and one row per event")
        // The last drawn row is the run's last event.
        let lastRow = rows.last.map(String.init) ?? ""
        #expect(lastRow.contains(String(EventText.describe(session.core, n - 1, withState: false).prefix(20))))
    }

    /// A symlink planted at the export's name is never followed: the target
    /// stays untouched and the export takes the next free name.
    @Test func exportNeverFollowsASymlink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-link-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim.txt"
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/x.baton", withDestinationPath: victim)
        let path = try SafeFile.writeNew(directory: dir, name: "x.baton", contents: "cluster raft nodes=3\n")
        #expect(path.hasSuffix("/x-1.baton"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        #expect(throws: SafeFile.Failure.self) { try SafeFile.writeExclusive(dir + "/x.baton", "y") }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    }
}
