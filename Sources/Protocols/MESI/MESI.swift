import Sim

/// Directory-based MESI cache coherence for one line `x`, as seed 000 tells
/// it. The directory D holds the main store (`x` starts at 0), the owner
/// of the line if a cache holds it exclusively, and the reader set (lazy:
/// a cache evicts a shared copy silently, 7a). A cache asks for the line
/// (BusRd to read, BusRdX to write: 1a); a write invalidates every copy in
/// the reader set and waits for all the acks (2a + 3a, scoped to the
/// readers); write permission moves through the directory (5a), and a dirty
/// holder flushes its line to the main store before the grant (6a), or,
/// with `variant=moesi`, sends it to the requester directly and keeps it
/// Owned (6b).
///
/// Safe only because the hardware never fails: a crash or a lost message
/// leaves the directory waiting for ever, and the trace says "assumption
/// violated: no-failures". `unsafe=no-flush` (surrender without flushing,
/// the data passed on directly) loses a written value once every copy is
/// evicted, as seed 000 warns.
public struct MESI: NodeProtocol {
    public typealias State = MESIState
    public typealias Message = MESIMessage
    public typealias Ghost = MESIGhost

    public static let descriptor = ProtocolDescriptor(
        id: "mesi", title: "MESI cache coherence",
        options: [
            OptionSpec("directory", .node, default: nil, help: "the node that is the directory and main store (default: the first)"),
            OptionSpec("variant", .choice(["mesi", "moesi"]), default: "mesi",
                       help: "moesi: a dirty line goes to the requester directly and stays Owned (6b)"),
            OptionSpec("unsafe", .choice(["no-flush"]), default: nil,
                       help: "no-flush: a dirty holder surrenders without writing back (for teaching)",
                       unsafe: [.init("no-flush", breaks: "no-lost-value")]),
        ],
        timers: [],
        requests: [readRequest, writeRequest, evictRequest],
        messages: [MessageSpec("BusRd", MESITags.request), MessageSpec("BusRdX", MESITags.request),
                   MessageSpec("Data", MESITags.grantShared), MessageSpec("Data", MESITags.grantExclusive),
                   MessageSpec("Data", MESITags.direct), MessageSpec("Inv", MESITags.inv),
                   MessageSpec("InvAck", MESITags.invAck), MessageSpec("InvAck", MESITags.invAckEvicted),
                   MessageSpec("Recall", MESITags.recall), MessageSpec("Surrender", MESITags.recall),
                   MessageSpec("Flush", MESITags.flush), MessageSpec("WriteBack", MESITags.flush)],
        invariants: ["single-writer", "no-lost-value", "readers-cover-holders"],
        variables: [VariableSpec("state", durable: false), VariableSpec("value", durable: false),
                    VariableSpec("readers", durable: true), VariableSpec("owner", durable: true),
                    VariableSpec("memory", durable: true)],
        queries: ["assumptions"],
        examples: [Example("read sharing, then a write", """
            # seed 000: two readers share x; a write invalidates exactly the other copy
            cluster mesi nodes=D,C1,C2,C3 seed=1
            read C1
            read C2
            run until quiet
            write C1 5
            run until quiet
            expect C1.state=M C1.value=5 C2.state=I D.owner=C1 violations=none
            """)])

    static let readRequest = RequestSpec("read", [], record: .verbAndText, help: "a cache reads x, like read C1")
    static let writeRequest = RequestSpec("write", [.text("value", required: true)], record: .verbAndText,
                                          help: "a cache writes x, like write C1 5")
    static let evictRequest = RequestSpec("evict", [], record: .verbAndText,
                                          help: "a cache drops its copy (silently unless it is dirty), like evict C1")

    public let cluster: ClusterInfo
    public let directory: NodeID
    public let caches: [NodeID]
    public let moesi: Bool
    public let noFlush: Bool

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        let d = options.node("directory") ?? NodeID(0)
        directory = d
        caches = cluster.nodes.filter { $0 != d }
        moesi = options.choice("variant") == "moesi"
        noFlush = options.choice("unsafe") == "no-flush"
        guard !caches.isEmpty else {
            throw OptionError(option: "nodes", message: "MESI needs a directory and at least one cache")
        }
        if moesi && noFlush {
            throw OptionError(option: "unsafe", message: "no-flush is a MESI mistake; variant=moesi keeps the line Owned instead")
        }
    }

    public func initialState(for node: NodeID) -> State {
        var s = MESIState()
        s.isDirectory = node == directory
        return s
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        var out: [Effect<Message>] = []
        switch input {
        case .start, .timer: break
        case .recover:
            if node != directory { out.append(.note("comes back with an empty cache: whatever it held is gone")) }
        case .request(let r):
            guard node != directory else {
                out.append(.note("is the directory: reads and writes are made at a cache"))
                break
            }
            cacheRequest(r, at: node, &state, &out)
        case .receive(let from, let message):
            if node == directory { directoryReceives(message, from: from, &state, &out) }
            else { cacheReceives(message, from: from, at: node, &state, &out) }
        }
        return out
    }

    /// The directory is the main store and keeps everything; a cache comes
    /// back empty (a cache is volatile).
    public func recover(_ crashed: State, at node: NodeID) -> State {
        node == directory ? crashed : initialState(for: node)
    }

    /// A cache shows its line; the directory its store and metadata (`none`
    /// for the other part).
    public func variables(of s: State) -> [StateVariable] {
        let d = s.isDirectory
        return [StateVariable("state", d ? .none : .text(s.state.rawValue), durable: false),
                StateVariable("value", d ? .none : s.value.map { .text($0) } ?? .none, durable: false),
                StateVariable("readers", d ? .list(s.readers.map { cluster.names[$0] }) : .none, durable: true),
                StateVariable("owner", d ? s.owner.map { .text(cluster.names[$0]) } ?? .none : .none, durable: true),
                StateVariable("memory", d ? .text(s.memory) : .none, durable: true)]
    }

    public func observe(_ s: State) -> [Field] {
        if s.isDirectory { return [Field("memory", .text(s.memory))] }
        return [Field("state", .text(s.state.rawValue))] + (s.value.map { [Field("x", .text($0))] } ?? [])
    }

    /// `M 5` at a cache (`wait` while its request is out); `x=0 C1`
    /// (the main store and the owner or readers) at the directory.
    public func headline(of s: State) -> String {
        if s.isDirectory {
            let who = s.owner.map { cluster.names[$0] } ?? s.readers.map { cluster.names[$0] }.joined(separator: ",")
            return "x=\(s.memory)" + (who.isEmpty ? "" : " \(who)") + (s.busy == nil ? "" : " busy")
        }
        // Short: at 80 columns a lifeline's header has about 8 (`M 5`, `I wait`).
        return s.state.rawValue + (s.value.map { " \($0)" } ?? "") + (s.pending == nil ? "" : " wait")
    }

    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? {
        name == "assumptions" ? .list(ghost.assumptionsBroken) : nil
    }

    public func initialGhost() -> MESIGhost { MESIGhost(size: cluster.count) }

    public func drainNotes(_ ghost: inout MESIGhost) -> [String] {
        defer { ghost.notes = [] }
        return ghost.notes
    }
}
