import Sim

/// A cache's state for the one line `x` (seed 000's running example), with
/// MOESI's Owned for `variant=moesi`: Modified (the only copy, dirty),
/// Owned (dirty but shared, and responsible for writing it back),
/// Exclusive (the only copy, clean), Shared, Invalid.
public enum LineState: String, Sendable, Hashable {
    case M, O, E, S, I

    /// Holds a copy of `x`.
    var holds: Bool { self != .I }
    /// Its copy differs from the main store and must be written back.
    var dirty: Bool { self == .M || self == .O }
}

/// A request a cache has sent to the directory and not yet had granted.
public enum PendingAccess: Sendable, Hashable {
    case read
    case write(String)
}

/// One request the directory works on, or has queued.
public struct DirectoryRequest: Sendable, Hashable {
    public let cache: Int
    public let exclusive: Bool
}

/// The directory's transaction in progress: who asked, and whose answers it
/// still waits for (invalidation acks, the owner's surrender).
public struct DirectoryBusy: Sendable, Hashable {
    public let request: DirectoryRequest
    public var acksAwaited: [Int]
    public var surrenderAwaited: Int?
    /// moesi / no-flush: the old owner sent the data to the requester itself.
    public var dataSentByOwner = false
    /// Invalidations went out (an exchange is open under the transaction's number).
    public var invalidating = false
}

/// A node's state: the directory's part or a cache's part (a node is one or
/// the other; the unused part stays empty).
public struct MESIState: Sendable, Hashable {
    public var isDirectory = false
    // Directory (durable: the directory never fails in this model).
    /// The main store's value of `x`.
    public var memory = "0"
    /// The cache the directory believes holds `x` exclusively or owned.
    public var owner: Int? = nil
    /// Caches the directory believes hold a shared copy: lazy, so it may
    /// list caches that silently evicted theirs (7a). Sorted.
    public var readers: [Int] = []
    public var busy: DirectoryBusy? = nil
    /// Transactions started, numbering the invalidation exchanges.
    public var transactions = 0
    /// Requests waiting for the one in progress (at most one per cache).
    public var queue: [DirectoryRequest] = []

    // Cache.
    public var state: LineState = .I
    public var value: String? = nil
    public var pending: PendingAccess? = nil
    /// An Inv overtook the line it is waiting for (moesi: the line comes
    /// from the old owner on another link): the read completes with it,
    /// and the copy is dropped at once.
    public var invalidatedBeforeFill = false
    /// What the last read returned, and how many reads and writes completed
    /// (the ghost compares reads with the last write).
    public var lastRead: String? = nil
    public var reads = 0
    public var writes = 0

    public init() {}
}

/// Seed 000's MESI messages (directory based) in the catalog's words.
public enum MESIMessage: MessagePayload {
    /// Cache → directory: a copy to read (BusRd) or to write (BusRdX) (1a).
    case busRd
    case busRdX
    /// Directory (or, under moesi, the old owner) → cache: the line, and the
    /// state it may hold it in.
    case data(value: String, grant: LineState, fromOwner: Bool)
    /// Directory → reader: discard your copy (2a + 3a, scoped to the reader set).
    case inv
    /// Reader → directory; `hadCopy: false` is the at-once ack of a cache
    /// that had silently evicted its copy (7a).
    case invAck(hadCopy: Bool)
    /// Directory → owner: give up the line (`downgrade`: keep a shared copy).
    case recall(downgrade: Bool, requester: Int)
    /// Owner → directory: the dirty line, written back before the grant (6a).
    case flush(value: String)
    /// Owner → directory: surrendered with nothing to write back; `kept` is
    /// what it keeps (S, O under moesi, I), `sentData` that it gave the line
    /// to the requester itself, `hadCopy: false` that it held nothing (it
    /// had evicted silently, 7a).
    case surrender(kept: LineState, sentData: Bool, hadCopy: Bool)
    /// Cache → directory on evicting a dirty line (6a).
    case writeBack(value: String)

