/// The message-exchange primitives of the catalog (seed 000), one case per
/// variant code (DESIGN.md §5). Explanations are the project's own words.
public enum Primitive: String, CaseIterable, Sendable, Comparable {
    case p1a = "1a", p1b = "1b"
    case p2a = "2a", p2b = "2b"
    case p3a = "3a", p3b = "3b"
    case p4a = "4a", p4b = "4b", p4c = "4c"
    case p5a = "5a", p5b = "5b", p5c = "5c"
    case p6a = "6a", p6b = "6b"
    case p7a = "7a", p7b = "7b"

    public var code: String { rawValue }

    public static func < (lhs: Primitive, rhs: Primitive) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The family number, 1 to 7.
    public var family: Int { Int(String(rawValue.first!))! }

    public var familyName: String {
        switch family {
        case 1: return "request-grant"
        case 2: return "broadcast-and-collect"
        case 3: return "revoke-and-confirm"
        case 4: return "monotonic ordering token"
        case 5: return "authority transfer"
        case 6: return "flush-before-handoff"
        default: return "silent withdrawal"
        }
    }

    public var variantName: String {
        switch self {
        case .p1a: return "single granter"
        case .p1b: return "quorum grant"
        case .p2a, .p3a: return "unanimity"
        case .p2b, .p3b: return "quorum"
        case .p4a: return "centrally generated"
        case .p4b: return "locally generated"
        case .p4c: return "per-process logical"
        case .p5a: return "coordinated"
        case .p5b: return "competitive, unique tokens"
        case .p5c: return "competitive, split vote"
        case .p6a: return "flush to shared store"
        case .p6b: return "flush to successor"
        case .p7a: return "discovered on next interaction"
        case .p7b: return "discovered by timeout"
        }
    }

    /// One line in the project's own words.
    public var meaning: String {
        switch self {
        case .p1a: return "one process asks, one designated process says yes or no"
        case .p1b: return "the ask goes to many; it succeeds only if a majority says yes"
        case .p2a: return "send to all, then block until every one of them answers"
        case .p2b: return "send to all, proceed once a majority has answered"
        case .p3a: return "tell every holder to give something up; wait for all to confirm"
        case .p3b: return "tell holders to give something up; a majority of confirmations is enough"
        case .p4a: return "one issuer hands out rising numbers; receivers refuse stale ones"
        case .p4b: return "each process picks a number above any it has seen; higher wins"
        case .p4c: return "every process keeps a counter, merged on each message (max, then +1)"
        case .p5a: return "a coordinator takes authority back before handing it on"
        case .p5b: return "claimants use globally unique tokens, so the highest claim always wins"
        case .p5c: return "claimants may tie; a tied round fails and they retry after a random wait"
        case .p6a: return "before giving up authority, write private state to a shared place"
        case .p6b: return "before giving up authority, send private state straight to the successor"
        case .p7a: return "a process leaves silently; the stale record is fixed when next touched"
        case .p7b: return "a process leaves silently; the others notice when a heartbeat stops"
        }
    }

    public init?(code: String) { self.init(rawValue: code) }
}

/// The catalog's recurring tricks that make primitives cheap or safe.
public enum Trick: String, CaseIterable, Sendable {
    case higherNumberSupersedes = "higher-number-supersedes"
    case quorumIntersection = "quorum-intersection"
    case lazyMetadata = "lazy-metadata"
    case flushEnablesFreeEviction = "flush-enables-free-eviction"
    case piggyback = "piggyback"
    case causalityForFree = "causality-for-free"
    case localValuePlusIdentity = "local-value-plus-identity"
    case scopeTheBarrier = "scope-the-barrier"

    public var meaning: String {
        switch self {
        case .higherNumberSupersedes:
            return "show a bigger number instead of asking the old holder to step down"
        case .quorumIntersection:
            return "any two majorities share a member, so a majority never misses what a majority accepted"
        case .lazyMetadata:
            return "let bookkeeping go stale and repair it when the staleness is noticed"
        case .flushEnablesFreeEviction:
            return "one flush makes every later silent discard safe"
        case .piggyback:
            return "carry what you know on messages you are sending anyway"
        case .causalityForFree:
            return "a message that moves data also orders the sender's past before the receiver's future"
        case .localValuePlusIdentity:
            return "pair a local counter with the process id to get unique, comparable tokens"
        case .scopeTheBarrier:
            return "wait only for the processes that actually hold the resource"
        }
    }
}

/// The primitive codes and tricks a message type instantiates.
public struct PrimitiveTags: Equatable, Sendable {
    public let codes: [Primitive]
    public let tricks: [Trick]
    /// True when the tag is the project's own reading rather than a row of the
    /// catalog; the UI then says "closest primitive".
    public let closest: Bool

    public init(_ codes: [Primitive], tricks: [Trick] = [], closest: Bool = false) {
        self.codes = codes
        self.tricks = tricks
        self.closest = closest
    }

    /// `1b·4b`, the form used in one-line event descriptions.
    public var compact: String { codes.map(\.code).joined(separator: "·") }
}

/// A message type as `baton primitives` lists it.
public struct MessageTypeInfo: Sendable, Equatable {
    public let protocolID: String
    public let typeName: String
    public let tags: PrimitiveTags

    public init(protocolID: String, typeName: String, tags: PrimitiveTags) {
        self.protocolID = protocolID
        self.typeName = typeName
        self.tags = tags
    }
}
