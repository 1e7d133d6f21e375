import Sim

/// One log record: the client's message and the term it was appended in.
public struct LogEntry: Hashable, Sendable {
    public let msg: String
    public let term: Int

    public init(msg: String, term: Int) {
        self.msg = msg
        self.term = term
    }

    /// `x@1`, the contract's form for `A.log`.
    public var rendered: String { "\(msg)@\(term)" }
}

public enum RaftRole: String, Sendable, Hashable, CaseIterable {
    case follower, candidate, leader

    /// 0, 1, 2 in declaration order.
    var code: UInt64 {
        switch self {
        case .follower: return 0
        case .candidate: return 1
        case .leader: return 2
        }
    }

    /// By case, not by name: a raw-valued enum otherwise hashes its raw
    /// string (the standard library's default for `RawRepresentable`).
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt8(code)) }
}

/// A node's state, with the seed's variable names (seed 002, Raft (1/9)).
public struct RaftState: Hashable, Sendable {
    // Durable: survive a crash.
    public var currentTerm = 0
    public var votedFor: NodeID? = nil
    public var log = ChunkedArray<LogEntry>()
    // Volatile: reset on recovery.
    public var commitLength = 0
    public var currentRole = RaftRole.follower
    public var currentLeader: NodeID? = nil
    /// A set of bits, iterated in node order (it never depends on hash order).
    public var votesReceived = NodeSet()
    public var sentLength: [Int]
    public var ackedLength: [Int]
    /// `prevote=on`: the pre-votes gathered for term currentTerm+1, or nil
    /// when not pre-voting (Raft thesis §9.6).
    public var preVotes: NodeSet? = nil
    /// Heard from the leader of the current term since the election timer
    /// last fired (pre-vote and check-quorum refuse to disrupt it).
    public var leaderAlive = false
    /// `check-quorum=on`, at a leader: followers heard from since the last check.
    public var heardFrom = NodeSet()

    public init(size: Int) {
        sentLength = Array(repeating: 0, count: size)
        ackedLength = Array(repeating: 0, count: size)
    }

    /// The term of the last log entry, or 0.
    public var lastTerm: Int { log.last?.term ?? 0 }

    /// Every field `==` compares, as words for `WordMix` (a tenth of the
    /// cost of `Hasher`, and the explorer hashes a changed state at every
    /// step, `Raft.stateHash`): the small fields packed losslessly (node
    /// indices in 16 bits, sets in 32), the per-node counters one each,
    /// every log entry's term and message.
    public var wordHash: Int {
        var h = WordMix()
        h.combine(currentTerm)
        h.combine(commitLength)
        // Node indices below 65,535 (clusters have at most 26 nodes): 16 bits each, 0 for none.
        let voted = (votedFor?.index ?? -1) + 1, leader = (currentLeader?.index ?? -1) + 1
        h.combine(voted | leader << 16 | Int(currentRole.code) << 32 | (leaderAlive ? 1 << 34 : 0)
                  | (preVotes == nil ? 0 : 1 << 35))
        h.combine(Int(votesReceived.word) | Int(heardFrom.word) << 32)
        h.combine(Int(preVotes?.word ?? 0))
        h.combine(log.count)
        for entry in log {
            h.combine(entry.term)
            h.combine(entry.msg.hashValue)
        }
        h.combine(sentLength.count)
        for n in sentLength { h.combine(n) }
        h.combine(ackedLength.count)
        for n in ackedLength { h.combine(n) }
        return h.finalize()
    }

    /// By `wordHash`, so that the fields are listed once (the synthesized
    /// hash made a dozen and more calls and hashed the role's name).
    public func hash(into hasher: inout Hasher) { hasher.combine(wordHash) }
}

/// Raft's messages, named as in seed 002.
public enum RaftMessage: MessagePayload {
    case voteRequest(cId: NodeID, cTerm: Int, cLogLength: Int, cLogTerm: Int)
    case voteResponse(voterId: NodeID, term: Int, granted: Bool)
    case logRequest(leaderId: NodeID, term: Int, prefixLen: Int, prefixTerm: Int, leaderCommit: Int,
                    suffix: [LogEntry])
    case logResponse(follower: NodeID, term: Int, ack: Int, success: Bool)
    /// A client request passed on to the leader (Raft (4/9): "forward the
    /// request to currentLeader").
    case forward(msg: String)
    /// `prevote=on` (Raft thesis §9.6): would you vote for me in `term`?
    /// Nobody's state changes until a majority says yes.
    case preVoteRequest(cId: NodeID, term: Int, cLogLength: Int, cLogTerm: Int)
    case preVoteResponse(voterId: NodeID, term: Int, granted: Bool)

