import Export
import Foundation
import Protocols
import Scenario
import Sim
import Testing
import TestSupport

// The `.baton` and JSON round trips of every protocol are in the conformance suite.

@Suite struct FormatTests {
    /// A run with a drop, a delay that makes one message cross another, a
    /// crash and a partition.
    static let eventful = """
        cluster lamport nodes=3 seed=4 latency=1..1
        send A B m1
        send A B m2
        delay #1 3
        step
        send B C m3
        drop #3
        crash C
        send A C m4
        step 4
        partition A | B,C
        send A B m5
        run
        heal
        """

    static func session(_ text: String = eventful) throws -> ScenarioSession {
        let outcome = ScenarioRunner.run(file: "e.baton", text: text)
        return try #require(outcome.session, "\(outcome.errors)")
    }

    @Test func mscgenKeepsRealRowsWithArcskip() throws {
        let out = MscgenExport.render(try Self.session().core)
        #expect(out.hasPrefix("# baton lamport seed 4\nmsc {"))
        #expect(out.contains("\"A\"=>\"B\" [label=\"#1 m1 t=1 [4c]\", arcskip=\"10\"]"))   // delayed: lands 10 rows down, after #2
        #expect(out.contains("-x"))
        #expect(out.contains("note \"C\" [label=\"crash\""))
        #expect(out.contains("--- [label=\"partition A | B,C\"]"))
    }

    @Test func plantumlUsesNoSlantedArrows() throws {
        let out = PlantUMLExport.render(try Self.session().core)
        #expect(out.hasPrefix("@startuml") && out.hasSuffix("@enduml\n"))
        #expect(!out.contains("->("))
        #expect(out.contains("...\n"), "the crossing is shown with a spacer")
        #expect(out.contains("->x"))
    }

    @Test func mermaidOrdersByDelivery() throws {
        let out = MermaidExport.render(try Self.session().core)
        #expect(out.hasPrefix("sequenceDiagram\n"))
        #expect(out.contains("N0->>N1: #35;2 m2"))
        #expect(out.contains("-x"))
    }

    /// ShiViz's rules: a host's own entry starts at 1 and grows by exactly 1
    /// per logged event; clocks never go backwards; a receive dominates its send.
    @Test(arguments: ProtocolCatalog.ids)
    func shivizClocksObeyTheRules(protocolID: String) throws {
        let text = RandomScenario.script(seed: 3, protocolID: protocolID, lines: 60)
        let out = ShiVizExport.render(try Self.session(text).core)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == ShiVizExport.regex && lines[1].isEmpty)
        var last: [String: [String: Int]] = [:]
        var i = 2
        var logged = 0
        while i + 1 < lines.count, !lines[i].isEmpty {
            let parts = lines[i].split(separator: " ", maxSplits: 1)
            let host = String(parts[0])
            let clock = try #require(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [String: Int])
            let previous = last[host] ?? [:]
            #expect(clock[host] == (previous[host] ?? 0) + 1, "line \(i + 1): \(lines[i])")
            for (h, v) in previous { #expect((clock[h] ?? 0) >= v, "line \(i + 1) went backwards") }
            #expect(clock.values.allSatisfy { $0 >= 1 })
            last[host] = clock
            logged += 1
            i += 2
        }
        #expect(logged >= 10)
    }

    /// A trace whose version is written `1.0` or `"1"` has a version; one
    /// that is not a whole number is named as such.
    @Test func aTraceVersionIsReadHoweverItIsWritten() throws {
        for version in ["1.0", "\"1\"", "1"] {
            let json = "{\"format\": \"baton-trace\", \"version\": \(version), \"commands\": [\"cluster lamport nodes=2\"]}"
            #expect(try Transcripts.jsonCommands(file: "t.json", bytes: Array(json.utf8)) == ["cluster lamport nodes=2"])
        }
        let bad = "{\"format\": \"baton-trace\", \"version\": 1.5, \"commands\": [\"cluster lamport nodes=2\"]}"
        #expect(throws: (any Error).self) { try Transcripts.jsonCommands(file: "t.json", bytes: Array(bad.utf8)) }
        do { _ = try Transcripts.jsonCommands(file: "t.json", bytes: Array(bad.utf8)) } catch {
            #expect("\(error)".contains("version `1.5` is not a whole number"))
        }
    }

    /// Control characters never reach a label (the parser refuses them,
    /// DESIGN §4); the printable characters each format treats specially are
    /// escaped by each exporter.
    @Test func hostileLabelsCannotBreakOut() throws {
        let control = "x\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{202E}"
        let refused = ScenarioRunner.run(file: "e.baton", text: "cluster lamport nodes=2\nsend A B \"\(control)\"\n")
        #expect(refused.exitCode == 2 && refused.session == nil)
        let hostile = "x[2J]52;c;ZXZpbA==|;#]\\\"end"
        let text = "cluster lamport nodes=2\nsend A B \"\(hostile.replacingOccurrences(of: "\"", with: ""))\"\nstep\n"
        let s = try Self.session(text)
        let msc = MscgenExport.render(s.core)
        #expect(msc.contains(#"\\"#))
        #expect(!MermaidExport.render(s.core).contains(";#]"))
        let json = JSONTrace.render(s)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }
}

/// The exports open in the real tools (Debian's mscgen and PlantUML; `.ci/run`
/// installs them, and in CI their absence is a failure).
@Suite struct RealToolTests {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static func has(_ tool: String) -> Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + tool) }

    func render(_ tool: String, _ args: [String], source: String, ext: String) throws -> (ProcessResult, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-\(tool)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let input = dir + "/run." + ext
        try source.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try Subprocess.run("/usr/bin/" + tool, args.map { $0.replacingOccurrences(of: "IN", with: input)
            .replacingOccurrences(of: "DIR", with: dir) }, timeoutSeconds: 120)
        return (result, dir)
    }

    @Test(.enabled(if: has("mscgen") || inCI)) func mscgenRendersIt() throws {
        let (result, dir) = try render("mscgen", ["-T", "png", "-i", "IN", "-o", "DIR/run.png"],
                                       source: MscgenExport.render(try FormatTests.session().core), ext: "msc")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/run.png"))
    }

    @Test(.enabled(if: has("plantuml") || inCI)) func plantumlRendersIt() throws {
        let (result, dir) = try render("plantuml", ["-tpng", "-failfast2", "IN"],
                                       source: PlantUMLExport.render(try FormatTests.session().core), ext: "puml")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/run.png"))
    }
}
