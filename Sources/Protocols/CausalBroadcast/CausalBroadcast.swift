import Sim

/// Causal broadcast, as seed 002 ("Causal broadcast algorithm"; seed 003
/// "Causal ordering"): a message carries a dependency vector (what its
/// sender had delivered, with its own slot set to its sequence number); a
/// receiver holds it back until it has delivered everything the vector names.
///
/// Teaching variant `holdback=off` delivers on receipt, so a learner who
/// delays the right message sees the causal-order invariant fail.
public struct CausalBroadcast: BroadcastNode {
    public struct State: BroadcastNodeState {
        public var sendSeq = 0
        public var delivered: [Int]
        public var buffer: [Message] = []
        public var heldLabels: [String] { buffer.map { $0.label ?? "m" } }
    }

    public struct Message: MessagePayload {
        public let sender: String
        public let senderIndex: Int
        public let deps: [Int]
        public let label: String?
        public var typeName: String { "Broadcast" }
        public var seq: Int { deps[senderIndex] }
        public var fields: [Field] { [Field("sender", .text(sender)), Field("deps", .vector(deps))] }
        public var tags: PrimitiveTags { CausalBroadcast.tags }
        public var summary: String { "\(label ?? "m") deps=\(Value.vector(deps).rendered)" }
    }

    /// The dependency vector is a per-process logical clock carried on the
    /// message (4c + piggyback), and the message itself is the causal edge.
    static let tags = PrimitiveTags([.p4c], tricks: [.piggyback, .causalityForFree])

    public static let descriptor = ProtocolDescriptor(
        id: "causal-broadcast", title: "Causal broadcast",
        options: [OptionSpec("holdback", .choice(["on", "off"]), default: "on",
                             help: "off delivers on receipt (unsafe, for teaching)",
                             unsafe: [.init("off", breaks: "causal-order")]), reliableOption],
        requests: requests,
        messages: [MessageSpec("Broadcast", tags)],
        invariants: ["causal-order", "fifo-order", "no-duplicate-delivery"],
        variables: variableSpecs,
        queries: ["assumptions"],
        examples: [Example("seed 003's hold-back", """
            # seed 003: C sees B's reply before A's question, and holds it back
            cluster causal-broadcast nodes=3
            broadcast A m1
            deliver #2
            broadcast C m2
            deliver #4
            expect B.holdback=m2
            run
            expect B.delivered=m1,m2 violations=none
            """)])

    public let cluster: ClusterInfo
    public let holdback: Bool
    public let reliable: Bool

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        self.holdback = options.choice("holdback") != "off"
        self.reliable = options.choice("reliable") == "on"
    }

    public func initialState(for node: NodeID) -> State {
        State(delivered: Array(repeating: 0, count: cluster.count))
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        switch input {
        case .request(let r) where r.is(CommonRequests.broadcast):
            var deps = state.delivered
            deps[node.index] = state.sendSeq
            let m = Message(sender: cluster.name(node), senderIndex: node.index, deps: deps, label: r.text)
            state.sendSeq += 1
            state.buffer.append(m)
            let own = deliverReady(&state)
            return own + cluster.nodes.filter { $0 != node }.map { .send(to: $0, m) }
        case .receive(_, let m):
            if m.seq < state.delivered[m.senderIndex] || state.buffer.contains(m) {
                // Under reliable=on every node relays: copies are expected.
                return reliable ? [] : [.note("duplicate \(m.label ?? "m") from \(m.sender) ignored")]
            }
            let relayed = relay(m, sender: m.senderIndex, at: node)
            guard holdback else {
                state.delivered[m.senderIndex] += 1
                return relayed + [deliver(m)]
            }
            state.buffer.append(m)
            return relayed + deliverReady(&state)
        default:
            return []
        }
    }

    /// seed 002: while some (sender, deps, m) in the buffer has deps ≤
    /// delivered, deliver it. Bounded by the buffer's size.
    func deliverReady(_ state: inout State) -> [Effect<Message>] {
        var effects: [Effect<Message>] = []
        while let i = state.buffer.firstIndex(where: { m in
            zip(m.deps, state.delivered).allSatisfy { $0 <= $1 }
        }) {
            let m = state.buffer.remove(at: i)
            state.delivered[m.senderIndex] += 1
            effects.append(deliver(m))
        }
        return effects
    }

    func deliver(_ m: Message) -> Effect<Message> {
        .deliver(label: m.label ?? "m", fields: [Field("sender", .text(m.sender)), Field("seq", .int(m.seq))])
    }

    public var invariants: [Invariant<CausalBroadcast>] {
        [BroadcastGhost.invariant("causal-order"), BroadcastGhost.invariant("fifo-order"),
         BroadcastGhost.invariant("no-duplicate-delivery")]
    }
}
