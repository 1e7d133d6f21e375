import Sim

/// Three-phase commit as seed 001 tells it ("Three Phase Commit"). Propose:
/// the coordinator asks every participant whether it can commit and
/// collects the votes (a missing vote or a no: abort). Prepare: with every
/// yes it tells every participant to prepare and collects their acks (a
/// missing ack: abort). Commit: with every ack it commits. Timeouts replace
/// the blocking of 2PC: a participant that voted and hears no Prepare
/// aborts; a prepared participant that hears no decision commits, since
/// every participant voted yes.
///
/// Sound only under its assumptions: every message arrives (no loss, no
/// partition), within `max-delay` ticks, and timers fire on time. Seed 001:
/// "For 3PC, the worst-case scenario is a network partition": prepared
/// participants commit while the ones cut off abort (split brain). The
/// `atomicity` invariant reports that, and the trace says which assumption
/// the run broke first (`assumptions` query).
public struct ThreePhaseCommit: NodeProtocol {
    public typealias State = ThreePCState
    public typealias Message = ThreePCMessage
    public typealias Ghost = ThreePCGhost

    public static let descriptor = ProtocolDescriptor(
        id: "3pc", title: "Three-phase commit",
        options: [
            OptionSpec("coordinator", .node, default: nil, help: "the node that coordinates (default: the first)"),
            OptionSpec("votes", .nodeWords(["yes", "no"]), default: nil,
                       help: "how participants vote, like A:yes,B:no (default: every participant yes)"),
            OptionSpec("timeout", .int(1...1_000_000), default: "20",
                       help: "ticks the coordinator waits for every vote, then for every ack"),
            OptionSpec("max-delay", .int(1...1_000_000), default: "10",
                       help: "the longest a message may take, which the participants' timeouts allow for"),
        ],
        timers: [timer],
        requests: [TwoPhaseCommit.commitRequest],
        messages: [MessageSpec("Propose", ThreePCTags.propose), MessageSpec("Vote", ThreePCTags.vote),
                   MessageSpec("Prepare", ThreePCTags.prepare), MessageSpec("Ack", ThreePCTags.ack),
                   MessageSpec("Commit", ThreePCTags.decision), MessageSpec("Abort", ThreePCTags.decision),
                   MessageSpec("Inquiry", ThreePCTags.inquiry)],
        invariants: TwoPhaseCommit.invariantNames,
        variables: [VariableSpec("state", durable: true), VariableSpec("decision", durable: true),
                    VariableSpec("phase", durable: true), VariableSpec("transaction", durable: true),
                    VariableSpec("lastId", durable: true), VariableSpec("answered", durable: false)],
        queries: ["decided", "assumptions"],
        examples: [Example("happy path", """
            # seed 001: propose, prepare, commit: three round trips
            cluster 3pc nodes=K,A,B seed=1
            commit K T1
            run until quiet
            expect K.decision=commit A.state=committed B.state=committed violations=none
            """)])

    /// One timer per node: what it times out is what the node waits for.
    static let timer = "deadline"

