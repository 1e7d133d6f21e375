import Sim

/// A ballot: seed 004's round number k, shown with its proposer as
/// `k.process` (`4.A`). Seed 004 makes rounds unique by giving process p_i
/// the rounds i, i+n, i+2n, ... (Figure 9: first k = i, after an abort
/// k := k + n), so ballots compare by round alone; the identity in the
/// name is seed 000's "local value + global identity" made visible. Under
/// `unsafe=shared-rounds` two proposers may hold the same round, and then
/// their ballots are equal (footnote 15: agreement can break).
public struct Ballot: Comparable, Sendable, Hashable, CustomStringConvertible {
    public let round: Int
    /// The proposer's node index; `name` is only for display.
    public let proposer: Int
    public let name: String

    public init(round: Int, proposer: Int, name: String) {
        self.round = round
        self.proposer = proposer
        self.name = name
    }

    public static func < (a: Ballot, b: Ballot) -> Bool { a.round < b.round }
    public static func == (a: Ballot, b: Ballot) -> Bool { a.round == b.round }
    public func hash(into hasher: inout Hasher) { hasher.combine(round) }

    /// `2.B`
    public var description: String { "\(round).\(name)" }
}

public enum PaxosPhase: String, Sendable, Hashable, CaseIterable {
    case idle, preparing, accepting, decided
}

/// seed 004, Figure 5 (round-based register): an acceptor's `read` (the
/// highest Prepare it promised), `write` (the highest Accept it took) and
/// `v` (the value of that Accept). Figure 6 (round-based consensus) adds the
/// proposer's round and value; a learner keeps what was decided.
public struct PaxosState: Hashable, Sendable {
    // Acceptor (durable unless unsafe=forget-promise).
    public var promised: Ballot? = nil
    public var accepted: Accepted? = nil
    // Proposer (volatile).
    public var round = 0
    public var ballot: Ballot? = nil
    public var phase = PaxosPhase.idle
    public var value: String? = nil
    /// One response per acceptor: node index → (granted, accepted ballot, value).
    public var responses: [Response] = []
    /// The highest ballot a refusal told us about (`ballots=skip-ahead`
    /// retries above it).
    public var highestSeen: Ballot? = nil
    // Learner (volatile).
    public var decided: String? = nil
    /// `mode=register`: the outcome of the node's last operation, `commit`
    /// or `abort` (a committed read leaves what it read in `value`).
    public var result: String? = nil
    /// The weak leader election's state (`leader=omega`), else nil.
    public var omega: Omega? = nil

    /// The acceptor's `write` round and `v` (seed 004 Figure 5).
    public struct Accepted: Hashable, Sendable {
        public let ballot: Ballot
        public let value: String
    }

    public struct Response: Hashable, Sendable {
        public let from: Int
        public let granted: Bool
        public let accepted: Ballot?
        public let value: String?
    }

    public init() {}
}

/// The catalog's vocabulary (seed 000) for seed 004's READ/ackREAD/nack and
/// WRITE/ackWRITE: Prepare, Promise, Nack, Accept, Accepted; plus Decide,
/// the learner's announcement.
public enum PaxosMessage: MessagePayload {
    case prepare(Ballot)
    case promise(Ballot, accepted: Ballot?, value: String?)
    /// A refusal; `phase` is 1 for a Prepare, 2 for an Accept.
    case nack(Ballot, promised: Ballot, phase: Int)
    case accept(Ballot, value: String)
    case accepted(Ballot)
    case decide(value: String)
    /// Figure 28's heartbeat, with the sender's epoch list (`leader=omega`).
    case iAmAlive(epochs: [Int])
    /// Figure 28 line 8: sent to all by a node that recovers.
    case recovered
    /// Figure 9 line 27: a value handed to the node elected leader.
    case forward(value: String)

    public var typeName: String {
        switch self {
        case .prepare: return "Prepare"
        case .promise: return "Promise"
        case .nack: return "Nack"
        case .accept: return "Accept"
        case .accepted: return "Accepted"
        case .decide: return "Decide"
        case .iAmAlive: return "IAmAlive"
        case .recovered: return "Recovered"
        case .forward: return "Forward"
        }
    }

