import Foundation
import Protocols
import Scenario
import Sim
import TUI

/// What every registered protocol must bring (docs/ADDING-A-PROTOCOL.md).
/// `problems` lists each missing piece by name; the conformance suite runs
/// it for every entry of the registry, and the heavier properties
/// (determinism, step back, random faults, exports) as tests of their own.
public enum Conformance {
    public static let goldenRoot = Paths.packageRoot + "/Tests/ScenarioTests/Scenarios"
    /// The screens every protocol has: both views, ASCII, NO_COLOR (with
    /// its attributes), and the state strip.
    public static let snapshotVariants: [SnapshotVariant] = [
        SnapshotVariant(name: "80x24", width: 80, height: 24),
        SnapshotVariant(name: "160x48", width: 160, height: 48),
        SnapshotVariant(name: "80x24-sequence", width: 80, height: 24, keys: [.char("v")]),
        SnapshotVariant(name: "120x36-sequence", width: 120, height: 36, keys: [.char("v")]),
        SnapshotVariant(name: "80x24-ascii", width: 80, height: 24, ascii: true),
        SnapshotVariant(name: "80x24-nocolor", width: 80, height: 24, nocolor: true, keys: [.tab]),
        SnapshotVariant(name: "120x36-nocolor-sequence", width: 120, height: 36, nocolor: true,
                        keys: [.char("v"), .tab]),
        SnapshotVariant(name: "120x36-strip", width: 120, height: 36, keys: [.char("S")]),
    ]

    /// In the protocol's golden folder, beside its goldens.
    public static func snapshotPath(_ id: String, _ variant: SnapshotVariant) -> String {
        goldenRoot + "/\(id)/\(variant.name).screen"
    }

    public static func problems(_ entry: ProtocolEntry) -> [String] {
        let d = entry.descriptor
        var out: [String] = []
        func need(_ ok: Bool, _ what: String) { if !ok { out.append("\(d.id): \(what)") } }
        need(!d.requests.isEmpty, "no client requests (free play could only wait)")
        need(!d.messages.isEmpty, "no message types with primitive tags")
        need(!d.invariants.isEmpty, "no invariants")
        need(!d.variables.isEmpty, "no state variables")
        need(!d.examples.isEmpty, "no example scenarios")
        need(entry.benchmark != nil, "no engine benchmark")
        out += options(entry) + examples(entry) + variables(entry) + goldens(entry) + snapshots(entry)
        return out
    }

    /// Numbers and ranges have defaults (protocols read them without one
    /// given); each unsafe value parses and names one of the invariants.
    static func options(_ entry: ProtocolEntry) -> [String] {
        let d = entry.descriptor
        let cluster = ClusterInfo(names: ["A", "B", "C"])
        return d.options.flatMap { option -> [String] in
            var out: [String] = []
            let numeric: Bool
            switch option.kind {
            case .int, .range: numeric = true
            case .choice, .nodes, .node, .nodeWords: numeric = false
            }
            if numeric && option.defaultValue == nil {
                out.append("\(d.id): option `\(option.name)` has no default")
            }
            for u in option.unsafe {
                if (try? option.parse(u.value, cluster: cluster)) == nil {
                    out.append("\(d.id): unsafe value `\(option.name)=\(u.value)` is not a value of the option")
                }
                if !d.invariants.contains(u.breaks) {
                    out.append("\(d.id): `\(option.name)=\(u.value)` breaks `\(u.breaks)`, which is no invariant")
                }
            }
            return out
        }
    }

    /// Every example runs to its end with its expectations met.
    static func examples(_ entry: ProtocolEntry) -> [String] {
        entry.descriptor.examples.compactMap { example in
            let outcome = ScenarioRunner.run(file: "\(entry.id) example", text: example.scenario)
            guard outcome.exitCode != 0 else { return nil }
            return "\(entry.id): example \"\(example.name)\" fails: "
                + (outcome.errors.map(\.description) + outcome.failures.map(\.description)).joined(separator: "; ")
        }
    }

    /// A run's variables are the descriptor's, in its order, with its marks;
    /// every node has a headline.
    static func variables(_ entry: ProtocolEntry) -> [String] {
        guard let core = try? entry.makeSession(cluster: ClusterInfo(names: ["A", "B", "C"]), options: [],
                                                config: EngineConfig()) else {
            return ["\(entry.id): cannot start with its default options"]
        }
        var out: [String] = []
        let variables = core.variables(of: NodeID(0))
        let shown = variables.map { "\($0.name) \($0.durable)" }
        if shown != entry.descriptor.variables.map({ "\($0.name) \($0.durable)" }) {
            out.append("\(entry.id): variables shown \(variables.map(\.name)) differ from the descriptor's "
                       + "\(entry.descriptor.variables.map(\.name)) (names, order or durable marks)")
        }
        // A variable declared to take a few values shows one of them.
        for (spec, variable) in zip(entry.descriptor.variables, variables)
        where !spec.allowed.isEmpty && !spec.allowed.contains(variable.value.rendered) {
            out.append("\(entry.id): \(spec.name) shows \(variable.value.rendered), not one of \(spec.allowed)")
        }
        if core.headline(of: NodeID(0)).isEmpty { out.append("\(entry.id): no headline for a node") }
        return out
    }

    /// A golden folder with a golden in which every message type is sent
    /// (matched by type name and tags, so a heartbeat is told from a
    /// LogRequest with entries) and every invariant is named: violated in its
    /// run, or named in the file where it says which lines exercise it.
    static func goldens(_ entry: ProtocolEntry) -> [String] {
        let folder = goldenRoot + "/" + entry.id
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }
        guard !names.isEmpty else { return ["\(entry.id): no golden folder \(folder) with a .txt golden"] }
        let d = entry.descriptor
        var best: [String]? = nil
        for name in names {
            guard let golden = try? GoldenFile(path: folder + "/" + name) else { continue }
            let text = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
            let core = golden.runKeepingSession().session?.core
            let sent = Set((0..<(core?.messageCount ?? 0)).compactMap { core?.messageInfo($0 + 1) }
                .map { "\($0.typeName) \($0.tags)" })
            let missing = d.messages.filter { !sent.contains("\($0.typeName.split(separator: " ")[0]) \($0.tags)") }
                .map(\.typeName)
                + d.invariants.filter { !(core?.violated.contains($0) ?? false) && !text.contains($0) }
            if best == nil || missing.count < best!.count { best = missing }
        }
        guard let best, !best.isEmpty else { return [] }
        return ["\(entry.id): no golden in \(folder) shows " + best.joined(separator: ", ")]
    }

    static func snapshots(_ entry: ProtocolEntry) -> [String] {
        let missing = snapshotVariants.map { snapshotPath(entry.id, $0) }
            .filter { !FileManager.default.fileExists(atPath: $0) }
        guard !missing.isEmpty else { return [] }
        return ["\(entry.id): no screen snapshots " + missing.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                + " in \(goldenRoot)/\(entry.id) (BATON_RECORD=1 swift test --filter Conformance makes them "
                + "from the first example)"]
    }
}

/// One of the screens each protocol keeps a snapshot of.
public struct SnapshotVariant: Sendable {
    public let name: String
    public let width: Int, height: Int
    public var ascii = false
    public var nocolor = false
    public var keys: [Key] = []
}
