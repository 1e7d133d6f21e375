/// What one step did that a ghost may fold in, without the trace: the
/// deliveries made and the nodes that had an event. The engine builds it
/// from the step's trace events; the explorer's lean engine (`LeanEngine`)
/// builds the same from the effects it performs, so one ghost update
/// serves both (issue 19).
public struct StepDigest: Sendable {
    public var action: StepAction
    /// The `deliver` effects of the step in order: node index and label.
    public var deliveries: [Delivery] = []
    /// Bit i: node i had an event this step (at most 64 nodes; clusters have 26).
    public var touched: UInt64 = 0

    public struct Delivery: Sendable, Equatable {
        public let node: Int
        public let label: String

        @inlinable
        public init(node: Int, label: String) {
            self.node = node
            self.label = label
        }
    }

    @inlinable
    public init(action: StepAction) { self.action = action }

    /// The digest of trace events `range` of `sim`.
    public init<P: NodeProtocol>(_ sim: Simulation<P>, _ range: Range<Int>, action: StepAction) {
        self.action = action
        for index in range {
            let e = sim.trace[index]
            guard let node = e.node?.index else { continue }
            touch(node)
            if e.kind == .deliver { deliveries.append(Delivery(node: node, label: e.text ?? "")) }
        }
    }

    @inlinable
    public mutating func touch(_ node: Int) { touched |= 1 << UInt64(node) }

    /// The nodes touched, in index order.
    public var touchedNodes: [Int] { (0..<64).filter { touched & (1 << UInt64($0)) != 0 } }
}

/// The explorer's fast path for a protocol whose invariants read only the
/// ghost and the nodes' states (issue 19): how the ghost folds in a step,
/// and which invariants fail. A protocol that offers it must use `update`
/// from its `updateGhost` too, so the engine and the explorer agree.
public struct LeanChecks<P: NodeProtocol>: Sendable {
    /// Folds a step into the ghost, given the states and crashed flags after it.
    public let update: @Sendable (inout P.Ghost, StepDigest, [P.State], [Bool]) -> Void
    /// The invariants that fail, by name, in the descriptor's order.
    public let failing: @Sendable (P.Ghost, [P.State]) -> [String]
    /// Two steps at different nodes fold into the same ghost in either
    /// order (once no invariant is broken). The explorer then leaves such
    /// orders asleep (sleep sets, docs/EXPLORER.md); false when a ghost
    /// remembers which of two nodes came first.
    public let stepsCommute: Bool
    /// Optional: true only when `update` would leave the ghost equal (`==`)
    /// and find nothing new, given the same arguments. The explorer then
    /// skips copying and updating the ghost, which most of its steps (a
    /// drop, a message that changes nothing) would leave as it was. The
    /// ghost comes in its box: read in place, not copied out.
    public let quiet: (@Sendable (GhostBox<P.Ghost>, StepDigest, [P.State], [Bool]) -> Bool)?

    public init(update: @escaping @Sendable (inout P.Ghost, StepDigest, [P.State], [Bool]) -> Void,
                failing: @escaping @Sendable (P.Ghost, [P.State]) -> [String], stepsCommute: Bool = false,
                quiet: (@Sendable (GhostBox<P.Ghost>, StepDigest, [P.State], [Bool]) -> Bool)? = nil) {
        self.update = update
        self.failing = failing
        self.stepsCommute = stepsCommute
        self.quiet = quiet
    }
}