    public var label: String? { nil }

    public var fields: [Field] {
        switch self {
        case .prepare(let b): return [Field("ballot", .text(String(describing: b)))]
        case let .promise(b, accepted, value):
            return [Field("ballot", .text(String(describing: b))), Field("accepted", accepted.map { .text(String(describing: $0)) } ?? .none),
                    Field("value", value.map(Value.text) ?? .none)]
        case let .nack(b, promised, phase):
            return [Field("ballot", .text(String(describing: b))), Field("promised", .text(String(describing: promised))),
                    Field("phase", .int(phase))]
        case let .accept(b, value): return [Field("ballot", .text(String(describing: b))), Field("value", .text(value))]
        case .accepted(let b): return [Field("ballot", .text(String(describing: b)))]
        case .decide(let value): return [Field("value", .text(value))]
        case .iAmAlive(let epochs): return [Field("epochs", .vector(epochs))]
        case .recovered: return []
        case .forward(let value): return [Field("value", .text(value))]
        }
    }

    public var summary: String {
        switch self {
        case .prepare(let b): return "Prepare \(String(describing: b))"
        case let .promise(b, accepted, value):
            return "Promise \(String(describing: b))" + (accepted.map { " accepted=\(String(describing: $0)):\(value ?? "?")" } ?? "")
        case let .nack(b, promised, phase):
            return "Nack \(String(describing: b)) phase \(phase) promised=\(String(describing: promised))"
        case let .accept(b, value): return "Accept \(String(describing: b)) \(value)"
        case .accepted(let b): return "Accepted \(String(describing: b))"
        case .decide(let value): return "Decide \(value)"
        case .iAmAlive(let epochs): return "IAmAlive " + epochs.map(String.init).joined(separator: ",")
        case .recovered: return "Recovered"
        case .forward(let value): return "Forward \(value)"
        }
    }

    public var tags: PrimitiveTags {
        switch self {
        case .prepare: return PaxosTags.prepare
        case .promise: return PaxosTags.promise
        case .nack: return PaxosTags.nack
        case .accept: return PaxosTags.accept
        case .accepted: return PaxosTags.accepted
        case .decide: return PaxosTags.decide
        case .iAmAlive: return PaxosTags.iAmAlive
        case .recovered: return PaxosTags.recovered
        case .forward: return PaxosTags.forward
        }
    }
}

/// Catalog tags (seed 000): Prepare asks a quorum to grant (1b) and revokes
/// lower ballots (3b) inside a quorum collect (2b), under a unique ballot
/// (4b, 5b). A Promise piggybacks the highest accepted value. Accept and
/// Accepted are the second quorum collect (2b).
enum PaxosTags {
    static let prepare = PrimitiveTags([.p1b, .p3b, .p2b, .p4b, .p5b],
                                       tricks: [.higherNumberSupersedes, .localValuePlusIdentity, .quorumIntersection])
    static let promise = PrimitiveTags([.p1b, .p4b], tricks: [.piggyback])
    static let nack = PrimitiveTags([.p1b, .p4b], tricks: [.higherNumberSupersedes])
    static let accept = PrimitiveTags([.p2b, .p4b], tricks: [.quorumIntersection])
    static let accepted = PrimitiveTags([.p2b])
    /// The project's reading: announcing the outcome of the 2b collect.
    static let decide = PrimitiveTags([.p2b], tricks: [.causalityForFree], closest: true)
    /// Absence discovered by time passing without a heartbeat (seed 000, 7b).
    static let iAmAlive = PrimitiveTags([.p7b])
    /// The project's reading: a recovery announced, so that it is not
    /// mistaken for a node that never left (Figure 28's epochs).
    static let recovered = PrimitiveTags([.p7b], closest: true)
    /// The project's reading, as Raft's Forward: a request passed to the
    /// node that may act on it.
    static let forward = PrimitiveTags([.p1a], closest: true)
}
