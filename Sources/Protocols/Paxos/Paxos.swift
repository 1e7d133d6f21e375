import Sim

/// Single-decree Paxos as seed 004 (Deconstructing Paxos) composes it: a
/// round-based register (Figure 5: read = Prepare/Promise, write =
/// Accept/Accepted, each answered by a majority or aborted by one refusal),
/// round-based consensus on top (Figure 6: read, adopt the value read or the
/// proposer's own, write), and a learner that announces the decision.
/// Aborted proposers retry with a higher ballot after a random back-off
/// drawn by the engine (`retry=min..max`); `proposers=A,B` says who may
/// propose. Every node is an acceptor and a learner.
///
/// Teaching variant `unsafe=forget-promise` makes acceptor state volatile.
public struct Paxos: NodeProtocol {
    public typealias State = PaxosState
    public typealias Message = PaxosMessage
    public typealias Ghost = PaxosGhost

    public static let descriptor = ProtocolDescriptor(
        id: "paxos", title: "Paxos",
        options: [
            OptionSpec("proposers", .nodes, default: nil, help: "nodes that may propose, like A,B (default: the first node)"),
            OptionSpec("retry", .range(0...1_000_000), default: "5..15",
                       help: "back-off before retrying an aborted ballot, in ticks"),
            OptionSpec("mode", .choice(["consensus", "register"]), default: "consensus",
                       help: "consensus: propose and decide; register: read and write the round-based register"),
            OptionSpec("leader", .choice(["none", "omega"]), default: "none",
                       help: "none: every proposer proposes (seed 004's figures); omega: only the elected leader"),
            OptionSpec("heartbeat", .int(1...1_000_000), default: "10",
                       help: "ticks between I-AM-ALIVE messages under leader=omega"),
            OptionSpec("ballots", .choice(["seed", "skip-ahead"]), default: "seed",
                       help: "seed: p_i uses rounds i, i+n, ... (seed 004); skip-ahead: jump past the highest seen"),
            OptionSpec("unsafe", .choice(["forget-promise", "shared-rounds"]), default: nil,
                       help: "forget-promise makes acceptor state volatile; shared-rounds lets proposers share "
                           + "rounds (for teaching)",
                       unsafe: [.init("forget-promise", breaks: "agreement"),
                                .init("shared-rounds", breaks: "agreement")]),
        ],
        timers: [retryTimer, aliveTimer],
        requests: [CommonRequests.propose, read, write],
        messages: [MessageSpec("Prepare", PaxosTags.prepare), MessageSpec("Promise", PaxosTags.promise),
                   MessageSpec("Nack", PaxosTags.nack), MessageSpec("Accept", PaxosTags.accept),
                   MessageSpec("Accepted", PaxosTags.accepted), MessageSpec("Decide", PaxosTags.decide),
                   MessageSpec("IAmAlive", PaxosTags.iAmAlive), MessageSpec("Recovered", PaxosTags.recovered),
                   MessageSpec("Forward", PaxosTags.forward)],
        invariants: PaxosGhost.names,
        variables: [VariableSpec("promised", durable: true), VariableSpec("accepted", durable: true),
                    VariableSpec("round", durable: true), VariableSpec("ballot", durable: false),
                    VariableSpec("phase", durable: false, allowed: PaxosPhase.allCases.map(\.rawValue)), VariableSpec("value", durable: false),
                    VariableSpec("decided", durable: false), VariableSpec("leader", durable: false),
                    VariableSpec("result", durable: false)],
        queries: ["decided", "chosen", "leader"],
        examples: [Example("one proposer", """
            # seed 004: one proposer, one ballot, decided in two phases
            cluster paxos nodes=3 seed=7
            propose A x
            run until decided
            expect decided=x violations=none
            """)])

    static let retryTimer = "retry"

    public let cluster: ClusterInfo
    public let proposers: [NodeID]
    public let retry: ClosedRange<Int>
    public let forgetPromise: Bool
    /// How a proposer numbers its rounds.
    public enum Ballots: Sendable { case seed, skipAhead, shared }
    public let ballots: Ballots
    /// `leader=omega`: Ω elects the one proposer (seed 004 §3.3, Figure 9).
    public let omega: Bool
    public let heartbeatTicks: Int
    /// `mode=register`: read and write requests, no consensus on top.
    public let register: Bool

