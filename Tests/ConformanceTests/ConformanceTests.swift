import Export
import Foundation
import Protocols
import Scenario
import Sim
import Testing
import TestSupport
import TUI

/// Every registered protocol meets the same demands (docs/ADDING-A-PROTOCOL.md):
/// a complete descriptor, goldens, screen snapshots and a benchmark
/// (`Conformance.problems`), and the engine's promises checked on random
/// fault schedules. A protocol added to the registry is tested by every one
/// of these without a line changed here.
@Suite struct ConformanceTests {
    static let ids = ProtocolCatalog.ids
    static func entry(_ id: String) -> ProtocolEntry { ProtocolCatalog.entry(id: id)! }

    @Test(arguments: ids)
    func hasEveryPiece(_ id: String) {
        let problems = Conformance.problems(Self.entry(id))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Same scenario and seed twice: byte-identical JSON, for 200 random
    /// fault schedules; none ends in an error.
    @Test(arguments: ids)
    func sameSeedGivesByteIdenticalJSON(_ id: String) {
        var faults = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed, protocolID: id)
            let first = ScenarioRunner.run(file: "a.baton", text: text)
            let second = ScenarioRunner.run(file: "b.baton", text: text)
            // A random `run until quiet max=n` may stop at n (exit 1); nothing else may fail.
            #expect(first.errors.isEmpty && Self.onlyExpectedFailures(first),
                    "\(id) seed \(seed): \(first.errors) \(first.failures)")
            #expect(first.session.map(JSONTrace.render) == second.session.map(JSONTrace.render),
                    "\(id) seed \(seed) is not reproducible")
            faults += text.split(separator: "\n").filter {
                ["drop", "delay", "duplicate", "crash", "partition", "cut"].contains($0.split(separator: " ")[0])
            }.count
        }
        #expect(faults > 1_000)
    }

    /// Back N steps then forward N: the same world, variables and trace.
    @Test(arguments: ids)
    func stepBackThenForwardIsExact(_ id: String) throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed &* 13, protocolID: id, lines: 80)
            var core = try #require(ScenarioRunner.run(file: "s.baton", text: text).session).core
            let end = core.step
            let key = core.worldKey
            let trace = TextTrace.render(core)
            let variables = core.cluster.nodes.map(core.variables)
            for back in [1, end / 2, end] {
                core.go(to: end - back)
                core.go(to: end)
                #expect(core.worldKey == key && TextTrace.render(core) == trace, "\(id) seed \(seed) back \(back)")
                #expect(core.cluster.nodes.map(core.variables) == variables)
            }
        }
    }

    /// 500 seeds of random faults in the safe configuration: no violation
    /// within the protocol's assumptions. A protocol that declares the
    /// `assumptions` query (3PC: reliable links, bounded delays, timers on
    /// time) may break an invariant only in a run that broke one of them,
    /// and most runs must keep them, so the property still says something.
    @Test(arguments: ids)
    func randomFaultsNeverBreakTheSafeConfiguration(_ id: String) {
        var received = 0
        var withinAssumptions = 0
        for seed in 1...500 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed &* 7_919, protocolID: id, lines: 50)
            let outcome = ScenarioRunner.run(file: "\(id)-\(seed).baton", text: text)
            #expect(outcome.errors.isEmpty && Self.onlyExpectedFailures(outcome),
                    "seed \(seed): \(outcome.errors) \(outcome.failures)")
            guard let core = outcome.session?.core else { continue }
            let broken = Self.assumptionsBroken(core)
            if broken.isEmpty { withinAssumptions += 1 }
            #expect(core.violated.isEmpty || !broken.isEmpty, "seed \(seed): \(core.violated)\n\(text)")
            received += (0..<core.eventCount).filter { core.event($0).kind == .receive }.count
        }
        // The schedules must do something for the property to mean anything.
        #expect(received > 500)
        // Most of these schedules break 3PC's and MESI's assumptions (a drop,
        // a delay, a crash); the test below keeps them all.
        #expect(withinAssumptions >= 20 || Self.assumptions.contains { $0.id == id },
                "only \(withinAssumptions) of 500 runs kept \(id)'s assumptions")
    }

    /// Protocols whose safety rests on stated assumptions, with the faults
    /// those rule out. 3PC survives crashes but not a lost or late message
    /// or a timer fired early; MESI (hardware) survives no failure and
    /// assumes each link keeps its order, so its schedules make requests
    /// and silent evictions only. The broadcasts' reliable links break with any crash, so
    /// their property is the one above.
    static let assumptions: [Assumed] = [
        Assumed(id: "3pc", forbidden: ["drop", "delay", "partition", "cut", "timeout"], faultMin: ("crash", 300)),
        Assumed(id: "mesi", forbidden: mesiFaults, faultMin: ("evict", 300)),
        Assumed(id: "mesi", options: "variant=moesi", forbidden: mesiFaults, faultMin: ("evict", 300)),
    ]

    static let mesiFaults: Set<String> = ["drop", "partition", "cut", "crash", "restart", "duplicate", "delay", "deliver"]

    struct Assumed: Sendable, CustomStringConvertible {
        let id: String
        var options = ""
        let forbidden: Set<String>
        /// A fault (or request) the schedules must still make, and how often in 500 seeds.
        let faultMin: (String, Int)
        var description: String { options.isEmpty ? id : "\(id) \(options)" }
    }

    /// 500 seeds of only the faults a protocol is built to survive: no
    /// assumption broken, no violation, and the schedules still make that
    /// fault and deliver messages, so the property means something.
    @Test(arguments: assumptions)
    func randomFaultsWithinTheAssumptionsNeverBreakIt(_ assumed: Assumed) {
        var faults = 0, receives = 0
        for seed in 1...500 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed &* 7_919, protocolID: assumed.id, lines: 50,
                                             options: assumed.options, forbidden: assumed.forbidden)
            let outcome = ScenarioRunner.run(file: "\(assumed.id)-\(seed).baton", text: text)
            guard let core = outcome.session?.core else { Issue.record("seed \(seed): \(outcome.errors)"); continue }
            #expect(Self.assumptionsBroken(core).isEmpty && core.violated.isEmpty,
                    "seed \(seed): \(Self.assumptionsBroken(core)) \(core.violated)\n\(text)")
            faults += text.split(separator: "\n").filter { $0.hasPrefix(assumed.faultMin.0 + " ") }.count
            receives += (0..<core.eventCount).filter { core.event($0).kind == .receive }.count
        }
        #expect(faults > assumed.faultMin.1 && receives > 5_000, "\(assumed.faultMin.0) \(faults), receives \(receives)")
    }

    /// A failed expectation is allowed where a random `run ... max=n` stopped
    /// at n, and, in a run that broke its protocol's assumptions, where the
    /// script's final `expect violations=none` meets the violation they allow.
    static func onlyExpectedFailures(_ outcome: ScenarioRunner.Outcome) -> Bool {
        let broken = outcome.session.map { assumptionsBroken($0.core) } ?? []
        return outcome.failures.allSatisfy { $0.runStopped != nil || (!broken.isEmpty && $0.query == "violations") }
    }

    /// What the run broke of what its protocol assumes (empty when the
    /// protocol assumes nothing it reports).
    static func assumptionsBroken(_ core: any SessionCore) -> [String] {
        guard core.descriptor.queries.contains("assumptions"),
              case .list(let broken)? = core.globalQuery("assumptions") else { return [] }
        return broken
    }

    /// Every safe choice an option offers besides its default
    /// (`ballots=skip-ahead`): the same 500 seeds must find no violation.
    static let safeVariants: [UnsafeVariant] = ProtocolCatalog.entries.flatMap { entry in
        entry.descriptor.options.flatMap { option -> [UnsafeVariant] in
            guard case .choice(let values) = option.kind else { return [] }
            return values.filter { value in value != option.defaultValue && !option.unsafe.contains { $0.value == value } }
                .map { UnsafeVariant(id: entry.id, option: "\(option.name)=\($0)", invariant: "") }
        }
    }

    @Test(arguments: safeVariants)
    func randomFaultsNeverBreakASafeOption(_ variant: UnsafeVariant) {
        for seed in 1...500 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed &* 7_919, protocolID: variant.id, lines: 50,
                                             options: variant.option)
            let outcome = ScenarioRunner.run(file: "safe.baton", text: text)
            #expect(outcome.errors.isEmpty, "seed \(seed): \(outcome.errors)")
            guard let core = outcome.session?.core else { continue }
            #expect(core.violated.isEmpty || !Self.assumptionsBroken(core).isEmpty, "\(variant) seed \(seed)\n\(text)")
        }
    }

    struct UnsafeVariant: Sendable, CustomStringConvertible {
        let id: String, option: String, invariant: String
        var description: String { "\(id) \(option)" }
    }

    static let unsafeVariants: [UnsafeVariant] = ProtocolCatalog.entries.flatMap { entry in
        entry.descriptor.options.flatMap { option in
            option.unsafe.map { UnsafeVariant(id: entry.id, option: "\(option.name)=\($0.value)", invariant: $0.breaks) }
        }
    }

    /// Variants whose break needs a schedule random ones do not reach, with
    /// the golden that plays it. Raft's commit-old-term is the paper's
    /// Figure 8: a leader commits an old term's entry by counting, crashes,
    /// and a leader of a later term elected without that entry overwrites
    /// it (five nodes, three crashes in a set order). 8,000 random seeds of
    /// this length never reached it; the "catch" at seed 510 this test once
    /// relied on was leader-completeness misapplied to a partitioned leader
    /// of an older term (fixed in RaftGhost: it binds later terms only).
    static let crafted = ["raft unsafe=commit-old-term": "raft/figure8-commit-old-term.txt"]

    /// The same kind of schedules find each teaching variant's named break,
    /// so the property above can fail; a variant in `crafted` is shown
    /// breaking it by its golden instead.
    @Test(arguments: unsafeVariants)
    func unsafeVariantIsCaught(_ variant: UnsafeVariant) throws {
        if let golden = Self.crafted[variant.description] {
            let file = try GoldenFile(path: Conformance.goldenRoot + "/" + golden)
            let violated = file.runKeepingSession().session?.core.violated ?? []
            let text = try String(contentsOfFile: file.path, encoding: .utf8)
            #expect(text.contains(variant.option) && violated.contains(variant.invariant),
                    "\(golden) does not break \(variant.invariant) under \(variant.option): \(violated)")
            return
        }
        var caught = false
        // Stops at the first catch.
        for seed in 1...2_000 as ClosedRange<UInt64> where !caught {
            let text = RandomScenario.script(seed: seed &* 7_919, protocolID: variant.id, lines: 50,
                                             options: variant.option)
            caught = ScenarioRunner.run(file: "unsafe.baton", text: text).session?.core.violated
                .contains(variant.invariant) == true
        }
        #expect(caught, "no schedule broke \(variant.invariant) under \(variant.option)")
    }

    /// Every export format: the `.baton` script and the JSON trace replay to
    /// byte-identical JSON; the others render every event.
    @Test(arguments: ids)
    func exportsRoundTrip(_ id: String) throws {
        for seed in 1...30 as ClosedRange<UInt64> {
            let text = RandomScenario.script(seed: seed &* 31, protocolID: id, lines: 40)
            let session = try #require(ScenarioRunner.run(file: "a.baton", text: text).session)
            let json = JSONTrace.render(session)
            let script = BatonScriptExport.render(session, date: "2026-11-30T00:00:00Z")
            let fromScript = try #require(ScenarioRunner.run(file: "b.baton", text: script).session)
            #expect(JSONTrace.render(fromScript) == json, "\(id) seed \(seed): .baton")
            let commands = try Transcripts.jsonCommands(file: "t.json", bytes: Array(json.utf8))
            let fromJSON = try PlaySession(commands: commands)
            // A JSON transcript replays without its `expect` lines.
            let withoutExpect = { (s: String) in
                s.split(separator: "\n").filter { !$0.contains("\"expect ") }.map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
            }
            #expect(withoutExpect(JSONTrace.render(fromJSON.scenario)) == withoutExpect(json), "\(id) seed \(seed): .json")
            let core = session.core
            #expect(TextTrace.render(core).split(separator: "\n").count == core.eventCount)
            for (name, out) in [("mscgen", MscgenExport.render(core)), ("plantuml", PlantUMLExport.render(core)),
                                ("mermaid", MermaidExport.render(core)), ("shiviz", ShiVizExport.render(core))] {
                #expect(!out.isEmpty, "\(id) seed \(seed): \(name)")
            }
            var state = AppState(session: fromJSON, width: 100, height: 30)
            #expect(state.reduce(.export).count == 2)
        }
    }

    /// From the first example and 40 steps more, at three sizes: every
    /// lifeline header carries the node's headline (as room allows: the
    /// 200-column screen has room for all), and the diagram is full, the
    /// latest event on its bottom row, whenever there are enough events (a
    /// run that has not gone quiet always has).
    @Test(arguments: ids)
    func diagramIsFullWithHeadlines(_ id: String) throws {
        let example = try #require(Self.entry(id).descriptor.examples.first)
        for (width, height) in [(80, 24), (120, 36), (200, 60)] {
            var session = try PlaySession(clusterLine: example.clusterLine)
            for command in example.commands where !command.hasPrefix("expect") { #expect(session.run(text: command) == nil) }
            var state = AppState(session: session, width: width, height: height)
            for _ in 0..<40 { state.reduce(.step) }
            let layout = try #require(Layout(width: width, height: height))
            let screen = state.render()
            let zone = layout.diagram
            let rows = zone.height - 1 - (state.core.violated.isEmpty ? 0 : 1)
            if !state.core.isQuiet { #expect(state.core.eventCount >= rows, "\(id): too few events to fill") }
            if state.core.eventCount >= rows {
                for y in (zone.maxY - rows)..<zone.maxY {
                    let text = (zone.x..<zone.maxX).map { String(screen[$0, y].char) }.joined()
                    #expect(text.contains(state.glyphs.lifeline) || text.contains(state.glyphs.crashedLifeline),
                            "\(id) \(width)x\(height): row \(y) of the diagram is empty")
                }
                let last = state.core.eventCount - 1
                let text = EventText.describe(state.core, last, withState: false)
                if width == 200 { #expect(screen.lines[zone.maxY - 1].contains(text.prefix(20)),
                                          "\(id): the latest event is not on the bottom row") }
            }
            let header = screen.lines[zone.y]
            for node in 0..<state.core.cluster.count where width == 200 {
                let headline = state.core.isCrashed(NodeID(node)) ? "crashed" : state.core.headline(of: NodeID(node))
                #expect(header.contains(headline), "\(id): no headline `\(headline)` in \(header)")
            }
        }
    }

    struct ScreenCase: Sendable, CustomStringConvertible {
        let id: String, variant: SnapshotVariant
        var description: String { "\(id)-\(variant.name)" }
    }

    static let screens = ids.flatMap { id in Conformance.snapshotVariants.map { ScreenCase(id: id, variant: $0) } }

    /// Each protocol's screens (Conformance.snapshotVariants), inputs in the
    /// file above the screen. Missing ones are made from the first example
    /// when recording.
    @Test(arguments: screens)
    func screenSnapshot(_ c: ScreenCase) throws {
        let v = c.variant
        let path = Conformance.snapshotPath(c.id, v)
        var snapshot: SnapshotFile
        if FileManager.default.fileExists(atPath: path) {
            snapshot = try SnapshotFile(path: path)
        } else {
            guard GoldenFile.recording, let example = Self.entry(c.id).descriptor.examples.first else {
                Issue.record("\(c.id): no screen snapshot \(path)")
                return
            }
            snapshot = SnapshotFile(width: v.width, height: v.height, commands: [example.clusterLine]
                                    + example.commands.filter { !$0.hasPrefix("expect") },
                                    ascii: v.ascii, nocolor: v.nocolor, keys: v.keys)
        }
        #expect(snapshot.width == v.width && snapshot.height == v.height && snapshot.ascii == v.ascii
                && snapshot.nocolor == v.nocolor)
        if let difference = try SnapshotFile.check(snapshot, path: path) { Issue.record("\(difference)") }
    }
}