    public var typeName: String {
        switch self {
        case .voteRequest: return "VoteRequest"
        case .voteResponse: return "VoteResponse"
        case .logRequest: return "LogRequest"
        case .preVoteRequest: return "PreVoteRequest"
        case .preVoteResponse: return "PreVoteResponse"
        case .logResponse: return "LogResponse"
        case .forward: return "Forward"
        }
    }

    public var label: String? {
        if case .forward(let msg) = self { return msg }
        return nil
    }

    public var fields: [Field] {
        switch self {
        case let .voteRequest(_, term, length, lastTerm):
            return [Field("term", .int(term)), Field("logLength", .int(length)), Field("lastTerm", .int(lastTerm))]
        case let .voteResponse(_, term, granted):
            return [Field("term", .int(term)), Field("granted", .bool(granted))]
        case let .logRequest(_, term, prefixLen, prefixTerm, commit, suffix):
            return [Field("term", .int(term)), Field("prefixLen", .int(prefixLen)),
                    Field("prefixTerm", .int(prefixTerm)), Field("leaderCommit", .int(commit)),
                    Field("suffix", .list(suffix.map(\.rendered)))]
        case let .logResponse(_, term, ack, success):
            return [Field("term", .int(term)), Field("ack", .int(ack)), Field("success", .bool(success))]
        case .forward:
            return []
        case let .preVoteRequest(_, term, length, lastTerm):
            return [Field("term", .int(term)), Field("logLength", .int(length)), Field("lastTerm", .int(lastTerm))]
        case let .preVoteResponse(_, term, granted):
            return [Field("term", .int(term)), Field("granted", .bool(granted))]
        }
    }

    /// A forwarded request travels over a FIFO link (seed 002 Raft (4/9)).
    public var fifo: Bool {
        if case .forward = self { return true }
        return false
    }

    public var summary: String {
        switch self {
        case let .voteRequest(_, term, length, lastTerm): return "VoteRequest t\(term) log=\(length)/\(lastTerm)"
        case let .voteResponse(_, term, granted): return "VoteResponse t\(term) \(granted ? "yes" : "no")"
        case let .logRequest(_, term, prefixLen, _, commit, suffix):
            let entries = suffix.isEmpty ? "heartbeat" : Value.list(suffix.map(\.rendered)).rendered
            return "LogRequest t\(term) \(entries) prefix=\(prefixLen) commit=\(commit)"
        case let .logResponse(_, term, ack, success): return "LogResponse t\(term) ack=\(ack) \(success ? "ok" : "no")"
        case .forward(let msg): return "Forward \(msg)"
        case let .preVoteRequest(_, term, length, lastTerm): return "PreVoteRequest t\(term) log=\(length)/\(lastTerm)"
        case let .preVoteResponse(_, term, granted): return "PreVoteResponse t\(term) \(granted ? "yes" : "no")"
        }
    }

    public var tags: PrimitiveTags {
        switch self {
        case .voteRequest: return RaftTags.voteRequest
        case .voteResponse: return RaftTags.voteResponse
        case .logRequest(_, _, _, _, _, let suffix): return suffix.isEmpty ? RaftTags.heartbeat : RaftTags.logRequest
        case .logResponse: return RaftTags.logResponse
        case .forward: return RaftTags.forward
        case .preVoteRequest: return RaftTags.preVoteRequest
        case .preVoteResponse: return RaftTags.preVoteResponse
        }
    }
}

/// Catalog tags (seed 000): the vote is a quorum grant (1b) collected from a
/// majority (2b) under a locally chosen term (4b), and the election as a whole
/// is competitive authority transfer with split votes (5c). Log replication
/// collects a quorum (2b) and hands the log to the next leader (6b). A
/// heartbeat's absence is how a crashed leader is discovered (7b).
enum RaftTags {
    static let voteRequest = PrimitiveTags([.p1b, .p2b, .p4b, .p5c],
                                           tricks: [.higherNumberSupersedes, .quorumIntersection])
    static let voteResponse = PrimitiveTags([.p1b, .p4b], tricks: [.higherNumberSupersedes])
    /// The project's reading: a quorum grant asked before the term is raised,
    /// so a node that cannot win cannot disrupt.
    static let preVoteRequest = PrimitiveTags([.p1b, .p2b], closest: true)
    static let preVoteResponse = PrimitiveTags([.p1b], closest: true)
    static let logRequest = PrimitiveTags([.p2b, .p6b, .p4b],
                                          tricks: [.quorumIntersection, .higherNumberSupersedes, .piggyback])
    static let heartbeat = PrimitiveTags([.p2b, .p4b, .p7b], tricks: [.higherNumberSupersedes, .piggyback])
    static let logResponse = PrimitiveTags([.p2b, .p4b], tricks: [.higherNumberSupersedes])
    /// The project's reading: a request to the single current authority.
    static let forward = PrimitiveTags([.p1a], closest: true)
}
