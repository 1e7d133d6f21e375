import Foundation
import Lessons
import Testing
import TestSupport

/// SIGKILL at random moments while the real binary rewrites the progress
/// file in a loop: the file is always one whole version, never torn.
@Suite struct KillSafetyTests {
    @Test func sigkillDuringProgressWritesLeavesAWholeFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/progress.json"
        // A first, known version.
        let first = try Subprocess.run(Paths.batonBinary, ["_progress-writer", file, "--saves", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        var delays: [UInt32] = [5_000, 20_000, 50_000, 80_000, 120_000]
        delays += (0..<15).map { UInt32(10_000 + $0 * 7_919) }
        for delay in delays {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: Paths.batonBinary)
            writer.arguments = ["_progress-writer", file]
            try writer.run()
            usleep(delay)
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            #expect(writer.terminationReason == .uncaughtSignal)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            let ids = ProgressStore.decode(bytes)
            #expect(ids?.first == "first" && (ids?.count == 1 || ids?.count == 201),
                    "torn progress file after SIGKILL at \(delay) µs: \(String(decoding: bytes.prefix(120), as: UTF8.self))")
        }
        // A fresh store reads it without setting anything aside.
        let store = ProgressStore(path: file)
        #expect(store.warning == nil && store.isComplete("first"))
        // The next save clears the temp files the killed writers left.
        let last = try Subprocess.run(Paths.batonBinary, ["_progress-writer", file, "--saves", "1"])
        #expect(last.status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(left == ["progress.json"], "left behind: \(left)")
    }
}
