import Sim

/// A participant's view of one transaction in three-phase commit (seed 001):
/// `voted` after a yes to Propose (it may still abort on its timeout),
/// `prepared` after Prepare (it commits on its timeout: every participant
/// voted yes), then `committed` or `aborted`.
public enum ThreePCParticipantState: String, Sendable, Hashable {
    case working, voted, prepared, committed, aborted

    var isDecided: Bool { self == .committed || self == .aborted }
}

/// Where the coordinator's transaction stands. Durable (written before the
/// messages that follow from it): a coordinator that comes back in
/// `preparing` commits, in `proposing` aborts (seed 001's timeout rules).
public enum ThreePCPhase: String, Sendable, Hashable {
    case idle, proposing, preparing
}

/// One transaction as a node knows it (seed 001).
public struct ThreePCRecord: Sendable, Hashable {
    public let id: Int
    public let name: String
    /// A participant's state (working for the coordinator's own record).
    public var state: ThreePCParticipantState
    /// The coordinator's logged decision.
    public var decision: CommitDecision
}

/// Three-phase commit's node state: records per transaction and the
/// coordinator's phase survive a crash; the votes and acks counted and the
/// transaction a participant's timer waits on do not.
public struct ThreePCState: Sendable, Hashable {
    /// Durable: every transaction this node has a record of, by id.
    public var records: [Int: ThreePCRecord] = [:]
    /// Durable: the latest record's id (what `A.state` shows).
    public var latestId: Int? = nil
    /// Durable (participant): voted or prepared, not yet decided.
    public var undecided: Set<Int> = []
    /// Durable (coordinator): the last id issued (4a), the transaction in
    /// progress and its phase.
    public var lastId = 0
    public var active: Int? = nil
    public var phase: ThreePCPhase = .idle
    /// Volatile (coordinator): who answered yes (Propose) or acked (Prepare).
    public var answered: [Int] = []
    /// Volatile (participant): the transaction its timer waits on.
    public var waiting: Int? = nil

    public init() {}

    public var latest: ThreePCRecord? { latestId.flatMap { records[$0] } }

    /// Change (or add) the record of transaction `id`.
    mutating func update(_ id: Int, name: String, _ change: (inout ThreePCRecord) -> Void) {
        var record = records[id] ?? ThreePCRecord(id: id, name: name, state: .working, decision: .none)
        change(&record)
        records[id] = record
        if record.state == .voted || record.state == .prepared { undecided.insert(id) } else { undecided.remove(id) }
        if latestId.map({ id > $0 }) ?? true { latestId = id }
    }
}

/// Seed 001's three phases in the catalog's words, plus the question a
/// recovering participant asks.
public enum ThreePCMessage: MessagePayload {
    /// Phase 1, "can you commit T?" (propose, or can-commit).
    case propose(id: Int, name: String)
    case vote(id: Int, name: String, yes: Bool)
    /// Phase 2, every participant voted yes: get ready (pre-commit).
    case prepare(id: Int, name: String)
    case ack(id: Int, name: String)
    /// Phase 3, the logged decision.
    case commit(id: Int, name: String)
    case abort(id: Int, name: String)
    /// A participant that came back undecided asks how `id` ended.
    case inquiry(id: Int, name: String)

    public var typeName: String {
        switch self {
        case .propose: return "Propose"
        case .vote: return "Vote"
        case .prepare: return "Prepare"
        case .ack: return "Ack"
        case .commit: return "Commit"
        case .abort: return "Abort"
        case .inquiry: return "Inquiry"
        }
    }

    public var label: String? { nil }

    var id: Int {
        switch self {
        case .propose(let id, _), .vote(let id, _, _), .prepare(let id, _), .ack(let id, _), .commit(let id, _),
             .abort(let id, _), .inquiry(let id, _):
            return id
        }
    }

    var name: String {
        switch self {
        case .propose(_, let n), .vote(_, let n, _), .prepare(_, let n), .ack(_, let n), .commit(_, let n),
             .abort(_, let n), .inquiry(_, let n):
            return n
        }
    }

    public var fields: [Field] {
        var fields = [Field("tx", .text(name)), Field("id", .int(id))]
        if case .vote(_, _, let yes) = self { fields.append(Field("vote", .text(yes ? "yes" : "no"))) }
        return fields
    }

    public var summary: String {
        if case .vote(_, _, let yes) = self { return "Vote \(name) \(yes ? "yes" : "no")" }
        return "\(typeName) \(name)"
    }

    public var tags: PrimitiveTags {
        switch self {
        case .propose: return ThreePCTags.propose
        case .vote: return ThreePCTags.vote
        case .prepare: return ThreePCTags.prepare
        case .ack: return ThreePCTags.ack
        case .commit, .abort: return ThreePCTags.decision
        case .inquiry: return ThreePCTags.inquiry
        }
    }
}

/// Seed 000 has no 3PC row; the project's reading, flagged closest where it
/// is one. Propose is 2PC's phase 1 (2a, unanimity: seed 000's "2PC Phase
/// 1" row) with the id the coordinator issues (4a), but a yes no longer
/// revokes the right to abort: a voted participant aborts on its timeout.
/// Prepare is where the revocation moved (3a, closest): a prepared
/// participant may no longer abort, and commits on its timeout.
enum ThreePCTags {
    static let propose = PrimitiveTags([.p2a, .p4a], tricks: [.scopeTheBarrier])
    static let vote = PrimitiveTags([.p2a])
    static let prepare = PrimitiveTags([.p2a, .p3a], closest: true)
    static let ack = PrimitiveTags([.p2a, .p3a], closest: true)
    /// As 2PC: the decision is written to the coordinator's log first (6a, closest).
    static let decision = PrimitiveTags([.p6a], closest: true)
    static let inquiry = PrimitiveTags([.p1a], closest: true)
}

/// What 3PC assumes of the run (seed 001: timeouts stand in for a failed
/// peer, which is sound only when every message arrives, in bounded time,
/// and timers fire when they should), what the run broke of it, and the
/// notes to write.
public struct ThreePCGhost: Sendable, Hashable {
    /// `reliable-links`, `bounded-delay`, `timely-timeouts`, each once, in the order broken.
    public internal(set) var assumptionsBroken: [String] = []
    var notes: [String] = []
}
