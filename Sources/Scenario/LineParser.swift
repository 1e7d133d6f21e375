import Protocols
import Sim

/// Parses the commands of one scenario, once its cluster is known.
struct LineParser {
    let spec: ClusterSpec
    let entry: ProtocolEntry
    let cluster: ClusterInfo

    // MARK: the cluster line

    static let engineKeys = ["nodes", "seed", "latency", "loss"]
    /// Latency is a range like a protocol's and goes through the same parser.
    static let latencySpec = OptionSpec("latency", .range(0...ScenarioLimits.ticksMax), default: "1..3",
                                        help: "message latency in ticks")

    static func cluster(_ tokens: [Token]) throws(LocatedError) -> LineParser {
        guard tokens.count >= 2 else {
            throw LocatedError(tokens[0].column + 7, "missing protocol: `cluster <protocol> nodes=<N>`; "
                               + "protocols are " + ProtocolCatalog.ids.joined(separator: ", "))
        }
        let entry = try protocolEntry(tokens[1])
        var names: [String]? = nil
        var seed: UInt64 = 1
        var latencyText: (String, Int)? = nil
        var loss = 0
        var given: [(key: String, value: String, column: Int)] = []
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
            case "latency": latencyText = (value, valueColumn)
            case "loss": loss = try Numbers.percent(value, column: valueColumn)
            default:
                guard entry.descriptor.option(key) != nil else {
                    let known = engineKeys + entry.descriptor.options.map(\.name)
                    throw LocatedError(token.column, "unknown option `\(key)` for \(entry.id)"
                                       + "\(Suggest.hint(key, known)); options are " + known.joined(separator: ", "))
                }
                given.append((key, value, valueColumn))
            }
            if key != "nodes" && key != "seed" { display.append(KeyValue(key: key, value: value)) }
        }
        guard let names else {
            throw LocatedError(tokens.last!.column + tokens.last!.text.count + 1,
                               "missing `nodes=<N>` (a count, or names like `nodes=A,B,C`)")
        }
        // Options are checked once the nodes are known (`proposers=A,B`).
        let cluster = ClusterInfo(names: names)
        let latency = try parse(latencySpec, latencyText ?? ("1..3", tokens[0].column), cluster)
        for option in given { _ = try parse(entry.descriptor.option(option.key)!, (option.value, option.column), cluster) }
        if latencyText == nil { display.insert(KeyValue(key: "latency", value: "1..3"), at: 0) }
        guard case .range(let latencyRange) = latency else { preconditionFailure("latency is a range") }
        let spec = ClusterSpec(protocolID: entry.id, names: names, seed: seed, latency: latencyRange,
                               lossPerMillion: loss, options: given.map { KeyValue(key: $0.key, value: $0.value) },
                               displayOptions: display)
        return LineParser(spec: spec, entry: entry, cluster: cluster)
    }

    /// One option value through the descriptor's parser, located at its column.
    private static func parse(_ spec: OptionSpec, _ text: (String, Int),
                              _ cluster: ClusterInfo) throws(LocatedError) -> OptionValue {
        do {
            return try spec.parse(text.0, cluster: cluster)
        } catch {
            throw LocatedError(text.1, error.message)
        }
    }

    private static func protocolEntry(_ token: Token) throws(LocatedError) -> ProtocolEntry {
        if let entry = ProtocolCatalog.entry(id: token.text) { return entry }
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
