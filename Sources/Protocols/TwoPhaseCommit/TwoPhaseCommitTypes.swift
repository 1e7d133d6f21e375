import Sim

/// A participant's view of one transaction (seed 002, "Distributed
/// transactions": it commits or aborts; after voting yes it may do neither
/// by itself).
public enum ParticipantState: String, Sendable, Hashable {
    case working, prepared, committed, aborted
}

/// The coordinator's decision on a transaction, written to its log before
/// anyone hears it (seed 002: "Coordinator writes its decision to disk").
public enum CommitDecision: String, Sendable, Hashable {
    case none, commit, abort
}

/// One transaction as a node knows it: the id the coordinator issued (4a),
/// the client's name for it, and where it stands.
public struct TransactionRecord: Sendable, Hashable {
    public let id: Int
    public let name: String
    /// A participant's state (working for the coordinator's own record).
    public var state: ParticipantState
    /// The coordinator's logged decision (none for a participant's record).
    public var decision: CommitDecision
}

/// Two-phase commit's node state. The coordinator keeps a log of decisions
/// and issues ids; a participant keeps a record per transaction it was
/// asked about. Both survive a crash (a participant's "prepared" is a
/// promise it must keep); the votes counted so far do not.
public struct TwoPCState: Sendable, Hashable {
    /// Durable: every transaction this node has a record of, by id (a
    /// dictionary: a long run holds many, and each message looks one up).
    public var records: [Int: TransactionRecord] = [:]
    /// Durable: the id of the latest record (what `A.state` shows).
    public var latestId: Int? = nil
    /// Durable (participant): the transactions it holds a yes vote on, not
    /// yet decided: what blocks it (kept apart so no step scans every record).
    public var prepared: Set<Int> = []
    /// Durable (coordinator): the last id issued, so ids never repeat (4a).
    public var lastId = 0
    /// Volatile (coordinator): the transaction collecting votes, and who said yes.
    public var collecting: Int? = nil
    public var yes: [Int] = []

    public init() {}

    /// The latest transaction's record, which `A.state` and `K.decision` show.
    public var latest: TransactionRecord? { latestId.flatMap { records[$0] } }

    public func record(_ id: Int) -> TransactionRecord? { records[id] }

    /// Change (or add) the record of transaction `id`.
    mutating func update(_ id: Int, name: String, _ change: (inout TransactionRecord) -> Void) {
        var record = records[id] ?? TransactionRecord(id: id, name: name, state: .working, decision: .none)
        change(&record)
        records[id] = record
        if record.state == .prepared { prepared.insert(id) } else { prepared.remove(id) }
        if latestId.map({ id > $0 }) ?? true { latestId = id }
    }
}

/// The messages of seed 002's figure (prepare, ok, commit) in the catalog's
/// words, plus the outcome a recovering participant asks for.
public enum TwoPCMessage: MessagePayload {
    /// "Can you commit T?" to every participant (phase 1).
    case prepare(id: Int, name: String)
    /// The participant's answer; yes revokes its right to abort alone.
    case vote(id: Int, name: String, yes: Bool)
    /// The logged decision, to every participant (phase 2).
    case commit(id: Int, name: String)
    case abort(id: Int, name: String)
    /// A prepared participant that came back asks how `id` ended.
    case inquiry(id: Int, name: String)

    public var typeName: String {
        switch self {
        case .prepare: return "Prepare"
        case .vote: return "Vote"
        case .commit: return "Commit"
        case .abort: return "Abort"
        case .inquiry: return "Inquiry"
        }
    }

    public var label: String? { nil }

    var id: Int {
        switch self {
        case .prepare(let id, _), .vote(let id, _, _), .commit(let id, _), .abort(let id, _), .inquiry(let id, _):
            return id
        }
    }

    var name: String {
        switch self {
        case .prepare(_, let n), .vote(_, let n, _), .commit(_, let n), .abort(_, let n), .inquiry(_, let n): return n
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
        case .prepare: return TwoPCTags.prepare
        case .vote: return TwoPCTags.vote
        case .commit, .abort: return TwoPCTags.decision
        case .inquiry: return TwoPCTags.inquiry
        }
    }
}

/// Catalog tags (seed 000): "2PC Phase 1 | 2a | Can you commit? | Votes" and
/// "2PC | 3a | Prepare | All participants | Right to abort unilaterally";
/// the transaction id is the Database row's 4a (issued by the transaction
/// manager). The barrier is scoped to the transaction's participants.
enum TwoPCTags {
    static let prepare = PrimitiveTags([.p2a, .p3a, .p4a], tricks: [.scopeTheBarrier])
    static let vote = PrimitiveTags([.p2a, .p3a])
    /// The project's reading of the Database row's 6a (write-ahead log): the
    /// decision is flushed to the coordinator's disk before it is handed on.
    static let decision = PrimitiveTags([.p6a], closest: true)
    /// The project's reading: a recovering participant asks the one authority
    /// on the outcome (a request to the owner, 1a).
    static let inquiry = PrimitiveTags([.p1a], closest: true)
}

/// What the invariants and the `blocked` note remember between steps.
public struct TwoPCGhost: Sendable, Hashable {
    /// Participants reported blocked last time (the note is written when the set changes).
    var blocked: [Int] = []
    var notes: [String] = []
}