    public init(cluster: ClusterInfo, options: ProtocolOptions) throws {
        self.cluster = cluster
        self.proposers = options.nodes("proposers") ?? [NodeID(0)]
        self.retry = options.range("retry")
        self.forgetPromise = options.choice("unsafe") == "forget-promise"
        self.omega = options.choice("leader") == "omega"
        self.register = options.choice("mode") == "register"
        self.heartbeatTicks = options.int("heartbeat")
        self.ballots = options.choice("unsafe") == "shared-rounds" ? .shared
            : options.choice("ballots") == "skip-ahead" ? .skipAhead : .seed
    }

    /// A majority: ⌈(n+1)/2⌉.
    var quorum: Int { (cluster.count + 2) / 2 }

    public func initialState(for node: NodeID) -> State {
        var state = PaxosState()
        if omega { state.omega = Omega(size: cluster.count) }
        return state
    }

    public func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        var out: [Effect<Message>] = []
        switch input {
        case .start:
            if omega { out.append(.setTimer(Self.aliveTimer, ticks: 0...heartbeatTicks)) }
        case .recover:
            guard omega else { break }
            for other in cluster.nodes where other != node { out.append(.send(to: other, .recovered)) }
            out.append(.setTimer(Self.aliveTimer, ticks: heartbeatTicks...heartbeatTicks))
        case .request(let r):
            if r.is(CommonRequests.propose), let value = r.text {
                if register { out.append(.note("mode=register takes read and write, not propose")) }
                else { propose(value, at: node, &state, &out) }
            } else {
                registerRequest(r, at: node, &state, &out)
            }
        case .timer(let name):
            if name == Self.aliveTimer { heartbeat(at: node, &state, &out) } else { retryNow(at: node, &state, &out) }
        case .receive(let from, let message):
            receive(message, from: from, at: node, &state, &out)
        }
        return out
    }

    func receive(_ message: Message, from: NodeID, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        switch message {
        case .prepare(let b):
            let reply = onPrepare(b, at: node, &s, &out)
            out.append(.send(to: from, reply))
        case .accept(let b, let value):
            let reply = onAccept(b, value, at: node, &s, &out)
            out.append(.send(to: from, reply))
        case let .promise(b, accepted, value):
            collect(PaxosState.Response(from: from.index, granted: true, accepted: accepted, value: value), for: b,
                    phase: .preparing, at: node, &s, &out)
        case .accepted(let b):
            collect(PaxosState.Response(from: from.index, granted: true, accepted: nil, value: nil), for: b,
                    phase: .accepting, at: node, &s, &out)
        case let .nack(b, promised, phase):
            if s.highestSeen.map({ promised > $0 }) ?? true { s.highestSeen = promised }
            collect(PaxosState.Response(from: from.index, granted: false, accepted: nil, value: nil), for: b,
                    phase: phase == 1 ? .preparing : .accepting, at: node, &s, &out)
        case .decide(let value):
            learn(value, &s, &out)
        case .iAmAlive, .recovered:
            heard(message, from: from, at: node, &s, &out)
        case .forward(let value):
            onForward(value, from: from, at: node, &s, &out)
        }
    }

    /// seed 004's crash-recovery Paxos keeps the register's read, write and
    /// v on stable storage; everything else restarts.
    public func recover(_ crashed: State, at node: NodeID) -> State {
        var state = PaxosState()
        if !forgetPromise {
            state.promised = crashed.promised
            state.accepted = crashed.accepted
        }
        state.round = crashed.round
        if omega { state.omega = Omega(size: cluster.count) }
        return state
    }

    public func variables(of s: State) -> [StateVariable] {
        let acceptor = !forgetPromise
        return [StateVariable("promised", s.promised.map { .text("\($0)") } ?? .none, durable: acceptor),
                StateVariable("accepted", s.accepted.map { .text("\($0.ballot):\($0.value)") } ?? .none,
                              durable: acceptor),
                StateVariable("round", .int(s.round), durable: true),
                StateVariable("ballot", s.ballot.map { .text("\($0)") } ?? .none, durable: false),
                StateVariable("phase", .text(s.phase.rawValue), durable: false),
                StateVariable("value", s.value.map(Value.text) ?? .none, durable: false),
                StateVariable("decided", s.decided.map(Value.text) ?? .none, durable: false),
                StateVariable("leader", s.omega.map { .text(cluster.names[$0.leader]) } ?? .none,
                              durable: false),
                StateVariable("result", s.result.map(Value.text) ?? .none, durable: false)]
    }

    public func observe(_ s: State) -> [Field] {
        var fields = [Field("phase", .text(s.phase.rawValue))]
        if let b = s.ballot { fields.append(Field("ballot", .text("\(b)"))) }
        if let p = s.promised { fields.append(Field("promised", .text("\(p)"))) }
        return fields
    }

    /// The acceptor's register and what the node learned (seed 004 Fig. 5).
    public func strip(of s: State, entriesMax: Int) -> StripRow {
        StripRow(note: ["promised=" + (s.promised.map { "\($0)" } ?? "none"),
                        "accepted=" + (s.accepted.map { "\($0.ballot):\($0.value)" } ?? "none"),
                        "decided=" + (s.decided ?? "none")].joined(separator: " "))
    }

    /// `accepting 2.A`, `decided x`, or what the acceptor promised; under
    /// `leader=omega`, `→B` says whom the node elects.
    public func headline(of s: State) -> String {
        guard let omega = s.omega else { return phaseHeadline(s) }
        return "→\(cluster.names[omega.leader]) " + phaseHeadline(s)
    }

    private func phaseHeadline(_ s: State) -> String {
        if let d = s.decided { return "decided \(d)" }
        if let b = s.ballot, s.phase != .idle { return "\(s.phase.rawValue) \(b)" }
        return s.promised.map { "promised \($0)" } ?? "idle"
    }

    public func globalQuery(_ name: String, states: [State], crashed: [Bool], ghost: Ghost) -> Value? {
        switch name {
        case "decided": return ghost.decided.first.map { .text($0) } ?? Value.none
        case "chosen": return ghost.chosen.map { .text($0) } ?? Value.none
        case "leader":
            // seed 004's weak leader election: the proposer holding the
            // highest ballot that is still live.
            let live = states.indices.filter { !crashed[$0] && states[$0].ballot != nil }
            guard let best = live.max(by: { states[$0].ballot! < states[$1].ballot! }) else { return Value.none }
            return .text(cluster.names[best])
        default: return nil
        }
    }

    public var invariants: [Invariant<Paxos>] {
        PaxosGhost.names.map { name in Invariant<Paxos>(name) { sim, _ in sim.world.ghost.failures[name] } }
    }

    public func initialGhost() -> PaxosGhost { PaxosGhost() }

    public func updateGhost(_ ghost: inout PaxosGhost, _ sim: Simulation<Paxos>, _ range: Range<Int>,
                            action: StepAction) {
        ghost.update(StepDigest(sim, range, action: action), sim.world.states, sim.world.crashed,
                     names: cluster.names, quorum: ghostQuorum)
    }

    /// A register is read and overwritten: nothing is chosen there.
    var ghostQuorum: Int { register ? Int.max : quorum }

    public var leanChecks: LeanChecks<Paxos>? {
        let names = cluster.names, quorum = ghostQuorum
        return LeanChecks(update: { ghost, digest, states, crashed in
                              ghost.update(digest, states, crashed, names: names, quorum: quorum) },
                          failing: { ghost, _ in
                              ghost.failures.isEmpty ? [] : PaxosGhost.names.filter { ghost.failures[$0] != nil } },
                          // Not `stepsCommute`: `chosen` names whichever ballot a majority
                          // accepted first, so two acceptors' steps may not be swapped.
                          stepsCommute: false)
    }

    public func drainNotes(_ ghost: inout PaxosGhost) -> [String] {
        defer { ghost.notes = [] }
        return ghost.notes
    }
}
