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

    public init?(code: String) { self.init(rawValue: code) }
}

/// The catalog's recurring tricks that make primitives cheap or safe.
/// Their explanations, like the primitives', are in assets/primitives.md
/// (one explanation each, shown by the side panel and `baton primitives`).
public enum Trick: String, CaseIterable, Sendable {
    case higherNumberSupersedes = "higher-number-supersedes"
    case quorumIntersection = "quorum-intersection"
    case lazyMetadata = "lazy-metadata"
    case flushEnablesFreeEviction = "flush-enables-free-eviction"
    case piggyback = "piggyback"
    case causalityForFree = "causality-for-free"
    case localValuePlusIdentity = "local-value-plus-identity"
    case scopeTheBarrier = "scope-the-barrier"
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
