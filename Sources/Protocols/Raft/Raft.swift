import Sim

/// Raft leader election and log replication, exactly as Kleppmann's
/// pseudocode in seed 002, "Raft (1/9)" to "Raft (9/9)". The seed leaves
/// the failure detector abstract ("suspects leader has failed"); here it is
/// the election timer, restarted whenever a node hears from the leader of its
/// term or grants a vote, and drawn by the engine from `election-timeout`.
///
/// Teaching variants: `unsafe=double-vote` lets a node vote twice in a term;
/// `unsafe=commit-old-term` commits entries of earlier terms by counting.
public struct Raft: NodeProtocol {
    public typealias State = RaftState
    public typealias Message = RaftMessage
    public typealias Ghost = RaftGhost

    public static let descriptor = ProtocolDescriptor(
        id: "raft", title: "Raft",
        options: [
            OptionSpec("election-timeout", .range(1...1_000_000), default: "10..20",
                       help: "election timer range in ticks"),
            OptionSpec("heartbeat", .int(1...1_000_000), default: "5", help: "ticks between a leader's LogRequests"),
            OptionSpec("term-limit", .int(1...1_000_000), default: "1000000",
                       help: "no election timeout past this term: the timer fires and stops (a bound that makes "
                           + "`baton explore`'s search finite, as a model checker bounds its model)"),
            .offOn("prevote", help: "on: ask for pre-votes before raising the term (Raft thesis 9.6)"),
            .offOn("check-quorum", help: "on: a leader without a majority steps down; a live leader's followers ignore votes"),
            OptionSpec("unsafe", .choice(["double-vote", "commit-old-term"]), default: nil,
                       help: "double-vote lets a node vote twice in a term; commit-old-term commits any entry a "
                           + "majority holds (for teaching)",
                       unsafe: [.init("double-vote", breaks: "election-safety"),
                                .init("commit-old-term", breaks: "leader-completeness")]),
        ],
        timers: [electionTimer, heartbeatTimer, checkQuorumTimer],
        requests: [CommonRequests.propose],
        messages: [MessageSpec("VoteRequest", RaftTags.voteRequest), MessageSpec("VoteResponse", RaftTags.voteResponse),
                   MessageSpec("LogRequest", RaftTags.logRequest),
                   MessageSpec("LogRequest (heartbeat)", RaftTags.heartbeat),
                   MessageSpec("LogResponse", RaftTags.logResponse), MessageSpec("Forward", RaftTags.forward),
                   MessageSpec("PreVoteRequest", RaftTags.preVoteRequest),
                   MessageSpec("PreVoteResponse", RaftTags.preVoteResponse)],
        invariants: RaftGhost.names,
        variables: [VariableSpec("currentTerm", durable: true), VariableSpec("votedFor", durable: true),
                    VariableSpec("log", durable: true), VariableSpec("commitLength", durable: true),
                    VariableSpec("currentRole", durable: false, allowed: RaftRole.allCases.map(\.rawValue)), VariableSpec("currentLeader", durable: false),
                    VariableSpec("votesReceived", durable: false), VariableSpec("sentLength", durable: false),
                    VariableSpec("ackedLength", durable: false)],
        queries: ["leader", "leaders"],
        examples: [Example("an election and a commit", """
            # seed 002 Raft (1/9)-(9/9): A times out, wins, and replicates x
            cluster raft nodes=3 seed=7
            timeout A
            run until leader
            propose A x
            run until C.commitLength=1 max=200
            expect leader=A A.log=x@1 C.log=x@1 violations=none
            """)],
        symmetricNodes: true)

    static let electionTimer = "election"
    static let heartbeatTimer = "heartbeat"
    /// Replication exchanges are keyed apart from elections (keyed by term).
    static let replicationKeyBase = 1_000_000_000

