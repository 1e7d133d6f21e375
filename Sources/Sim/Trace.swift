/// Event kinds of the trace contract (DESIGN.md §6), plus `note`.
public enum EventKind: String, Sendable, CaseIterable {
    case send, receive, deliver, local, timeout, drop, delay, duplicate
    case crash, restart, partition, heal, violation, note

    /// Events that advance the engine's happens-before clocks: the seed's
    /// "events" (local steps, sends, receives). A timeout is a local step.
    public var ticksClock: Bool {
        switch self {
        case .send, .receive, .local, .timeout: return true
        default: return false
        }
    }
}

public enum DropReason: String, Sendable {
    case fault, crashed, partition, loss
}

/// One trace event. Message details live in the simulation's message log and
/// are looked up by `message`, so an event stays small.
public struct TraceEvent: Equatable, Sendable {
    public var step: Int
    public var time: Tick
    public var kind: EventKind
    public var node: NodeID?
    /// The other end: the receiver of a send, the sender of a receive or drop.
    public var peer: NodeID?
    public var message: MessageID?
    public var reason: DropReason?
    /// Label, note, invariant name, partition groups or delay amount.
    public var text: String?
    public var fields: [Field]
    /// Happens-before Lamport time; 0 for events that are not at a node.
    public var lamport: Int
    /// Offset of this event's vector clock in `Trace.vclocks`, or -1.
    public var vclockOffset: Int
    /// The previous clock-ticking event at the same node, or -1.
    public var localPredecessor: Int
    public var exchange: Int?

    public init(step: Int, time: Tick, kind: EventKind, node: NodeID? = nil, peer: NodeID? = nil,
                message: MessageID? = nil, reason: DropReason? = nil, text: String? = nil,
                fields: [Field] = [], exchange: Int? = nil) {
        self.step = step
        self.time = time
        self.kind = kind
        self.node = node
        self.peer = peer
        self.message = message
        self.reason = reason
        self.text = text
        self.fields = fields
        self.lamport = 0
        self.vclockOffset = -1
        self.localPredecessor = -1
        self.exchange = exchange
    }
}

/// The append-only record of a run. Vector clocks are stored flat (one row of
/// `width` per stamped event) to avoid an allocation per event.
public struct Trace: Sendable {
    public let width: Int
    public private(set) var events: [TraceEvent] = []
    public private(set) var vclocks: [Int] = []

    public init(width: Int) {
        precondition(width > 0)
        self.width = width
    }

    public var count: Int { events.count }

    public subscript(index: Int) -> TraceEvent { events[index] }

    public func vclock(of index: Int) -> ArraySlice<Int>? {
        let offset = events[index].vclockOffset
        guard offset >= 0 else { return nil }
        return vclocks[offset..<(offset + width)]
    }

    mutating func append(_ event: TraceEvent, vclock: ArraySlice<Int>?) {
        var event = event
        if let vclock {
            precondition(vclock.count == width, "vector clock width mismatch")
            event.vclockOffset = vclocks.count
            vclocks.append(contentsOf: vclock)
        }
        events.append(event)
    }

    /// Forget events from `eventCount` on (a fork after stepping back).
    mutating func truncate(eventCount: Int) {
        guard eventCount < events.count else { return }
        let firstStamped = events[eventCount...].first { $0.vclockOffset >= 0 }
        if let offset = firstStamped?.vclockOffset {
            vclocks.removeSubrange(offset...)
        }
        events.removeSubrange(eventCount...)
    }
}
