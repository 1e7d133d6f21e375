import Sim

/// What the FIFO and causal broadcast nodes share: a sequence number, a count
/// of deliveries per sender, and a hold-back queue.
public protocol BroadcastNodeState: Sendable, Hashable {
    var sendSeq: Int { get }
    var delivered: [Int] { get }
    /// Labels of the messages held back, in arrival order.
    var heldLabels: [String] { get }
}

/// The parts of a broadcast protocol that do not depend on its ordering rule:
/// durable state, how it is shown, and the shared invariant ghost.
public protocol BroadcastNode: NodeProtocol where State: BroadcastNodeState, Ghost == BroadcastGhost {
    /// `reliable=on`: every node re-broadcasts a message on first receipt
    /// (seed 002's eager reliable broadcast), so one lost copy is repaired.
    var reliable: Bool { get }
}

extension BroadcastNode {
    /// The state both broadcast protocols keep, under seed 002's names.
    static var variableSpecs: [VariableSpec] {
        ["sendSeq", "deliveredCount", "buffer", "holdback"].map { VariableSpec($0, durable: true) }
    }

    /// Both are built on reliable broadcast when asked (seed 002).
    static var reliableOption: OptionSpec {
        .offOn("reliable", help: "on: re-broadcast every message on first receipt (eager reliable broadcast)")
    }

    /// Copies of `m`, received at `node` for the first time, to every node
    /// but the sender and itself (reliable=on).
    func relay<M: MessagePayload>(_ m: M, sender: Int, at node: NodeID) -> [Effect<M>] {
        guard reliable else { return [] }
        let to = cluster.nodes.filter { $0 != node && $0.index != sender }
        guard !to.isEmpty else { return [] }
        return [.note("relays \(m.label ?? "m") from \(cluster.names[sender]) (reliable=on)")] + to.map { .send(to: $0, m) }
    }

    /// Both take `broadcast A [label]`.
    static var requests: [RequestSpec] { [CommonRequests.broadcast] }

    public static var benchmark: EngineBenchmark? {
        EngineBenchmark(setup: "5 nodes") { events in BroadcastWorkload.run(Self.self, events: events) }
    }

    /// `delivered 2,1,0`, and `held 2` when something waits.
    public func headline(of state: State) -> String {
        "delivered " + Value.vector(state.delivered).rendered
            + (state.heldLabels.isEmpty ? "" : " held \(state.heldLabels.count)")
    }

    /// Sequence numbers, counts and the queue are kept across a crash, as if
    /// the application's log were on disk: otherwise a restarted node would
    /// wait forever for messages it already delivered.
    public func recover(_ crashed: State, at node: NodeID) -> State { crashed }

    public func variables(of state: State) -> [StateVariable] {
        let values: [Value] = [.int(state.sendSeq), .vector(state.delivered), .list(state.heldLabels),
                               .list(state.heldLabels)]
        return zip(Self.variableSpecs, values).map { StateVariable($0.name, $1, durable: $0.durable) }
    }

    public func observe(_ state: State) -> [Field] {
        [Field("delivered", .vector(state.delivered))]
            + (state.heldLabels.isEmpty ? [] : [Field("holdback", .list(state.heldLabels))])
    }

    public func initialGhost() -> BroadcastGhost {
        BroadcastGhost(names: cluster.names, causal: Self.descriptor.invariants.contains("causal-order"),
                       reliable: reliable)
    }

    /// `assumptions`: what the run broke of what the protocol assumes
    /// (`reliable-links`), or none.
    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? {
        name == "assumptions" ? .list(ghost.assumptionsBroken) : nil
    }

    public func drainNotes(_ ghost: inout BroadcastGhost) -> [String] {
        defer { ghost.notes = [] }
        return ghost.notes
    }

    public func updateGhost(_ ghost: inout BroadcastGhost, _ sim: Simulation<Self>, _ range: Range<Int>,
                            action: StepAction) {
        ghost.update(sim, range, action: action)
    }
}
