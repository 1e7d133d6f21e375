import Sim

/// FIFO broadcast, as seed 002 ("FIFO broadcast algorithm"; seed 003
/// "Implementing FIFO ordering"): each message carries its sender's sequence
/// number; a receiver holds a message back until every earlier one from the
/// same sender has been delivered. A node delivers its own broadcast at once.
public struct FIFOBroadcast: BroadcastNode {
    public struct State: BroadcastNodeState {
        public var sendSeq = 0
        /// delivered[j]: how many of j's messages this node has delivered.
        public var delivered: [Int]
        /// The hold-back queue, in arrival order.
        public var buffer: [Message] = []
        public var heldLabels: [String] { buffer.map { $0.label ?? "m" } }
    }

    public struct Message: MessagePayload {
        public let sender: String
        public let seq: Int
        public let label: String?
        public var typeName: String { "Broadcast" }
        public var fields: [Field] { [Field("sender", .text(sender)), Field("seq", .int(seq))] }
        public var tags: PrimitiveTags { FIFOBroadcast.tags }
        public var summary: String { "\(label ?? "m") seq=\(seq)" }
    }

    public static let descriptor = ProtocolDescriptor(
        id: "fifo-broadcast", title: "FIFO broadcast",
        options: [reliableOption],
        requests: requests,
        messages: [MessageSpec("Broadcast", tags)],
        invariants: ["fifo-order", "no-duplicate-delivery"],
        variables: variableSpecs,
        queries: ["assumptions"],
        examples: [Example("seed 003's hold-back", """
            # seed 003: A's second message overtakes its first; B holds it back
            cluster fifo-broadcast nodes=3 latency=1..1
            broadcast A m1
            broadcast A m2
            delay #1 5
            step 3
            expect B.holdback=m2
            run
            expect B.delivered=m1,m2 C.delivered=m1,m2 violations=none
            """)])

    /// The sequence number is a per-sender counter carried on the message
    /// (4c + piggyback; the project's reading: it is never merged).
    static let tags = PrimitiveTags([.p4c], tricks: [.piggyback], closest: true)

    public let cluster: ClusterInfo
    public let reliable: Bool

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        self.reliable = options.choice("reliable") == "on"
    }

    public func initialState(for node: NodeID) -> State {
        State(delivered: Array(repeating: 0, count: cluster.count))
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        switch input {
        case .request(let r) where r.is(CommonRequests.broadcast):
            let m = Message(sender: cluster.name(node), seq: state.sendSeq, label: r.text)
            state.sendSeq += 1
            state.buffer.append(m)
            let own = deliverReady(&state)
            return own + cluster.nodes.filter { $0 != node }.map { .send(to: $0, m) }
        case .receive(_, let m):
            let sender = cluster.node(named: m.sender)!.index
            if m.seq < state.delivered[sender] || state.buffer.contains(m) {
                // Under reliable=on every node relays: copies are expected.
                return reliable ? [] : [.note("duplicate \(m.label ?? "m") from \(m.sender) ignored")]
            }
            state.buffer.append(m)
            return relay(m, sender: sender, at: node) + deliverReady(&state)
        default:
            return []
        }
    }

    /// seed 002: while some (sender, delivered[sender], m) is in the buffer,
    /// deliver it. Bounded by the buffer's size.
    func deliverReady(_ state: inout State) -> [Effect<Message>] {
        var effects: [Effect<Message>] = []
        while let i = state.buffer.firstIndex(where: {
            $0.seq == state.delivered[cluster.node(named: $0.sender)!.index]
        }) {
            let m = state.buffer.remove(at: i)
            state.delivered[cluster.node(named: m.sender)!.index] += 1
            effects.append(.deliver(label: m.label ?? "m", fields: [Field("sender", .text(m.sender)),
                                                                    Field("seq", .int(m.seq))]))
        }
        return effects
    }

    public var invariants: [Invariant<FIFOBroadcast>] {
        [BroadcastGhost.invariant("fifo-order"), BroadcastGhost.invariant("no-duplicate-delivery")]
    }
}
