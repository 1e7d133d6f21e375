import Sim

/// Two-phase commit as seed 002 ("Distributed transactions", "The
/// coordinator in two-phase commit") and seed 001 tell it. A client asks
/// the coordinator to commit transaction T (`commit K T1`); the coordinator
/// issues it an id (4a), asks every participant "can you commit?" (Prepare:
/// 2a broadcast-and-collect with unanimity, and 3a: a yes revokes the
/// participant's right to abort by itself), writes its decision to its log
/// before anyone hears it (6a), then tells every participant. A no vote, or
/// a vote that does not come within `vote-timeout` ticks, means abort.
///
/// A participant that voted yes and has lost its coordinator is blocked: it
/// may neither commit nor abort (seed 002: "Algorithm is blocked until
/// coordinator recovers"). The coordinator rereads its log when it comes
/// back and sends its decision, or aborts if it had not decided; a prepared
/// participant that comes back asks the coordinator (Inquiry).
public struct TwoPhaseCommit: NodeProtocol {
    public typealias State = TwoPCState
    public typealias Message = TwoPCMessage
    public typealias Ghost = TwoPCGhost

    public static let descriptor = ProtocolDescriptor(
        id: "2pc", title: "Two-phase commit",
        options: [
            OptionSpec("coordinator", .node, default: nil, help: "the node that coordinates (default: the first)"),
            OptionSpec("votes", .nodeWords(["yes", "no"]), default: nil,
                       help: "how participants vote, like A:yes,B:no (default: every participant yes)"),
            OptionSpec("vote-timeout", .int(1...1_000_000), default: "20",
                       help: "ticks the coordinator waits for every vote before it aborts"),
        ],
        timers: [voteTimer],
        requests: [commitRequest],
        messages: [MessageSpec("Prepare", TwoPCTags.prepare), MessageSpec("Vote", TwoPCTags.vote),
                   MessageSpec("Commit", TwoPCTags.decision), MessageSpec("Abort", TwoPCTags.decision),
                   MessageSpec("Inquiry", TwoPCTags.inquiry)],
        invariants: invariantNames,
        variables: [VariableSpec("state", durable: true), VariableSpec("decision", durable: true),
                    VariableSpec("transaction", durable: true), VariableSpec("lastId", durable: true),
                    VariableSpec("votes", durable: false)],
        queries: ["decided", "blocked"],
        examples: [Example("happy path", """
            # seed 002: prepare, two yes votes, the decision logged, then commit
            cluster 2pc nodes=K,A,B seed=1
            commit K T1
            run until quiet
            expect K.decision=commit A.state=committed B.state=committed violations=none
            """)])

    static let voteTimer = "vote-timeout"
    static let invariantNames = ["atomicity", "commit-needs-every-yes"]
    /// `commit K T1`: the client asks the coordinator to commit T1.
    public static let commitRequest = RequestSpec("commit", [.text("transaction", required: true)],
                                                  record: .verbAndText,
                                                  help: "ask the coordinator to commit a transaction, like commit K T1")

