/// One instance of a primitive in a run: a candidate's vote round, a
/// proposer's phase 1. Opened by a node, it knows who takes part and how
/// many grants it needs, counts responses, and closes with an outcome.
public struct Exchange: Equatable, Sendable {
    public let id: Int
    public let primitive: Primitive
    public let opener: NodeID
    /// The protocol's own handle for the exchange (a term, a ballot round).
    public let key: Int
    public let participants: [NodeID]
    public let threshold: Int
    public let openedAtStep: Int
    public private(set) var granted: [NodeID] = []
    public private(set) var denied: [NodeID] = []
    public private(set) var outcome: ExchangeOutcome?
    public private(set) var closedAtStep: Int?

    public init(id: Int, primitive: Primitive, opener: NodeID, key: Int, participants: [NodeID],
                threshold: Int, openedAtStep: Int) {
        precondition(threshold >= 1 && threshold <= participants.count, "threshold out of range")
        self.id = id
        self.primitive = primitive
        self.opener = opener
        self.key = key
        self.participants = participants
        self.threshold = threshold
        self.openedAtStep = openedAtStep
    }

    public var isOpen: Bool { outcome == nil }

    /// `votes 2/3`: grants so far over the threshold.
    public var progress: String { "\(granted.count)/\(threshold)" }

    /// Count one response; a participant counts once. Closes the exchange as
    /// `reached` at the threshold, or `failed` once it can no longer be reached.
    mutating func record(from node: NodeID, granted isGrant: Bool, step: Int) {
        guard isOpen, participants.contains(node),
              !granted.contains(node), !denied.contains(node) else { return }
        if isGrant { granted.append(node) } else { denied.append(node) }
        if granted.count >= threshold {
            close(.reached, step: step)
        } else if participants.count - denied.count < threshold {
            close(.failed, step: step)
        }
    }

    mutating func close(_ result: ExchangeOutcome, step: Int) {
        guard isOpen else { return }
        outcome = result
        closedAtStep = step
    }
}