    public let cluster: ClusterInfo
    public let electionTimeout: ClosedRange<Int>
    public let heartbeat: Int
    public let doubleVote: Bool
    /// `unsafe=commit-old-term`: commit by counting replicas of any term
    /// (the Raft paper's Figure 8 shows what that breaks).
    public let commitOldTerm: Bool
    public let preVote: Bool
    public let checkQuorumOn: Bool
    /// `term-limit=N`: a node already in term N ignores its election timer
    /// (the default, a million, is no limit in practice).
    public let termLimit: Int
    /// False in the explorer's copy (`silenced`): notes are not built.
    var notes = true

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        self.electionTimeout = options.range("election-timeout")
        self.heartbeat = options.int("heartbeat")
        self.doubleVote = options.choice("unsafe") == "double-vote"
        self.commitOldTerm = options.choice("unsafe") == "commit-old-term"
        self.preVote = options.choice("prevote") == "on"
        self.checkQuorumOn = options.choice("check-quorum") == "on"
        self.termLimit = options.int("term-limit")
    }

    public var silenced: Raft {
        var quiet = self
        quiet.notes = false
        return quiet
    }

    public func stateHash(_ s: RaftState) -> Int { s.wordHash }

    public func ghostHash(_ ghost: RaftGhost) -> Int { ghost.wordHash }

    /// Appends a note, its text built only when notes are kept.
    func note(_ out: inout [Effect<Message>], _ text: @autoclosure () -> String) {
        if notes { out.append(.note(text())) }
    }

    /// ⌈(|nodes|+1)/2⌉
    var quorum: Int { (cluster.count + 2) / 2 }

    public func initialState(for node: NodeID) -> State { RaftState(size: cluster.count) }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        var out: [Effect<Message>] = []
        // One allocation for a step's effects (an election's are about eight), not one per doubling.
        out.reserveCapacity(8)
        handle(input, at: node, state: &state, into: &out)
        return out
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State, into out: inout [Effect<Message>]) {
        switch input {
        case .start, .recover:
            out.append(.setTimer(Self.electionTimer, ticks: electionTimeout))
        case .timer(Self.electionTimer):
            onElectionTimeout(at: node, &state, &out)
        case .timer(Self.checkQuorumTimer):
            checkQuorum(at: node, &state, &out)
        case .timer(Self.heartbeatTimer):
            if state.currentRole == .leader {
                replicateToAll(from: node, state, &out)
                out.append(.setTimer(Self.heartbeatTimer, ticks: heartbeat...heartbeat))
            }
        case .timer:
            break
        case .receive(_, .forward(let msg)):
            clientRequest(msg, at: node, &state, &out)
        case .request(let r):
            if r.is(CommonRequests.propose), let msg = r.text { clientRequest(msg, at: node, &state, &out) }
        case let .receive(_, .preVoteRequest(cId, term, cLogLength, cLogTerm)):
            preVoteRequest(from: cId, term, cLogLength, cLogTerm, at: node, &state, &out)
        case let .receive(_, .preVoteResponse(voterId, term, granted)):
            preVoteResponse(from: voterId, term, granted, at: node, &state, &out)
        case let .receive(_, .voteRequest(cId, cTerm, cLogLength, cLogTerm)):
            voteRequest(from: cId, cTerm, cLogLength, cLogTerm, at: node, &state, &out)
        case let .receive(_, .voteResponse(voterId, term, granted)):
            voteResponse(from: voterId, term, granted, at: node, &state, &out)
        case let .receive(_, .logRequest(leaderId, term, prefixLen, prefixTerm, leaderCommit, suffix)):
            logRequest(from: leaderId, term, prefixLen, prefixTerm, leaderCommit, suffix,
                       at: node, &state, &out)
        case let .receive(_, .logResponse(follower, term, ack, success)):
            logResponse(from: follower, term, ack, success, at: node, &state, &out)
        }
    }

    /// seed 002 Raft (1/9), "on recovery from crash": currentRole,
    /// currentLeader, votesReceived, sentLength and ackedLength are reset;
    /// currentTerm, votedFor, log and commitLength survive (so committed
    /// entries are not delivered a second time).
    public func recover(_ crashed: State, at node: NodeID) -> State {
        var state = RaftState(size: cluster.count)
        state.currentTerm = crashed.currentTerm
        state.votedFor = crashed.votedFor
        state.log = crashed.log
        state.commitLength = crashed.commitLength
        return state
    }

    public func variables(of s: State) -> [StateVariable] {
        let name = { (n: NodeID?) -> Value in n.map { .text(cluster.name($0)) } ?? .none }
        return [StateVariable("currentTerm", .int(s.currentTerm), durable: true),
                StateVariable("votedFor", name(s.votedFor), durable: true),
                StateVariable("log", .list(s.log.map(\.rendered)), durable: true),
                StateVariable("commitLength", .int(s.commitLength), durable: true),
                StateVariable("currentRole", .text(s.currentRole.rawValue), durable: false),
                StateVariable("currentLeader", name(s.currentLeader), durable: false),
                StateVariable("votesReceived", .list(s.votesReceived.map(cluster.name)), durable: false),
                StateVariable("sentLength", .vector(s.sentLength), durable: false),
                StateVariable("ackedLength", .vector(s.ackedLength), durable: false)]
    }

    public func observe(_ s: State) -> [Field] {
        [Field("role", .text(s.currentRole.rawValue)), Field("term", .int(s.currentTerm))]
    }

    /// `leader t3`, `candidate t2`, `follower t1`.
    public func headline(of s: State) -> String { "\(s.currentRole.rawValue) t\(s.currentTerm)" }

    /// The log's tail, coloured by term, with the commit point; a leader adds
    /// the numbers behind the commit rule (seed 002 Raft 8/9 and 9/9).
    public func strip(of s: State, entriesMax: Int) -> StripRow {
        let first = max(0, s.log.count - entriesMax)
        let entries = (first..<s.log.count).map { StripEntry(s.log[$0].msg, group: s.log[$0].term) }
        // Per follower (the leader's own entries mean nothing): `sent B:2 C:1`.
        let others = cluster.names.indices.filter { s.currentRole == .leader && $0 != s.currentLeader?.index }
        let note = others.isEmpty ? "" : "sent " + others.map { "\(cluster.names[$0]):\(s.sentLength[$0])" }.joined(separator: " ")
            + "  acked " + others.map { "\(cluster.names[$0]):\(s.ackedLength[$0])" }.joined(separator: " ")
        return StripRow(entries: entries, firstIndex: first, committed: s.commitLength, note: note)
    }

    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? {
        switch name {
        case "leader":
            // The live leader of the highest term (an old leader cut off by a
            // partition may still think it leads a lower term).
            let leaders = states.indices.filter { !crashed[$0] && states[$0].currentRole == .leader }
            guard let best = leaders.max(by: { states[$0].currentTerm < states[$1].currentTerm }) else { return Value.none }
            return .text(cluster.names[best])
        case "leaders":
            let maxTerm = states.map(\.currentTerm).max() ?? 0
            guard maxTerm > 0 else { return Value.none }
            // Two leaders of one term (election safety broken) read `1:A+C`.
            return .list((1...maxTerm).map { term in
                "\(term):" + (ghost.leaders[term].map { $0.map { cluster.names[$0] }.joined(separator: "+") } ?? "none")
            })
        default:
            return nil
        }
    }

    public var invariants: [Invariant<Raft>] {
        RaftGhost.names.map { name in Invariant<Raft>(name) { sim, _ in sim.world.ghost.failures[name] } }
    }

    public func initialGhost() -> RaftGhost { RaftGhost(size: cluster.count) }

    public func updateGhost(_ ghost: inout RaftGhost, _ sim: Simulation<Raft>, _ range: Range<Int>,
                            action: StepAction) {
        ghost.update(StepDigest(sim, range, action: action), sim.world.states, sim.world.crashed, cluster.names)
    }

    public var leanChecks: LeanChecks<Raft>? {
        let names = cluster.names
        return LeanChecks(update: { ghost, digest, states, crashed in ghost.update(digest, states, crashed, names) },
                          failing: { ghost, _ in
                              ghost.failures.isEmpty ? [] : RaftGhost.names.filter { ghost.failures[$0] != nil } },
                          // Per-node terms and votes, sets of leaders, the committed
                          // prefix and the lowest term seen holding each entry: none
                          // depends on which of two nodes was seen first.
                          stepsCommute: true,
                          quiet: { box, digest, states, crashed in box.ghost.isQuiet(digest, states, crashed) })
    }
}
