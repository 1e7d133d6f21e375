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

public enum DropReason: String, Sendable, CaseIterable {
    case fault, crashed, partition, loss
}

/// One trace event. Message details live in the simulation's message log and
/// are looked up by `message`, so an event stays small: a million-event
/// session keeps a million of these, so the fields are stored narrow (64
/// bytes an event) behind properties of the natural types.
public struct TraceEvent: Equatable, Sendable {
    public var time: Tick
    /// Label, note, invariant name, partition groups or delay amount.
    public var text: String?
    public var fields: [Field]
    @usableFromInline var step32: Int32
    @usableFromInline var message32: Int32     // 0: none (message ids start at 1)
    @usableFromInline var exchange32: Int32    // -1: none
    @usableFromInline var lamport32: Int32
    @usableFromInline var vclockOffset32: Int32
    @usableFromInline var localPredecessor32: Int32
    public var kind: EventKind
    @usableFromInline var node8: Int8          // -1: none
    @usableFromInline var peer8: Int8          // -1: none
    @usableFromInline var reason8: Int8        // -1: none
    /// A further copy of one send event (a multicast's or broadcast's next
    /// receiver): same stamps as the event it copies, no tick of its own.
    public var isCopy: Bool = false

    public init(step: Int, time: Tick, kind: EventKind, node: NodeID? = nil, peer: NodeID? = nil,
                message: MessageID? = nil, reason: DropReason? = nil, text: String? = nil,
                fields: [Field] = [], exchange: Int? = nil) {
        self.time = time
        self.text = text
        self.fields = fields
        self.kind = kind
        step32 = 0; message32 = 0; exchange32 = -1; lamport32 = 0; vclockOffset32 = -1; localPredecessor32 = -1
        node8 = -1; peer8 = -1; reason8 = -1
        self.step = step
        self.node = node
        self.peer = peer
        self.message = message
        self.reason = reason
        self.exchange = exchange
    }

    /// Whether this event advances its node's clocks: a send, receive,
    /// local step or timeout, but not a further copy of one send event.
    public var ticks: Bool { kind.ticksClock && !isCopy }

    public var step: Int {
        get { Int(step32) }
        set { step32 = Int32(newValue) }
    }
    public var node: NodeID? {
        get { node8 < 0 ? nil : NodeID(Int(node8)) }
        set { node8 = newValue.map { Int8($0.index) } ?? -1 }
    }
    /// The other end: the receiver of a send, the sender of a receive or drop.
    public var peer: NodeID? {
        get { peer8 < 0 ? nil : NodeID(Int(peer8)) }
        set { peer8 = newValue.map { Int8($0.index) } ?? -1 }
    }
    public var message: MessageID? {
        get { message32 == 0 ? nil : Int(message32) }
        set { precondition(newValue.map { $0 >= 1 } ?? true); message32 = Int32(newValue ?? 0) }
    }
    public var reason: DropReason? {
        get { reason8 < 0 ? nil : DropReason.allCases[Int(reason8)] }
        set { reason8 = newValue.map { Int8(DropReason.allCases.firstIndex(of: $0)!) } ?? -1 }
    }
    public var exchange: Int? {
        get { exchange32 < 0 ? nil : Int(exchange32) }
        set { precondition(newValue.map { $0 >= 0 } ?? true); exchange32 = Int32(newValue ?? -1) }
    }
    /// Happens-before Lamport time; 0 for events that are not at a node.
    public var lamport: Int {
        get { Int(lamport32) }
        set { lamport32 = Int32(newValue) }
    }
    /// Offset of this event's vector clock in `Trace.vclocks`, or -1.
    public var vclockOffset: Int {
        get { Int(vclockOffset32) }
        set { vclockOffset32 = Int32(newValue) }
    }
    /// The previous clock-ticking event at the same node, or -1.
    public var localPredecessor: Int {
        get { Int(localPredecessor32) }
        set { localPredecessor32 = Int32(newValue) }
    }
}

/// The append-only record of a run. Vector clocks are stored flat (one row of
/// `width` per stamped event) to avoid an allocation per event, in chunks of
/// 256 rows: a row never straddles two chunks, and a million events never
/// need the transient double-size copy of one growing array (100 MB of
/// vector clocks at a million Raft events).
public struct Trace: Sendable {
    public let width: Int
    /// Chunked for the same reason.
    public private(set) var events = ChunkedArray<TraceEvent>()
    private var vclockChunks: [[Int]] = []
    private var vclockCount = 0
    private var chunkInts: Int { 256 * width }

    public init(width: Int) {
        precondition(width > 0)
        self.width = width
    }

    public var count: Int { events.count }

    public subscript(index: Int) -> TraceEvent { events[index] }

    public func vclock(of index: Int) -> ArraySlice<Int>? {
        let offset = events[index].vclockOffset
        guard offset >= 0 else { return nil }
        let within = offset % chunkInts
        return vclockChunks[offset / chunkInts][within..<(within + width)]
    }

    mutating func append(_ event: TraceEvent, vclock: ArraySlice<Int>?) {
        var event = event
        if let vclock {
            precondition(vclock.count == width, "vector clock width mismatch")
            if vclockCount % chunkInts == 0 {
                // Not reserved whole: a copy made to append (a snapshot, an
                // explored world) keeps its capacity, so it costs what the chunk holds.
                vclockChunks.append([])
            }
            event.vclockOffset = vclockCount
            vclockChunks[vclockChunks.count - 1].append(contentsOf: vclock)
            vclockCount += width
        }
        events.append(event)
    }

    /// Forget events from `eventCount` on (a fork after stepping back).
    mutating func truncate(eventCount: Int) {
        guard eventCount < events.count else { return }
        let firstStamped = events[eventCount...].first { $0.vclockOffset >= 0 }
        if let offset = firstStamped?.vclockOffset {
            vclockCount = offset
            vclockChunks.removeSubrange(((offset + chunkInts - 1) / chunkInts)...)
            let within = offset % chunkInts
            if within > 0 { vclockChunks[vclockChunks.count - 1].removeSubrange(within...) }
        }
        events.truncate(to: eventCount)
    }
}
