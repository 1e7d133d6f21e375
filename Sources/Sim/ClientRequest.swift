/// A client request a protocol accepts (`propose <node> <value>`), declared in
/// its descriptor. The scenario language's request verbs are exactly the
/// verbs of the cluster's protocol (DESIGN.md §4), so a new protocol brings
/// its own (`read`, `write`, `commit`, ...) without touching the parser.
public struct RequestSpec: Sendable, Equatable {
    /// What follows the issuing node.
    public enum Argument: Sendable, Equatable {
        /// Another node (`send A B m`); `several` takes a comma list of
        /// distinct nodes (`send A B,C m`, a multicast: DESIGN §4).
        case peer(String, several: Bool = false)
        /// A word; `required: false` may be left out. An `autoLabel` that is
        /// left out becomes `m<id>`, after the id of the next message.
        case text(String, required: Bool, autoLabel: Bool = false)
    }

    /// What the engine records when the request is made.
    public enum Record: Sendable, Equatable {
        /// Nothing of its own: the sends it causes are the events (seed 002,
        /// "on request to send message m").
        case none
        /// A local event labelled with the text alone (`local A e1`).
        case label
        /// A local event `<verb> <text>` (`propose x`, `broadcast m1`).
        case verbAndText
    }

    public let verb: String
    public let arguments: [Argument]
    public let help: String
    public let record: Record

    public init(_ verb: String, _ arguments: [Argument], record: Record, help: String) {
        // ClientRequest stores one peer, before the texts.
        let peers = arguments.indices.filter { if case .peer = arguments[$0] { return true }; return false }
        precondition(peers.count <= 1 && (peers.first ?? 0) == 0, "\(verb): at most one peer, first")
        self.verb = verb
        self.arguments = arguments
        self.record = record
        self.help = help
    }

    /// `send <node> <to> [label]`
    public var usage: String {
        ([verb, "<node>"] + arguments.map { argument in
            switch argument {
            case .peer(let name, let several): return several ? "<\(name)[,\(name)...]>" : "<\(name)>"
            case .text(let name, let required, _): return required ? "<\(name)>" : "[\(name)]"
            }
        }).joined(separator: " ")
    }

    /// A request of this kind.
    public func callAsFunction(_ arguments: RequestArgument...) -> ClientRequest { request(arguments) }

    public func request(_ arguments: [RequestArgument]) -> ClientRequest {
        ClientRequest(verb: verb, arguments: arguments)
    }
}

/// One argument of a request, as a value.
public enum RequestArgument: Hashable, Sendable {
    case peer(NodeID)
    case text(String)
}

/// A request from outside the cluster (the scenario or the user), as a
/// value: the verb of one of the protocol's `RequestSpec`s and its
/// arguments. Stored flat (a peer, a first text, any further texts) rather
/// than as an array: every request is kept in the timeline's action log, so
/// one that allocates nothing beyond its strings keeps a million-step run
/// small.
public struct ClientRequest: Hashable, Sendable {
    public let verb: String
    /// The peer argument, if the spec has one (the first, for a multicast).
    public let peer: NodeID?
    /// Peers after the first (a multicast's further receivers), in order.
    public let morePeers: [NodeID]
    /// The first text argument (a label or a value), if given.
    public let text: String?
    /// Text arguments after the first, for specs with several.
    public let moreTexts: [String]

    /// From arguments in the spec's order (a spec's peer comes before its texts).
    public init(verb: String, arguments: [RequestArgument]) {
        var peers: [NodeID] = []
        var texts: [String] = []
        for argument in arguments {
            switch argument {
            case .peer(let node): peers.append(node)
            case .text(let s): texts.append(s)
            }
        }
        self.verb = verb
        self.peer = peers.first
        self.morePeers = Array(peers.dropFirst())
        self.text = texts.first
        self.moreTexts = Array(texts.dropFirst())
    }

    /// Every peer: the receivers of a send or multicast, in order.
    public var peers: [NodeID] { (peer.map { [$0] } ?? []) + morePeers }

    /// The arguments in the spec's order.
    public var arguments: [RequestArgument] {
        peers.map(RequestArgument.peer) + ([text].compactMap { $0 } + moreTexts).map(RequestArgument.text)
    }

    public func `is`(_ spec: RequestSpec) -> Bool { verb == spec.verb }

    /// The same request with `label` in place of an absent or empty first text.
    public func labelled(_ label: String) -> ClientRequest {
        if let text, !text.isEmpty { return self }
        return ClientRequest(verb: verb, arguments: peers.map(RequestArgument.peer)
                             + ([label] + moreTexts).map(RequestArgument.text))
    }
}
