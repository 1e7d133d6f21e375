import Export
import Foundation
import Scenario
import Sim

/// Scenario goldens in the style of etcd's datadriven tests: a file holds
/// blocks of scenario commands, each followed by `----` and the output
/// those commands produce (trace lines, failed expectations, errors), ended
/// by a blank line. `BATON_RECORD=1 swift test` rewrites the outputs.
///
/// One harness-only directive: `relations a=A.1 b=A.2 ...` names the k-th
/// clock-ticking event at a node and prints every pair as →, ← or ∥.
public struct GoldenFile {
    public struct Block {
        public var input: [(line: Int, text: String)]
        public var expected: [String]
    }

    public let path: String
    public let blocks: [Block]

    public init(path: String) throws {
        self.path = path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var blocks: [Block] = []
        var current = Block(input: [], expected: [])
        var inOutput = false
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if inOutput {
                if line.isEmpty {
                    blocks.append(current)
                    current = Block(input: [], expected: [])
                    inOutput = false
                } else {
                    current.expected.append(String(line))
                }
            } else if line == "----" {
                inOutput = true
            } else {
                current.input.append((i + 1, String(line)))
            }
        }
        if inOutput { blocks.append(current) }
        self.blocks = blocks
    }

    public static var recording: Bool { ProcessInfo.processInfo.environment["BATON_RECORD"] == "1" }

    /// Run every block; returns the actual outputs, one per block.
    public func run() -> [[String]] { runKeepingSession().outputs }

    /// The outputs, and the session as the last block left it.
    public func runKeepingSession() -> (outputs: [[String]], session: ScenarioSession?) {
        var script: [String] = []
        let lineCount = blocks.last.map { b in (b.input.last?.line ?? 0) + b.expected.count + 2 } ?? 0
        script = Array(repeating: "", count: lineCount + 1)
        for block in blocks {
            for (line, text) in block.input where !text.hasPrefix("relations ") { script[line - 1] = text }
        }
        let file = (path as NSString).lastPathComponent
        let parsed: ParsedScenario
        switch ScenarioParser.parse(file: file, text: script.joined(separator: "\n")) {
        case .failure(let errors): return (blocks.map { _ in errors.diagnostics.map(\.description) }, nil)
        case .success(let p): parsed = p
        }
        var session: ScenarioSession? = nil
        var outputs: [[String]] = []
        for block in blocks {
            var out: [String] = []
            for (lineNumber, text) in block.input {
                if text.hasPrefix("relations "), let s = session {
                    out += Relations.render(s.core, spec: String(text.dropFirst(10)))
                    continue
                }
                guard let line = parsed.lines.first(where: { $0.line == lineNumber }) else { continue }
                if case .cluster = line.command {
                    session = try? ScenarioSession(spec: parsed.cluster, entry: parsed.entry, source: line.source)
                    continue
                }
                guard var s = session else { continue }
                let before = s.core.eventCount
                do {
                    let failures = try s.execute(line, file: file)
                    out += (before..<s.core.eventCount).map { TextTrace.line(s.core, $0) }
                    out += failures.map(\.description)
                } catch {
                    out += (before..<s.core.eventCount).map { TextTrace.line(s.core, $0) }
                    out.append(error.description)
                }
                session = s
            }
            outputs.append(out.isEmpty ? ["(nothing)"] : out)
        }
        return (outputs, session)
    }

    /// The file with `outputs` in place of the expected blocks.
    public func rewritten(with outputs: [[String]]) -> String {
        var text = ""
        for (block, output) in zip(blocks, outputs) {
            for (_, line) in block.input { text += line + "\n" }
            text += "----\n" + output.joined(separator: "\n") + "\n\n"
        }
        return String(text.dropLast())
    }
}

/// Classifies named events pairwise by the engine's happens-before clocks.
public enum Relations {
    public static func render(_ core: any SessionCore, spec: String) -> [String] {
        var named: [(String, Int)] = []
        for item in spec.split(separator: " ") {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let index = locate(core, String(parts[1])) else {
                return ["relations: cannot find `\(item)`"]
            }
            named.append((String(parts[0]), index))
        }
        var lines: [String] = []
        for i in named.indices {
            for j in named.indices where j > i {
                let a = core.vclock(ofEvent: named[i].1)!, b = core.vclock(ofEvent: named[j].1)!
                lines.append("\(named[i].0) \(CausalRelation.between(a, b).rawValue) \(named[j].0)")
            }
        }
        return lines
    }

    /// `A.2`: the second clock-ticking event at A.
    static func locate(_ core: any SessionCore, _ ref: String) -> Int? {
        let parts = ref.split(separator: ".")
        guard parts.count == 2, let node = core.cluster.node(named: String(parts[0])),
              let k = Int(parts[1]) else { return nil }
        var seen = 0
        for index in 0..<core.eventCount {
            let e = core.event(index)
            guard e.node == node && e.kind.ticksClock else { continue }
            seen += 1
            if seen == k { return index }
        }
        return nil
    }
}
