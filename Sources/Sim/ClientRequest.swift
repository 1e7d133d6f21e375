/// A client request a protocol accepts (`propose <node> <value>`), declared in
/// its descriptor. The scenario language's request verbs are exactly the
/// verbs of the cluster's protocol (DESIGN.md §4), so a new protocol brings
/// its own (`read`, `write`, `commit`, ...) without touching the parser.
public struct RequestSpec: Sendable, Equatable {
    /// What follows the issuing node.
    public enum Argument: Sendable, Equatable {
        /// Another node (`send A B m`).
        case peer(String)
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
        self.verb = verb
        self.arguments = arguments
        self.record = record
        self.help = help
    }

    /// `send <node> <to> [label]`
    public var usage: String {
        ([verb, "<node>"] + arguments.map { argument in
            switch argument {
            case .peer(let name): return "<\(name)>"
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
/// value: the verb of one of the protocol's `RequestSpec`s and its arguments
/// in the spec's order (an optional text left out is simply absent).
public struct ClientRequest: Hashable, Sendable {
    public let verb: String
    public let arguments: [RequestArgument]

    public init(verb: String, arguments: [RequestArgument]) {
        self.verb = verb
        self.arguments = arguments
    }

    public func `is`(_ spec: RequestSpec) -> Bool { verb == spec.verb }

    /// The first text argument (a label or a value), if any.
    public var text: String? {
        for case .text(let s) in arguments { return s }
        return nil
    }

    /// The first peer argument, if any.
    public var peer: NodeID? {
        for case .peer(let node) in arguments { return node }
        return nil
    }

    /// The same request with `text` in place of an absent or empty text.
    public func labelled(_ label: String) -> ClientRequest {
        if let text, !text.isEmpty { return self }
        return ClientRequest(verb: verb, arguments: arguments.filter {
            if case .text = $0 { return false }
            return true
        } + [.text(label)])
    }
}