    public let cluster: ClusterInfo
    public let coordinator: NodeID
    public let participants: [NodeID]
    /// Participants that vote no (`votes=A:no`); the rest vote yes (a set: no order is read).
    public let noVoters: Set<NodeID>
    public let voteTimeoutTicks: Int

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        let roles = try CommitRoles(cluster, options, protocolName: "two-phase commit")
        coordinator = roles.coordinator
        participants = roles.participants
        noVoters = roles.noVoters
        voteTimeoutTicks = options.int("vote-timeout")
    }

    public func initialState(for node: NodeID) -> State { TwoPCState() }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        var out: [Effect<Message>] = []
        switch input {
        case .start: break
        case .request(let r):
            guard r.is(Self.commitRequest), let name = r.text else { break }
            guard node == coordinator else {
                out.append(.note("does not coordinate: ask \(cluster.name(coordinator)) (commit \(cluster.name(coordinator)) \(name))"))
                break
            }
            begin(name, &state, &out)
        case .timer:
            guard node == coordinator else {
                out.append(.note("has no vote timer: only the coordinator waits for votes"))
                break
            }
            voteTimeout(&state, &out)
        case .recover:
            if node == coordinator { coordinatorRecovers(&state, &out) } else { participantRecovers(at: node, &state, &out) }
        case .receive(let from, let message):
            if node == coordinator { coordinatorReceives(message, from: from, &state, &out) }
            else { participantReceives(message, at: node, &state, &out) }
        }
        return out
    }

    /// Crash recovery: the log and the issued ids survive (so do a
    /// participant's records: a yes is a promise); the votes counted do not.
    public func recover(_ crashed: State, at node: NodeID) -> State {
        var state = TwoPCState()
        state.records = crashed.records
        state.latestId = crashed.latestId
        state.prepared = crashed.prepared
        state.lastId = crashed.lastId
        return state
    }

    /// The coordinator has no participant state (`none`); a participant
    /// decides nothing (`decision=none`).
    public func variables(of s: State) -> [StateVariable] {
        let latest = s.latest
        let coordinates = latest?.decision != CommitDecision.none || s.collecting != nil || s.lastId > 0
        let state: Value = coordinates ? .none : .text((latest?.state ?? .working).rawValue)
        return [StateVariable("state", state, durable: true),
                StateVariable("decision", .text((latest?.decision ?? .none).rawValue), durable: true),
                StateVariable("transaction", latest.map { .text($0.name) } ?? .none, durable: true),
                StateVariable("lastId", .int(s.lastId), durable: true),
                StateVariable("votes", .list(s.yes.map { cluster.names[$0] }), durable: false)]
    }

    public func observe(_ s: State) -> [Field] {
        guard let latest = s.latest else { return [] }
        return latest.decision != .none || s.collecting != nil
            ? [Field("decision", .text(latest.decision.rawValue))] : [Field("state", .text(latest.state.rawValue))]
    }

    /// `collecting T1 1/2`, `commit T1` at the coordinator; `prepared T1` at a participant.
    public func headline(of s: State) -> String {
        guard let latest = s.latest else { return "idle" }
        if let id = s.collecting, id == latest.id { return "collecting \(latest.name) \(s.yes.count)/\(participants.count)" }
        if latest.decision != .none { return "\(latest.decision.rawValue) \(latest.name)" }
        return "\(latest.state.rawValue) \(latest.name)"
    }

    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? {
        switch name {
        case "decided":
            let d = states[coordinator.index].latest?.decision ?? .none
            return d == .none ? Value.none : .text(d.rawValue)
        case "blocked": return .list(blocked(states, crashed).map { cluster.names[$0] })
        default: return nil
        }
    }

    /// Live participants holding a yes vote (prepared) while the coordinator,
    /// the only one who may decide, is down.
    func blocked(_ states: [State], _ crashed: [Bool]) -> [Int] {
        guard crashed[coordinator.index] else { return [] }
        return participants.map(\.index).filter { i in !crashed[i] && !states[i].prepared.isEmpty }
    }

    public var invariants: [Invariant<TwoPhaseCommit>] {
        // Only the transactions this step's messages carry can have changed:
        // checking those keeps a long run linear.
        [Invariant("atomicity") { sim, range in
            sim.proto.atomicityBroken(sim.world.states, ids: TwoPhaseCommit.transactions(sim, range)) },
         Invariant("commit-needs-every-yes") { sim, range in
            sim.proto.commitWithoutYes(sim.world.states, ids: TwoPhaseCommit.transactions(sim, range)) }]
    }

    public func initialGhost() -> TwoPCGhost { TwoPCGhost() }

    public func updateGhost(_ ghost: inout TwoPCGhost, _ sim: Simulation<TwoPhaseCommit>, _ range: Range<Int>,
                            action: StepAction) {
        let now = blocked(sim.world.states, sim.world.crashed)
        defer { ghost.blocked = now }
        guard !now.isEmpty, now != ghost.blocked else { return }
        let names = now.map { cluster.names[$0] }.joined(separator: ", ")
        ghost.notes.append("blocked: \(names) voted yes and may neither commit nor abort until "
                           + "\(cluster.name(coordinator)) comes back")
    }

    public func drainNotes(_ ghost: inout TwoPCGhost) -> [String] {
        defer { ghost.notes = [] }
        return ghost.notes
    }
}
