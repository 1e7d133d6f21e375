/// A protocol option (`election-timeout=10..20`), declared in the protocol's
/// descriptor and parsed by the one parser below, so that every protocol
/// accepts numbers and ranges alike (a single number `n` means `n..n`).
public struct OptionSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A whole number within the bounds.
        case int(ClosedRange<Int>)
        /// `min..max` (or `n` for `n..n`), both within the bounds.
        case range(ClosedRange<Int>)
        /// One of these words.
        case choice([String])
        /// Node names of this cluster, comma-separated (`A,C`).
        case nodes
        /// One node of this cluster (`coordinator=K`).
        case node
        /// A word per node, from these words (`votes=A:yes,B:no`).
        case nodeWords([String])
    }

    /// An option value that breaks one of the protocol's invariants, kept for
    /// teaching; the conformance suite checks that random schedules catch it.
    public struct Unsafe: Sendable, Equatable {
        public let value: String
        public let breaks: String

        public init(_ value: String, breaks: String) {
            self.value = value
            self.breaks = breaks
        }
    }

    public let name: String
    public let help: String
    public let kind: Kind
    /// The value when the option is not given, written as a user would; nil
    /// when the default depends on the cluster (said in `help`).
    public let defaultValue: String?
    public let unsafe: [Unsafe]

    /// A switch that is `off` unless given `name=on` (a safeguard or layer
    /// the seeds leave out, like Raft's `prevote`).
    public static func offOn(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name, .choice(["off", "on"]), default: "off", help: help)
    }

    public init(_ name: String, _ kind: Kind, default defaultValue: String?, help: String, unsafe: [Unsafe] = []) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
        self.unsafe = unsafe
    }

    /// The words a `choice` option takes, or nil.
    public var allowed: [String]? {
        if case .choice(let words) = kind { return words }
        return nil
    }

    /// Parse a value as written. Throws `OptionError` naming the option and
    /// what it takes.
    public func parse(_ text: String, cluster: ClusterInfo) throws(OptionError) -> OptionValue {
        switch kind {
        case .int(let bounds):
            guard let n = Self.number(text), bounds.contains(n) else {
                throw OptionError(option: name, message: "`\(name)` must be a whole number from \(bounds.lowerBound) "
                                  + "to \(bounds.upperBound) (got `\(text)`)")
            }
            return .int(n)
        case .range(let bounds):
            let parts = text.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
            let numbers = parts.map(Self.number)
            guard parts.count <= 2, let low = numbers.first ?? nil, let high = numbers.last ?? nil,
                  bounds.contains(low), bounds.contains(high) else {
                throw OptionError(option: name, message: "bad \(name) `\(text)`: expected a range like `10..20` or a "
                                  + "single number, from \(bounds.lowerBound) to \(bounds.upperBound)")
            }
            guard low <= high else {
                throw OptionError(option: name, message: "bad \(name) `\(text)`: the minimum \(low) is above the "
                                  + "maximum \(high)")
            }
            return .range(low...high)
        case .choice(let words):
            guard words.contains(text) else {
                throw OptionError(option: name, message: "`\(name)` must be one of " + words.joined(separator: ", ")
                                  + " (got `\(text)`)")
            }
            return .choice(text)
        case .nodes:
            var nodes: [NodeID] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                guard let node = cluster.node(named: part) else {
                    throw OptionError(option: name, message: "unknown node `\(part)` in \(name); this cluster has "
                                      + cluster.names.joined(separator: ","))
                }
                if !nodes.contains(node) { nodes.append(node) }
            }
            return .nodes(nodes.sorted())
        case .node:
            guard let node = cluster.node(named: text) else {
                throw OptionError(option: name, message: "`\(name)` takes one node of this cluster ("
                                  + cluster.names.joined(separator: ",") + "), not `\(text)`")
            }
            return .node(node)
        case .nodeWords(let words):
            var pairs: [NodeID: String] = [:]
            for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                let halves = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard halves.count == 2, let node = cluster.node(named: halves[0]), words.contains(halves[1]) else {
                    throw OptionError(option: name, message: "bad \(name) `\(part)`: expected node:word like "
                                      + "`\(cluster.names.first ?? "A"):\(words.first ?? "")` with a node of this cluster ("
                                      + cluster.names.joined(separator: ",") + ") and one of "
                                      + words.joined(separator: ", "))
                }
                pairs[node] = halves[1]
            }
            return .nodeWords(pairs)
        }
    }

    /// Digits only, at most 18 of them (no sign, no overflow).
    static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

public enum OptionValue: Sendable, Equatable {
    case int(Int)
    case range(ClosedRange<Int>)
    case choice(String)
    case nodes([NodeID])
    case node(NodeID)
    case nodeWords([NodeID: String])
}

public struct OptionError: Error, Equatable, Sendable {
    public let option: String
    public let message: String

    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }
}

/// A protocol's options for one run: what was given, parsed, over the
/// declared defaults. Protocols read typed values by name.
public struct ProtocolOptions: Sendable, Equatable {
    private var values: [String: OptionValue] = [:]

    /// Parse `given` (name, text) against `specs`. Throws for an unknown
    /// option or a bad value.
    public init(_ specs: [OptionSpec], given: [(String, String)], cluster: ClusterInfo,
                protocolID: String) throws(OptionError) {
        for spec in specs {
            if let text = spec.defaultValue { values[spec.name] = try spec.parse(text, cluster: cluster) }
        }
        for (name, text) in given {
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw OptionError(option: name, message: "\(protocolID) has no option `\(name)`"
                                  + (specs.isEmpty ? "" : "; options are " + specs.map(\.name).joined(separator: ", ")))
            }
            values[name] = try spec.parse(text, cluster: cluster)
        }
    }

    public func int(_ name: String) -> Int {
        guard case .int(let n)? = values[name] else { preconditionFailure("option \(name) is not a number") }
        return n
    }

    public func range(_ name: String) -> ClosedRange<Int> {
        guard case .range(let r)? = values[name] else { preconditionFailure("option \(name) is not a range") }
        return r
    }

    /// The word given, or nil when neither given nor defaulted.
    public func choice(_ name: String) -> String? {
        guard case .choice(let word)? = values[name] else { return nil }
        return word
    }

    /// The nodes given, or nil when not given.
    public func nodes(_ name: String) -> [NodeID]? {
        guard case .nodes(let nodes)? = values[name] else { return nil }
        return nodes
    }

    /// The node given, or nil when not given.
    public func node(_ name: String) -> NodeID? {
        guard case .node(let node)? = values[name] else { return nil }
        return node
    }

    /// The word given for each node named (`votes=A:no`), empty when not given.
    public func nodeWords(_ name: String) -> [NodeID: String] {
        guard case .nodeWords(let pairs)? = values[name] else { return [:] }
        return pairs
    }
}
