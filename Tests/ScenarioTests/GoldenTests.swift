import Foundation
import Testing
import TestSupport

/// Every file in `Scenarios/<protocol>/` replays to its recorded output.
/// `BATON_RECORD=1 swift test --filter GoldenTests` rewrites them.
@Suite struct GoldenTests {
    static let directory = Paths.packageRoot + "/Tests/ScenarioTests/Scenarios"

    /// `raft/raft-election-3.txt`, ...: one folder per protocol.
    static var files: [String] {
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func thereAreGoldens() {
        #expect(Self.files.count >= 6)
    }

    @Test(arguments: files)
    func golden(_ name: String) throws {
        let path = Self.directory + "/" + name
        let golden = try GoldenFile(path: path)
        let actual = golden.run()
        if GoldenFile.recording {
            try golden.rewritten(with: actual).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(golden.blocks.count == actual.count)
        for (i, (block, output)) in zip(golden.blocks, actual).enumerated() {
            #expect(block.expected == output, "\(name) block \(i + 1) (line \(block.input.first?.line ?? 0))")
        }
    }
}
