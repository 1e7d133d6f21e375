import Protocols
import Scenario
import Sim

/// Random scenario scripts with faults, for determinism and robustness
/// tests. Each command is chosen from the live run's state (which messages
/// are in flight, which nodes are down), so faults hit real messages and
/// the script runs to its end.
public enum RandomScenario {
    /// `forbidden`: commands a protocol's assumptions rule out (3PC: drop,
    /// delay, partition, cut, timeout; MESI: every failure), each replaced by
    /// `step`; with `drop` forbidden the cluster has no loss either.
    public static func script(seed: UInt64, protocolID: String, lines: Int = 60, options: String = "",
                              forbidden: Set<String> = []) -> String {
        var rng = SeededGenerator(seed: seed)
        let n = rng.draw(2...5)
        let names = (0..<n).map { String(UnicodeScalar(UInt8(65 + $0))) }
        // Drawn in this order so that the schedules of every seed stay what they were.
        let latencyMax = rng.draw(1...6)
        let loss = rng.draw(0...3) == 0 ? rng.draw(0...30) : nil
        let header = "cluster \(protocolID) nodes=\(n) seed=\(seed) latency=1..\(latencyMax)"
            + (loss.map { forbidden.contains("drop") ? "" : " loss=\($0)%" } ?? "")
            // Options that name nodes name all of them (every node may propose, so proposers duel).
            + nodeOptions(protocolID, names)
            + (options.isEmpty ? "" : " " + options)
        guard case .success(let parsed) = ScenarioParser.parse(file: "gen", text: header),
              var session = try? ScenarioSession(spec: parsed.cluster, entry: parsed.entry, source: header) else {
            return header + "\n"
        }
        var out = [header]
        var sent = 0
        for _ in 0..<lines {
            var command = next(&rng, names: names, session: session, sent: &sent)
            if forbidden.contains(String(command.split(separator: " ")[0])) {
                command = "step"
            }
            guard case .success(let p) = ScenarioParser.parse(file: "gen", text: header + "\n" + command),
                  (try? session.execute(p.lines[1], file: "gen")) != nil else { continue }
            out.append(command)
        }
        // Protocols with timers are never quiet: bound the final run.
        out.append(session.entry.descriptor.hasTimer ? "run max=300" : "run")
        out.append("expect violations=none")
        return out.joined(separator: "\n") + "\n"
    }

    static func nodeOptions(_ protocolID: String, _ names: [String]) -> String {
        let options = ProtocolCatalog.entry(id: protocolID)?.descriptor.options ?? []
        return options.filter { $0.kind == .nodes }.map { " \($0.name)=" + names.joined(separator: ",") }.joined()
    }

    /// A client request the protocol takes, from its descriptor: `b` for a
    /// peer, `m<n>` for a label, `v<n>` for any other text.
    static func request(_ specs: [RequestSpec], _ a: String, _ b: String, _ n: Int,
                        _ rng: inout SeededGenerator) -> String {
        guard !specs.isEmpty else { return "step" }
        let spec = specs[rng.draw(0...(specs.count - 1))]
        return ([spec.verb, a] + spec.arguments.map { argument in
            switch argument {
            case .peer: return b
            case .text(let name, _, _): return (name == "label" ? "m" : "v") + "\(n)"
            }
        }).joined(separator: " ")
    }

    static func next(_ rng: inout SeededGenerator, names: [String], session: ScenarioSession,
                     sent: inout Int) -> String {
        let n = names.count
        let a = names[rng.draw(0...(n - 1))]
        let b = names[(names.firstIndex(of: a)! + rng.draw(1...(n - 1))) % n]
        let inflight = session.core.inflight.map(\.id)
        let id = inflight.isEmpty ? nil : "#\(inflight[rng.draw(0...(inflight.count - 1))])"
        let crashed = names.filter { session.core.isCrashed(session.cluster.node(named: $0)!) }
        switch rng.draw(0...19) {
        case 0...4:
            sent += 1
            return request(session.entry.descriptor.requests, a, b, sent, &rng)
        case 5:
            if session.entry.descriptor.hasTimer { return "timeout \(a)" }
            sent += 1
            return request(session.entry.descriptor.requests, a, b, sent, &rng)
        case 6...8: return "step \(rng.draw(1...3))"
        case 9: return id.map { "delay \($0) \(rng.draw(1...5))" } ?? "delay \(a)->\(b) 2"
        case 10: return rng.draw(0...1) == 0 ? "drop \(a)->\(b)" : (id.map { "drop \($0)" } ?? "heal")
        case 11: return id.map { "duplicate \($0)" } ?? "step"
        case 12, 13:
            if let c = crashed.first, rng.draw(0...1) == 0 { return "restart \(c)" }
            return crashed.contains(a) ? "restart \(a)" : "crash \(a)"
        case 14: return "partition \(a)"
        case 15: return "heal"
        case 16: return "cut \(a)->\(b)"
        case 17: return "run until quiet max=\(rng.draw(1...50))"
        case 18: return id.map { "deliver \($0)" } ?? "step"
        default: return "expect violations=none"
        }
    }
}
