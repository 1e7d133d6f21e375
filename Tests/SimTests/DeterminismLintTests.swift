import Foundation
import Testing
import TestSupport

/// DESIGN.md §1.2: the engine and protocols never read the clock, never draw
/// unseeded randomness, and never depend on Dictionary or Set order.
@Suite struct DeterminismLintTests {
    static let forbidden = [
        "Date()", "SystemRandomNumberGenerator", "DispatchTime", ".random(", ".shuffled()",
        ".randomElement()", "arc4random", "clock_gettime", "time(nil)",
    ]

    static func sources() throws -> [(String, String)] {
        var files: [(String, String)] = []
        for dir in ["Sources/Sim", "Sources/Protocols"] {
            let root = Paths.packageRoot + "/" + dir
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let name = walker.nextObject() as? String {
                guard name.hasSuffix(".swift") else { continue }
                let text = try String(contentsOfFile: root + "/" + name, encoding: .utf8)
                // Comments may name what the code must not do.
                let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
                }
                files.append((dir + "/" + name, code.joined(separator: "\n")))
            }
        }
        return files
    }

    @Test func noClockOrUnseededRandomness() throws {
        let files = try Self.sources()
        #expect(files.count > 10)
        for (path, text) in files {
            for pattern in Self.forbidden {
                #expect(!text.contains(pattern), "\(path) uses \(pattern)")
            }
        }
    }

    /// Dictionary keys and values are only ever read sorted.
    @Test func dictionaryOrderIsNeverObserved() throws {
        for (path, text) in try Self.sources() {
            for (i, line) in text.split(separator: "\n").enumerated()
            where line.contains(".keys") || line.contains(".values") {
                #expect(line.contains(".keys.sorted()") || line.contains(".values.sorted("),
                        "\(path):\(i + 1) reads a dictionary in hash order")
            }
        }
    }
}
