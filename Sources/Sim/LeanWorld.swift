/// A message in flight as the explorer keeps it: who, what, and its hash.
@usableFromInline
struct LeanFlight<M: MessagePayload>: Sendable {
    @usableFromInline
    let id: Int32
    @usableFromInline
    let from: Int8, to: Int8
    /// Random loss drawn at send time (only in worlds projected from a
    /// simulation with `loss`; the lean engine runs without it).
    @usableFromInline
    let lost: Bool
    @usableFromInline
    let payload: M
    /// Hash of (from, to, payload, lost), summed into the world's: the
    /// messages in flight are a multiset, whatever order made them.
    @usableFromInline
    let hash: Int

    @inlinable
    init(id: Int, from: Int, to: Int, payload: M, lost: Bool) {
        self.id = Int32(id)
        self.from = Int8(from)
        self.to = Int8(to)
        self.lost = lost
        self.payload = payload
        var h = Hasher()
        h.combine(from)
        h.combine(to)
        h.combine(payload)
        h.combine(lost)
        hash = h.finalize()
    }
}

/// A node's timers and hash, side by side: a step changes both, so one
/// array is copied instead of two.
@usableFromInline
struct NodeSlot: Sendable {
    /// Bit k: the descriptor's timer k is set.
    @usableFromInline var timers: UInt32
    /// The hash of the node's state, crashed flag and timers.
    @usableFromInline var hash: Int

    @inlinable
    init(timers: UInt32, hash: Int) {
        self.timers = timers
        self.hash = hash
    }
}

/// The ghost and its hash, shared by the worlds that have it: copying a
/// world retains one box instead of every array in the ghost.
@usableFromInline
final class GhostBox<G: Hashable & Sendable>: Sendable {
    @usableFromInline let ghost: G
    @usableFromInline let hash: Int

    @inlinable
    init(_ ghost: G) {
        self.ghost = ghost
        hash = ghost.hashValue
    }
}

/// What decides the futures the explorer can reach, and nothing else
/// (issue 19): node states, crashed flags, which timers are set (not
/// when: the explorer fires any set timer now), the messages in flight,
/// the links, the ghost and the invariants already broken. No trace, no
/// clocks, no message log. The hashes of its parts are kept with it, so a
/// step rehashes only what it changed (`Fingerprint`).
///
/// Few references on purpose (a copy retains each): the search copies a
/// world a few times for each new state it finds.
@usableFromInline
struct LeanWorld<P: NodeProtocol>: Sendable {
    @usableFromInline var states: [P.State]
    @usableFromInline var crashed: [Bool]
    @usableFromInline var nodes: [NodeSlot]
    /// In id order (ids are given in sending order).
    @usableFromInline var flights: [LeanFlight<P.Message>]
    @usableFromInline var network: Network
    @usableFromInline var ghostBox: GhostBox<P.Ghost>
    @usableFromInline var violated: [String]
    /// Ids given so far: the next message is `messageCount + 1`, as in the engine.
    @usableFromInline var messageCount: Int
    /// The random generator, when random loss makes it decide futures.
    @usableFromInline var rngState: UInt64?
    /// The wrapping sum of the flights' hashes.
    @usableFromInline var flightSum: Int

    /// The world of `sim`, as the explorer sees it. `timerNames`: the descriptor's.
    @usableFromInline
    init(projecting sim: Simulation<P>, timerNames: [String]) {
        let w = sim.world
        states = w.states
        crashed = w.crashed
        nodes = w.timers.map { slots in
            NodeSlot(timers: slots.reduce(0) { set, slot in
                slot.due == nil ? set : set | Self.timerBit(slot.name, timerNames)
            }, hash: 0)
        }
        flights = w.inflight.keys.sorted().map { id in
            let m = sim.messages[id - 1]
            return LeanFlight(id: id, from: m.from.index, to: m.to.index, payload: m.payload, lost: w.inflight[id]!.lost)
        }
        network = w.network
        ghostBox = GhostBox(w.ghost)
        violated = w.violated
        messageCount = w.messageCount
        rngState = w.network.lossPerMillion > 0 ? w.rng.state : nil
        flightSum = flights.reduce(0) { $0 &+ $1.hash }
        for i in states.indices { nodes[i].hash = nodeHash(i) }
    }

    @inlinable
    var ghost: P.Ghost { ghostBox.ghost }

    /// The bit of timer `name`: its place in the descriptor's list (`names`).
    @inlinable
    static func timerBit(_ name: String, _ names: [String]) -> UInt32 {
        guard let k = names.firstIndex(of: name), k < 32 else {
            preconditionFailure("\(P.id) sets timer \(name), which its descriptor does not list")
        }
        return 1 << UInt32(k)
    }

    @inlinable
    func nodeHash(_ i: Int) -> Int {
        var h = Hasher()
        h.combine(states[i])
        h.combine(crashed[i])
        h.combine(nodes[i].timers)
        return h.finalize()
    }

    @inlinable
    mutating func append(_ flight: LeanFlight<P.Message>) {
        flights.append(flight)
        flightSum &+= flight.hash
    }

    @inlinable
    func flightIndex(_ id: MessageID) -> Int? { flights.firstIndex { Int($0.id) == id } }

    @inlinable
    mutating func removeFlight(at k: Int) -> LeanFlight<P.Message> {
        let flight = flights.remove(at: k)
        flightSum &-= flight.hash
        return flight
    }

    @inlinable
    func flight(_ id: MessageID) -> LeanFlight<P.Message>? { flights.first { Int($0.id) == id } }

    /// Whether the primary timer (the descriptor's first) is set at node `i`.
    @inlinable
    func primaryTimerSet(_ i: Int) -> Bool { nodes[i].timers & 1 != 0 }
}
