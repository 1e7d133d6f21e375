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
