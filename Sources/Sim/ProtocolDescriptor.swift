/// Everything the rest of Baton knows about a protocol, declared once in the
/// protocol's own folder (docs/ADDING-A-PROTOCOL.md). The scenario parser, the
/// side panel, `baton primitives`, help texts, the conformance suite and the
/// benchmarks read it; nothing restates it.
public struct ProtocolDescriptor: Sendable {
    /// The id of DESIGN.md §4 (`raft`, `causal-broadcast`).
    public let id: String
    public let title: String
    public let options: [OptionSpec]
    /// Timer names, the primary first: `timeout A` fires the primary one.
    public let timers: [String]
    /// The client requests the scenario language accepts for this protocol.
    public let requests: [RequestSpec]
    /// Message types with their primitive tags (seed 000's rows, or "closest").
    public let messages: [MessageSpec]
    /// Invariant names, as reported in traces and the side panel.
    public let invariants: [String]
    /// State variables under their seed names, ■ durable or □ volatile.
    public let variables: [VariableSpec]
    /// Questions about the whole cluster (`leader`, `decided`).
    public let queries: [String]
    /// The state variable that is the node's Lamport clock (`A.clock`), if any.
    public let clockVariable: String?
    /// Likewise for a vector clock (`A.vclock`).
    public let vclockVariable: String?
    /// Scenarios that show the protocol at work; the first is the one free
    /// play and the screen snapshots start from.
    public let examples: [Example]
    /// Nodes are interchangeable: renaming them never changes what can
    /// happen (no behaviour depends on which node is which). The explorer
    /// then counts worlds that differ only by a renaming once; the protocol
    /// implements `permuted` (docs/EXPLORER.md).
    public let symmetricNodes: Bool

    public init(id: String, title: String, options: [OptionSpec] = [], timers: [String] = [],
                requests: [RequestSpec] = [], messages: [MessageSpec] = [], invariants: [String] = [],
                variables: [VariableSpec] = [], queries: [String] = [], clockVariable: String? = nil,
                vclockVariable: String? = nil, examples: [Example] = [], symmetricNodes: Bool = false) {
        self.symmetricNodes = symmetricNodes
        self.id = id
        self.title = title
        self.options = options
        self.timers = timers
        self.requests = requests
        self.messages = messages
        self.invariants = invariants
        self.variables = variables
        self.queries = queries
        self.clockVariable = clockVariable
        self.vclockVariable = vclockVariable
        self.examples = examples
    }

    /// The timer `timeout A` fires, or nil when nodes have none.
    public var primaryTimer: String? { timers.first }
    public var hasTimer: Bool { !timers.isEmpty }

    public func request(verb: String) -> RequestSpec? { requests.first { $0.verb == verb } }
    public func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// Message types as `baton primitives` and the side panel list them.
    public var messageTypes: [MessageTypeInfo] {
        messages.map { MessageTypeInfo(protocolID: id, typeName: $0.typeName, tags: $0.tags) }
    }
}

/// A message type and its tags (seed 000).
public struct MessageSpec: Sendable, Equatable {
    public let typeName: String
    public let tags: PrimitiveTags

    public init(_ typeName: String, _ tags: PrimitiveTags) {
        self.typeName = typeName
        self.tags = tags
    }
}

/// A state variable's name, whether it survives a crash, and, for one
/// that takes a few named values (a role, a phase), those values: a query
/// comparing it with another word is an error (`C.currentRole=leeder`).
public struct VariableSpec: Sendable, Equatable {
    public let name: String
    public let durable: Bool
    /// Every value it can show, or empty when not a fixed few.
    public let allowed: [String]

    public init(_ name: String, durable: Bool, allowed: [String] = []) {
        self.name = name
        self.durable = durable
        self.allowed = allowed
    }
}

/// A named example scenario (a whole `.baton` text).
public struct Example: Sendable, Equatable {
    public let name: String
    public let scenario: String

    public init(_ name: String, _ scenario: String) {
        self.name = name
        self.scenario = scenario
    }

    /// The first line: `cluster <id> ...`.
    public var clusterLine: String {
        scenario.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init) ?? ""
    }

    /// The commands after the cluster line, without comments.
    public var commands: [String] {
        let lines = scenario.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        return Array(lines.dropFirst())
    }
}
