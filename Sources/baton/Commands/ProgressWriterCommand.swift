import ArgumentParser
import Foundation
import Lessons

/// Hidden: rewrites a progress file in a loop, so that a test can kill the
/// process mid-write and check the file is always whole (issue 8, kill safety).
struct ProgressWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_progress-writer",
        abstract: "Test aid: save progress in a loop until killed.",
        shouldDisplay: false
    )

    @Argument(help: "The progress file to rewrite.")
    var file: String

    @Option(help: "Stop after this many saves (0: until killed).")
    var saves: Int = 0

    func run() throws {
        var store = ProgressStore(path: file)
        // Alternate between a short list and a long one, so a torn write
        // would show as a truncated or mixed file.
        let ids = (0..<200).map { "lesson-\($0)-" + String(repeating: "x", count: 40) }
        var i = 0
        while saves == 0 || i < saves {
            store.setCompleted(i % 2 == 0 ? ["first"] : ["first"] + ids)
            try store.save()
            i += 1
        }
    }
}
