import Sim

/// What the FIFO and causal broadcast nodes share: a sequence number, a count
/// of deliveries per sender, and a hold-back queue.
public protocol BroadcastNodeState: Sendable, Equatable {
    var sendSeq: Int { get }
    var delivered: [Int] { get }
    /// Labels of the messages held back, in arrival order.
    var heldLabels: [String] { get }
}

/// The parts of a broadcast protocol that do not depend on its ordering rule:
/// durable state, how it is shown, and the shared invariant ghost.
public protocol BroadcastNode: NodeProtocol where State: BroadcastNodeState, Ghost == BroadcastGhost {}

extension BroadcastNode {
    /// Sequence numbers, counts and the queue are kept across a crash, as if
    /// the application's log were on disk: otherwise a restarted node would
    /// wait forever for messages it already delivered.
    public func recover(_ crashed: State, at node: NodeID) -> State { crashed }

    public func variables(of state: State) -> [StateVariable] {
        [StateVariable("sendSeq", .int(state.sendSeq), durable: true),
         StateVariable("deliveredCount", .vector(state.delivered), durable: true),
         StateVariable("buffer", .list(state.heldLabels), durable: true),
         StateVariable("holdback", .list(state.heldLabels), durable: true)]
    }

    public func observe(_ state: State) -> [Field] {
        [Field("delivered", .vector(state.delivered))]
            + (state.heldLabels.isEmpty ? [] : [Field("holdback", .list(state.heldLabels))])
    }

    public func initialGhost() -> BroadcastGhost { BroadcastGhost(names: cluster.names) }

    public func updateGhost(_ ghost: inout BroadcastGhost, _ sim: Simulation<Self>, _ range: Range<Int>) {
        ghost.update(sim, range)
    }
}