    public let cluster: ClusterInfo
    public let coordinator: NodeID
    public let participants: [NodeID]
    public let noVoters: Set<NodeID>
    public let timeoutTicks: Int
    public let maxDelayTicks: Int
    /// A participant's wait for Prepare or for the decision: the
    /// coordinator's wait plus the longest a message takes there and back,
    /// so that under the assumptions a live participant never times out
    /// while the coordinator's answer is on its way.
    public var participantTimeoutTicks: Int { timeoutTicks + 2 * maxDelayTicks }

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        let roles = try CommitRoles(cluster, options, protocolName: "three-phase commit")
        coordinator = roles.coordinator
        participants = roles.participants
        noVoters = roles.noVoters
        timeoutTicks = options.int("timeout")
        maxDelayTicks = options.int("max-delay")
    }

    public func initialState(for node: NodeID) -> State { ThreePCState() }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        var out: [Effect<Message>] = []
        switch input {
        case .start: break
        case .request(let r):
            guard r.is(TwoPhaseCommit.commitRequest), let name = r.text else { break }
            guard node == coordinator else {
                out.append(.note("does not coordinate: ask \(cluster.name(coordinator)) (commit \(cluster.name(coordinator)) \(name))"))
                break
            }
            begin(name, &state, &out)
        case .timer:
            if node == coordinator { coordinatorTimesOut(&state, &out) } else { participantTimesOut(&state, &out) }
        case .recover:
            if node == coordinator { coordinatorRecovers(&state, &out) } else { participantRecovers(&state, &out) }
        case .receive(let from, let message):
            if node == coordinator { coordinatorReceives(message, from: from, &state, &out) }
            else { participantReceives(message, at: node, &state, &out) }
        }
        return out
    }

    /// Records, the issued ids and the coordinator's phase survive a crash;
    /// what was counted and what a timer waited on do not.
    public func recover(_ crashed: State, at node: NodeID) -> State {
        var state = crashed
        state.answered = []
        state.waiting = nil
        return state
    }

    public func variables(of s: State) -> [StateVariable] {
        let latest = s.latest
        let coordinates = s.lastId > 0
        return [StateVariable("state", coordinates ? .none : .text((latest?.state ?? .working).rawValue), durable: true),
                StateVariable("decision", .text((latest?.decision ?? .none).rawValue), durable: true),
                StateVariable("phase", coordinates ? .text(s.phase.rawValue) : .none, durable: true),
                StateVariable("transaction", latest.map { .text($0.name) } ?? .none, durable: true),
                StateVariable("lastId", .int(s.lastId), durable: true),
                StateVariable("answered", .list(s.answered.map { cluster.names[$0] }), durable: false)]
    }

    public func observe(_ s: State) -> [Field] {
        guard let latest = s.latest else { return [] }
        return s.lastId > 0 ? [Field("decision", .text(latest.decision.rawValue))]
                            : [Field("state", .text(latest.state.rawValue))]
    }

    /// `proposing T1 1/2`, `preparing T1 2/2`, `commit T1`; `prepared T1` at a participant.
    public func headline(of s: State) -> String {
        guard let latest = s.latest else { return "idle" }
        if s.active == latest.id { return "\(s.phase.rawValue) \(latest.name) \(s.answered.count)/\(participants.count)" }
        if latest.decision != .none { return "\(latest.decision.rawValue) \(latest.name)" }
        return "\(latest.state.rawValue) \(latest.name)"
    }

    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? {
        switch name {
        case "decided":
            let d = states[coordinator.index].latest?.decision ?? .none
            return d == .none ? Value.none : .text(d.rawValue)
        case "assumptions": return .list(ghost.assumptionsBroken)
        default: return nil
        }
    }

    public var invariants: [Invariant<ThreePhaseCommit>] {
        // Only the transactions this step's messages carry can have changed.
        [Invariant("atomicity") { sim, range in
            sim.proto.atomicityBroken(sim.world.states, ids: Self.transactions(sim, range))
                .map { $0 + ThreePhaseCommit.expected(sim.world.ghost) } },
         Invariant("commit-needs-every-yes") { sim, range in
            sim.proto.commitWithoutYes(sim.world.states, ids: Self.transactions(sim, range))
                .map { $0 + ThreePhaseCommit.expected(sim.world.ghost) } }]
    }

    /// What a violation adds when the run broke an assumption first.
    static func expected(_ ghost: Ghost) -> String {
        guard let first = ghost.assumptionsBroken.first else { return "" }
        return first == "reliable-links"
            ? " (expected under a partition or a loss: 3PC assumes reliable links, seed 001)"
            : " (expected: the run broke 3PC's assumption \(first), seed 001)"
    }

    public func initialGhost() -> ThreePCGhost { ThreePCGhost() }

    public func drainNotes(_ ghost: inout ThreePCGhost) -> [String] {
        defer { ghost.notes = [] }
        return ghost.notes
    }
}