    public var typeName: String {
        switch self {
        case .busRd: return "BusRd"
        case .busRdX: return "BusRdX"
        case .data: return "Data"
        case .inv: return "Inv"
        case .invAck: return "InvAck"
        case .recall: return "Recall"
        case .flush: return "Flush"
        case .surrender: return "Surrender"
        case .writeBack: return "WriteBack"
        }
    }

    public var label: String? { nil }
    /// Point-to-point links keep their order, as a directory's interconnect
    /// does: a grant is never overtaken by the next transaction's Inv.
    public var fifo: Bool { true }

    public var fields: [Field] {
        switch self {
        case .data(let v, let grant, _): return [Field("x", .text(v)), Field("grant", .text(grant.rawValue))]
        case .invAck(let had): return had ? [] : [Field("copy", .text("none"))]
        case .surrender(let kept, _, let had): return had ? [Field("keep", .text(kept.rawValue))] : [Field("copy", .text("none"))]
        case .recall(let downgrade, _): return [Field("keep", .text(downgrade ? "shared" : "none"))]
        case .flush(let v), .writeBack(let v): return [Field("x", .text(v))]
        case .busRd, .busRdX, .inv: return []
        }
    }

    public var summary: String {
        switch self {
        case .data(let v, let grant, _): return "Data x=\(v) \(grant.rawValue)"
        case .invAck(false): return "InvAck (nothing to discard)"
        case .surrender(_, _, false): return "Surrender (nothing held)"
        case .surrender(let kept, _, true): return "Surrender keep \(kept.rawValue)"
        case .recall(let downgrade, _): return downgrade ? "Recall keep S" : "Recall"
        case .flush(let v): return "Flush x=\(v)"
        case .writeBack(let v): return "WriteBack x=\(v)"
        default: return typeName
        }
    }

    public var tags: PrimitiveTags {
        switch self {
        case .busRd, .busRdX: return MESITags.request
        case .data(_, let grant, let fromOwner):
            return fromOwner ? MESITags.direct : (grant == .S ? MESITags.grantShared : MESITags.grantExclusive)
        case .inv: return MESITags.inv
        case .invAck(let had): return had ? MESITags.invAck : MESITags.invAckEvicted
        case .recall: return MESITags.recall
        case .flush, .writeBack: return MESITags.flush
        case .surrender: return MESITags.recall
        }
    }
}

/// Seed 000's MESI rows: request-grant (1a), invalidation as
/// broadcast-and-collect and revoke-and-confirm with unanimity scoped to the
/// reader set (2a, 3a), write permission moved through the directory (5a),
/// the dirty line flushed to the main store (6a) or, in MOESI, to the
/// requester (6b), and silent eviction discovered on the next invalidation
/// (7a, lazy metadata).
enum MESITags {
    static let request = PrimitiveTags([.p1a])
    static let grantShared = PrimitiveTags([.p1a])
    static let grantExclusive = PrimitiveTags([.p1a, .p5a])
    static let direct = PrimitiveTags([.p6b], tricks: [.causalityForFree])
    static let inv = PrimitiveTags([.p2a, .p3a], tricks: [.scopeTheBarrier])
    static let invAck = PrimitiveTags([.p2a, .p3a])
    static let invAckEvicted = PrimitiveTags([.p2a, .p3a, .p7a], tricks: [.lazyMetadata])
    static let recall = PrimitiveTags([.p5a])
    static let flush = PrimitiveTags([.p6a], tricks: [.flushEnablesFreeEviction])
}

/// What the invariants remember: the last value written (a read must
/// return it), and the assumption of hardware that never fails.
public struct MESIGhost: Sendable, Hashable {
    public internal(set) var lastWrite = "0"
    var readsSeen: [Int]
    var writesSeen: [Int]
    public internal(set) var assumptionsBroken: [String] = []
    var notes: [String] = []
    /// A read that did not return the last write, for the invariant.
    var lostValue: String? = nil

    init(size: Int) {
        readsSeen = Array(repeating: 0, count: size)
        writesSeen = Array(repeating: 0, count: size)
    }
}
