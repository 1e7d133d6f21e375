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

    /// Every snapshot file but the lesson's, each with its inputs above its
    /// screen. (Each protocol's own two screens sit in its golden folder and
    /// the conformance suite checks them.)
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".txt") && !$0.hasPrefix("lesson-") }.sorted()
    }()

    @Test func thereAreScreens() { #expect(Self.cases.count >= 8) }

    @Test(arguments: cases)
    func snapshot(_ name: String) throws {
        let snapshot = try SnapshotFile(path: Self.directory + "/" + name)
        if let difference = try SnapshotFile.check(snapshot, path: Self.directory + "/" + name) {
            Issue.record("\(difference)")
        }
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
        let snapshot = try SnapshotFile(path: Self.directory + "/raft-ascii.txt")
        #expect(snapshot.ascii)
        #expect(try snapshot.render().allSatisfy(\.isASCII))
    }
}
