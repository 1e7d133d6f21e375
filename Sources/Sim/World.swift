/// Engine settings that are not protocol options.
public struct EngineConfig: Sendable, Equatable {
    public var seed: UInt64
    public var latency: ClosedRange<Int>
    /// Random message loss in messages per million (`loss=1%` is 10_000).
    public var lossPerMillion: Int
    /// A bound on the in-flight set, so a duplicate storm cannot exhaust memory.
    public var inFlightMax: Int
    /// A bound on the trace kept in memory (about 300 bytes an event), so an
    /// autoplay left running overnight stops with a message, not an OOM kill.
    public var eventsMax: Int

    public init(seed: UInt64 = 1, latency: ClosedRange<Int> = 1...3, lossPerMillion: Int = 0,
                inFlightMax: Int = 100_000, eventsMax: Int = 5_000_000) {
        self.seed = seed
        self.latency = latency
        self.lossPerMillion = lossPerMillion
        self.inFlightMax = inFlightMax
        self.eventsMax = eventsMax
    }
}

/// A message on the wire. Whether random loss takes it is drawn at send time
/// (so the draw order is simple) and acted on at arrival.
public struct InFlight: Equatable, Sendable {
    public var due: Tick
    public var version: Int
    public let lost: Bool
}

/// A timer of one node, by name. A new `generation` invalidates queued firings.
public struct TimerSlot: Equatable, Sendable {
    public let name: String
    public var generation: Int
    public var due: Tick?
}

/// Everything that changes as the run advances, and nothing that only grows:
/// the append-only logs (trace, messages, closed exchanges) live beside it and
/// the world holds their lengths. A snapshot for step-back is a copy of this.
public struct World<P: NodeProtocol>: Sendable, Equatable {
    public internal(set) var time: Tick = 0
    public internal(set) var step = 0
    var sequence = 0
    public internal(set) var states: [P.State]
    public internal(set) var crashed: [Bool]
    public internal(set) var timers: [[TimerSlot]]
    var queue = EventQueue()
    public internal(set) var inflight: [MessageID: InFlight] = [:]
    public internal(set) var network: Network
    var rng: SeededGenerator
    public internal(set) var hb: HappensBefore
    public internal(set) var openExchanges: [Exchange] = []
    public internal(set) var violated: [String] = []
    public internal(set) var firstViolationEvent: Int? = nil
    public internal(set) var ghost: P.Ghost
    var traceCount = 0
    var messageCount = 0
    var exchangeCount = 0
    var closedExchangeCount = 0

    init(states: [P.State], ghost: P.Ghost, config: EngineConfig) {
        self.ghost = ghost
        let n = states.count
        self.states = states
        crashed = Array(repeating: false, count: n)
        timers = Array(repeating: [], count: n)
        network = Network(size: n, latency: config.latency, lossPerMillion: config.lossPerMillion)
        rng = SeededGenerator(seed: config.seed)
        hb = HappensBefore(size: n)
    }

    public var pendingTimerCount: Int {
        timers.reduce(0) { $0 + $1.filter { $0.due != nil }.count }
    }

    /// Nothing in flight and no timer due.
    public var isQuiet: Bool { inflight.isEmpty && pendingTimerCount == 0 }
}

/// A sent message, kept for the whole run (ids are its index + 1).
public struct MessageRecord<M: MessagePayload>: Sendable {
    public let payload: M
    public let sentAt: Tick
    // Stored narrow: a million-event session keeps ~400,000 of these.
    let id32: Int32, sentStep32: Int32, sendEvent32: Int32
    let duplicateOf32: Int32   // 0: not a duplicate (ids start at 1)
    let exchange32: Int32      // -1: none
    let from8: Int8, to8: Int8

    public init(id: MessageID, from: NodeID, to: NodeID, payload: M, sentAt: Tick, sentStep: Int, sendEvent: Int,
                duplicateOf: MessageID?, exchange: Int?) {
        precondition(id >= 1 && (duplicateOf ?? 1) >= 1 && (exchange ?? 0) >= 0)
        self.payload = payload
        self.sentAt = sentAt
        id32 = Int32(id)
        sentStep32 = Int32(sentStep)
        sendEvent32 = Int32(sendEvent)
        duplicateOf32 = Int32(duplicateOf ?? 0)
        exchange32 = Int32(exchange ?? -1)
        from8 = Int8(from.index)
        to8 = Int8(to.index)
    }

    public var id: MessageID { Int(id32) }
    public var from: NodeID { NodeID(Int(from8)) }
    public var to: NodeID { NodeID(Int(to8)) }
    public var sentStep: Int { Int(sentStep32) }
    /// The trace index of the send whose clocks a receive merges (for a
    /// duplicate, the original's send).
    public var sendEvent: Int { Int(sendEvent32) }
    public var duplicateOf: MessageID? { duplicateOf32 == 0 ? nil : Int(duplicateOf32) }
    public var exchange: Int? { exchange32 < 0 ? nil : Int(exchange32) }
}

/// One unit of progress. Every step is one of these, recorded by the
/// timeline so that the run can be rebuilt exactly.
public enum StepAction: Hashable, Sendable {
    case next
    case request(NodeID, ClientRequest)
    case fireTimeout(NodeID)
    case deliverNow(MessageID)
    case drop(MessageID)
    case dropLink(NodeID, NodeID)
    case delay(MessageID, ticks: Int)
    case delayLink(NodeID, NodeID, ticks: Int)
    case duplicate(MessageID)
    case crash(NodeID)
    case restart(NodeID)
    case partition([[NodeID]])
    case cut(NodeID, NodeID)
    case heal
}

public enum SimError: Error, Equatable, Sendable {
    case nothingToStep
    case unknownMessage(MessageID)
    case notInFlight(MessageID, why: String)
    case alreadyCrashed(String)
    case notCrashed(String)
    case noTimer(protocolID: String)
    case unsupportedRequest(protocolID: String, verb: String)
    case badDelay(Int)
    case inFlightLimit(Int)
    case historyFull(Int)

    public var message: String {
        switch self {
        case .nothingToStep: return "nothing to process: no message in flight and no timer due"
        case .unknownMessage(let id): return "there is no message #\(id)"
        case .notInFlight(let id, let why): return "message #\(id) is not in flight (\(why))"
        case .alreadyCrashed(let n): return "\(n) is already crashed"
        case .notCrashed(let n): return "\(n) is not crashed; only a crashed node can restart"
        case .noTimer(let p): return "\(p) nodes have no timer to fire"
        case .unsupportedRequest(let p, let verb):
            return "protocol \(p) does not take `\(verb)` requests"
        case .badDelay(let n): return "a delay must be at least 1 tick (got \(n))"
        case .inFlightLimit(let n): return "the in-flight limit of \(n) messages is reached"
        case .historyFull(let n):
            // No UI key here: `baton run` prints this too; the UI adds its key.
            return "this run holds \(n) events, the most baton keeps in memory; "
                + "export what you have and start a new run"
        }
    }
}
