import Sim

/// Weak leader election (seed 004 §3.3, Figure 7 over Ω, with the heartbeat
/// and epoch scheme of Figure 28), for `leader=omega`. Every node sends
/// I-AM-ALIVE with its epoch list every `heartbeat` ticks; a node it misses
/// for longer than its threshold leaves its trust list, and one that comes
/// back is trusted again with a longer threshold (the guess of the network's
/// delay grows). `leader()` is the trusted node with the lowest epoch, ties
/// by lowest id; a node that recovers tells everyone, who raise its epoch,
/// so a node that keeps crashing stops being chosen.
public struct Omega: Hashable, Sendable {
    var trusted: [Bool]
    /// Heartbeat periods since each node was last heard from.
    var missed: [Int]
    /// Periods of silence tolerated for each node (Figure 28's Δ).
    var threshold: [Int]
    var epoch: [Int]

    static let thresholdStart = 2

    init(size: Int) {
        trusted = Array(repeating: true, count: size)
        missed = Array(repeating: 0, count: size)
        threshold = Array(repeating: Self.thresholdStart, count: size)
        epoch = Array(repeating: 0, count: size)
    }

    /// Figure 7: the first of the trust list, by epoch then id. A node
    /// always trusts itself, so the list is never empty.
    var leader: Int {
        trusted.indices.filter { trusted[$0] }.min { (epoch[$0], $0) < (epoch[$1], $1) } ?? 0
    }
}

extension Paxos {
    static let aliveTimer = "alive"

    /// The node `node` currently elects (itself when Ω is off).
    func leader(of node: NodeID, _ s: State) -> NodeID {
        NodeID(s.omega?.leader ?? node.index)
    }

    /// A heartbeat period: count silences, drop the silent, say I am alive.
    func heartbeat(at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard var omega = s.omega else { return }
        let before = leader(of: node, s)
        omega.trusted[node.index] = true
        for j in omega.trusted.indices where j != node.index {
            omega.missed[j] += 1
            if omega.trusted[j] && omega.missed[j] > omega.threshold[j] {
                omega.trusted[j] = false
                out.append(.note("no I-AM-ALIVE from \(cluster.names[j]) for \(omega.missed[j]) periods: no longer trusted"))
            }
        }
        s.omega = omega
        for other in cluster.nodes where other != node { out.append(.send(to: other, .iAmAlive(epochs: omega.epoch))) }
        out.append(.setTimer(Self.aliveTimer, ticks: heartbeatTicks...heartbeatTicks))
        leaderMayHaveChanged(from: before, at: node, &s, &out)
    }

    /// Figure 28 lines 16-23: a heartbeat (or a recovery) from `from`.
    func heard(_ message: Message, from: NodeID, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard var omega = s.omega else { return }
        let before = leader(of: node, s)
        let j = from.index
        omega.missed[j] = 0
        switch message {
        case .iAmAlive(let epochs):
            if !omega.trusted[j] {
                omega.trusted[j] = true
                omega.threshold[j] += 1
            }
            for k in omega.epoch.indices where k < epochs.count { omega.epoch[k] = max(omega.epoch[k], epochs[k]) }
        case .recovered:
            omega.epoch[j] += 1
            omega.trusted[j] = true
        default:
            return
        }
        s.omega = omega
        leaderMayHaveChanged(from: before, at: node, &s, &out)
    }

    /// Figure 9's launch task: a node that now elects itself proposes the
    /// value it holds; one that elects another sends the value there.
    func leaderMayHaveChanged(from before: NodeID, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let now = leader(of: node, s)
        guard now != before else { return }
        out.append(.note("now elects \(cluster.name(now)) as leader (was \(cluster.name(before)))"))
        guard let value = s.value, s.decided == nil, s.phase == .idle else { return }
        if now == node { startRound(at: node, &s, &out) } else { forward(value, at: node, &s, &out) }
    }

    /// Hand the value to the leader this node elects (Figure 9 line 27).
    func forward(_ value: String, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let to = leader(of: node, s)
        out.append(.note("forwards \(value) to its leader \(cluster.name(to))"))
        out.append(.send(to: to, .forward(value: value)))
    }

    /// A forwarded value: proposed if this node leads and is free.
    func onForward(_ value: String, from: NodeID, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        if let decided = s.decided {
            out.append(.send(to: from, .decide(value: decided)))
            return
        }
        guard leader(of: node, s) == node else {
            out.append(.note("does not lead: ignores \(value) forwarded by \(cluster.name(from))"))
            return
        }
        guard s.phase == .idle else { return }
        if s.value == nil { s.value = value }
        startRound(at: node, &s, &out)
    }
}
