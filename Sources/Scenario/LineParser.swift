import Protocols
import Sim

/// Parses the commands of one scenario, once its cluster is known.
struct LineParser {
    let spec: ClusterSpec
    let entry: ProtocolEntry
    let cluster: ClusterInfo

    // MARK: the cluster line

    static let engineKeys = ["nodes", "seed", "latency", "loss"]

    static func cluster(_ tokens: [Token]) throws(LocatedError) -> LineParser {
        guard tokens.count >= 2 else {
            throw LocatedError(tokens[0].column + 7, "missing protocol: `cluster <protocol> nodes=<N>`; "
                               + "protocols are " + ProtocolCatalog.ids.joined(separator: ", "))
        }
        let entry = try protocolEntry(tokens[1])
        var names: [String]? = nil
        var seed: UInt64 = 1
        var latency = 1...3
        var loss = 0
        var options: [KeyValue] = []
        var display: [KeyValue] = []
        var seen: [String] = []
        for token in tokens.dropFirst(2) {
            let (key, value) = try keyValue(token)
            guard !seen.contains(key) else { throw LocatedError(token.column, "`\(key)` is given twice") }
            seen.append(key)
            let valueColumn = token.column + key.count + 1
            switch key {
            case "nodes": names = try nodeNames(value, column: valueColumn)
            case "seed": seed = try Numbers.seed(value, column: valueColumn)
            case "latency": latency = try Numbers.range(value, column: valueColumn, max: ScenarioLimits.ticksMax)
            case "loss": loss = try Numbers.percent(value, column: valueColumn)
            default:
                guard let spec = entry.optionSpecs.first(where: { $0.name == key }) else {
                    let known = engineKeys + entry.optionSpecs.map(\.name)
                    throw LocatedError(token.column, "unknown option `\(key)` for \(entry.id)"
                                       + "\(Suggest.hint(key, known)); options are " + known.joined(separator: ", "))
                }
                if let allowed = spec.allowed, !allowed.contains(value) {
                    throw LocatedError(valueColumn, "`\(key)` must be one of " + allowed.joined(separator: ", ")
                                       + " (got `\(value)`)")
                }
                options.append(KeyValue(key: key, value: value))
            }
            if key != "nodes" && key != "seed" { display.append(KeyValue(key: key, value: value)) }
        }
        guard let names else {
            throw LocatedError(tokens.last!.column + tokens.last!.text.count + 1,
                               "missing `nodes=<N>` (a count, or names like `nodes=A,B,C`)")
        }
        if !seen.contains("latency") { display.insert(KeyValue(key: "latency", value: "1..3"), at: 0) }
        let spec = ClusterSpec(protocolID: entry.id, names: names, seed: seed, latency: latency,
                               lossPerMillion: loss, options: options, displayOptions: display)
        return LineParser(spec: spec, entry: entry, cluster: ClusterInfo(names: names))
    }

    private static func protocolEntry(_ token: Token) throws(LocatedError) -> ProtocolEntry {
        if let entry = ProtocolCatalog.entry(id: token.text) { return entry }
        if ProtocolCatalog.plannedIDs.contains(token.text) {
            throw LocatedError(token.column, "protocol `\(token.text)` is not available yet; available: "
                               + ProtocolCatalog.ids.joined(separator: ", "))
        }
        throw LocatedError(token.column, "unknown protocol `\(token.text)`"
                           + "\(Suggest.hint(token.text, ProtocolCatalog.ids)); protocols are "
                           + ProtocolCatalog.ids.joined(separator: ", "))
    }

    private static func nodeNames(_ value: String, column: Int) throws(LocatedError) -> [String] {
        if let first = value.first, first.isASCII, first.isNumber {
            let n = try Numbers.int(value, column: column, min: 1, max: ScenarioLimits.nodesMax, what: "node count")
            return (0..<n).map { String(UnicodeScalar(UInt8(65 + $0))) }
        }
        var names: [String] = []
        var offset = 0
        for name in value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let at = column + offset
            offset += name.count + 1
            guard isNodeName(name) else {
                throw LocatedError(at, name.isEmpty ? "empty node name in `\(value)`"
                                   : "bad node name `\(name)`: use letters and digits, starting with a letter, "
                                   + "at most 8 characters")
            }
            guard !names.contains(name) else { throw LocatedError(at, "duplicate node name `\(name)`") }
            names.append(name)
        }
        guard names.count <= ScenarioLimits.nodesMax else {
            throw LocatedError(column, "\(names.count) nodes; at most \(ScenarioLimits.nodesMax) are allowed")
        }
        return names
    }

    static func isNodeName(_ s: String) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter, s.count <= 8 else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    static func keyValue(_ token: Token) throws(LocatedError) -> (String, String) {
        guard let eq = token.text.firstIndex(of: "="), eq != token.text.startIndex else {
            throw LocatedError(token.column, "expected `key=value`, found `\(token.text)`")
        }
        let value = String(token.text[token.text.index(after: eq)...])
        guard !value.isEmpty else {
            throw LocatedError(token.column + token.text.count, "missing value after `\(token.text)`")
        }
        return (String(token.text[..<eq]), value)
    }

    // MARK: shared argument parsing

    func node(_ token: Token) throws(LocatedError) -> NodeID {
        if let node = cluster.node(named: token.text) { return node }
        throw LocatedError(token.column, "unknown node `\(token.text)`\(Suggest.hint(token.text, cluster.names)); "
                           + "this cluster has \(cluster.names.joined(separator: ","))")
    }

    func link(_ token: Token) throws(LocatedError) -> (NodeID, NodeID) {
        let parts = token.text.split(separator: "->", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw LocatedError(token.column, "expected a link like `A->B`, found `\(token.text)`")
        }
        let from = try node(Token(text: String(parts[0]), column: token.column, quoted: false))
        let to = try node(Token(text: String(parts[1]), column: token.column + parts[0].count + 2, quoted: false))
        guard from != to else { throw LocatedError(token.column, "a link joins two different nodes") }
        return (from, to)
    }

    func messageID(_ token: Token) throws(LocatedError) -> MessageID {
        guard token.text.hasPrefix("#") else {
            throw LocatedError(token.column, "expected a message id like `#7`, found `\(token.text)`")
        }
        return try Numbers.int(String(token.text.dropFirst()), column: token.column + 1, min: 1,
                               max: 1_000_000_000, what: "message id")
    }

    func messageRef(_ token: Token) throws(LocatedError) -> MessageRef {
        if token.text.hasPrefix("#") { return .id(try messageID(token)) }
        if token.text.contains("->") {
            let (from, to) = try link(token)
            return .link(from, to)
        }
        throw LocatedError(token.column, "expected a message id like `#7` or a link like `A->B`, "
                           + "found `\(token.text)`")
    }
}
