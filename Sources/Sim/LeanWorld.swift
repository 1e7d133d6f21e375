/// A message in flight as the explorer keeps it: who, what, and its hash.
@usableFromInline
struct LeanFlight<M: MessagePayload>: Sendable {
    @usableFromInline
    var id: Int32
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

    /// `flight` under another id (the hash does not include the id).
    @inlinable
    init(_ flight: LeanFlight, id: Int32) {
        self = flight
        self.id = id
    }
}

/// The renamings of the nodes a fingerprint is taken over (node
/// symmetry), the identity first; just the identity without symmetry.
@usableFromInline
struct Renamings: Sendable {
    @usableFromInline let all: [[Int]]
    /// `inverse[r][j]`: the node that renaming r puts at position j.
    @usableFromInline let inverse: [[Int]]

    /// `symmetries`: `Fingerprint.symmetries(nodes:)`, or empty for none.
    @inlinable
    init(_ symmetries: [[Int]], nodes n: Int) {
        all = symmetries.isEmpty ? [Array(0..<n)] : symmetries
        precondition(all[0] == Array(0..<n), "the identity comes first")
        inverse = all.map { p in
            var q = p
            for i in p.indices { q[p[i]] = i }
            return q
        }
    }

    @inlinable var count: Int { all.count }
    @inlinable var symmetric: Bool { all.count > 1 }
}

/// A node's timers, hash and symmetry key, side by side: a step changes
/// them together, so one array is copied instead of three.
@usableFromInline
struct NodeSlot: Sendable {
    /// Bit k: the descriptor's timer k is set.
    @usableFromInline var timers: UInt32
    /// The hash of the node's state, crashed flag and timers.
    @usableFromInline var hash: Int
    /// With node symmetry: a hash of its `symmetryKey` and crashed flag.
    @usableFromInline var key: Int

    @inlinable
    init(timers: UInt32) {
        self.timers = timers
        hash = 0
        key = 0
    }
}

/// The ghost and its hash, shared by the worlds that have it: copying a
/// world retains one box instead of every array in the ghost.
public final class GhostBox<G: Hashable & Sendable>: Sendable {
    public let ghost: G
    @usableFromInline let hash: Int

    /// `hash`: the protocol's `ghostHash` of `ghost`.
    @inlinable
    init(_ ghost: G, hash: Int) {
        self.ghost = ghost
        self.hash = hash
    }

    /// Whether the box holds a ghost equal to `other`, without copying its own out.
    @inlinable
    func holds(_ other: G) -> Bool { ghost == other }
}

/// What decides the futures the explorer can reach, and nothing else
/// (issue 19): node states, crashed flags, which timers are set (not
/// when: the explorer fires any set timer now), the messages in flight,
/// the links, the ghost and the invariants already broken. No trace, no
/// clocks, no message log. The hashes of its parts are kept with it, for
/// the identity and, with node symmetry, for every renaming, so a step
/// rehashes only what it changed (`Fingerprint`).
///
/// Few references on purpose (a copy retains each): the search copies a
/// world a few times for each new state it finds.
@usableFromInline
struct LeanWorld<P: NodeProtocol>: Sendable {
    @usableFromInline var states: [P.State]
    @usableFromInline var crashed: [Bool]
    @usableFromInline var nodes: [NodeSlot]
    /// With node symmetry: node i's hash under renaming r ≥ 1 at
    /// i·(R − 1) + r − 1, for R renamings, or 0 until a fingerprint needs
    /// it (most renamings never sort the nodes, so most are never needed);
    /// empty without symmetry.
    @usableFromInline var renamedNodeHashes: [Int]
    /// In id order (ids are given in sending order).
    @usableFromInline var flights: [LeanFlight<P.Message>]
    /// The wrapping sum of the flights' hashes; with node symmetry, the sum
    /// under renaming r ≥ 1 at r − 1.
    @usableFromInline var flightSum: Int
    @usableFromInline var renamedFlightSums: [Int]
    @usableFromInline var network: Network
    /// The network's hash under each renaming (the identity first).
    @usableFromInline var networkHashes: [Int]
    @usableFromInline var ghostBox: GhostBox<P.Ghost>
    /// With node symmetry: the ghost's hash under renaming r ≥ 1 at r − 1,
    /// or 0 until needed.
    @usableFromInline var renamedGhostHashes: [Int]
    @usableFromInline var violated: [String]
    /// Ids given so far: the next message is `messageCount + 1`, as in the engine.
    @usableFromInline var messageCount: Int
    /// The random generator, when random loss makes it decide futures.
    @usableFromInline var rngState: UInt64?
    /// Not part of the world: the buffer a step's handler writes its effects
    /// into (`LeanEngine.run`), empty between steps and kept for its capacity.
    @usableFromInline var effects: [Effect<P.Message>] = []

    /// The world of `sim`, as the explorer sees it. `timerNames`: the descriptor's.
    @usableFromInline
    init(projecting sim: Simulation<P>, timerNames: [String], renamings: Renamings) {
        let w = sim.world, proto = sim.proto
        states = w.states
        crashed = w.crashed
        nodes = w.timers.map { slots in
            NodeSlot(timers: slots.reduce(0) { set, slot in
                slot.due == nil ? set : set | Self.timerBit(slot.name, timerNames)
            })
        }
        renamedNodeHashes = Array(repeating: 0, count: states.count * (renamings.count - 1))
        flights = []
        flightSum = 0
        renamedFlightSums = Array(repeating: 0, count: renamings.count - 1)
        network = w.network
        networkHashes = []
        ghostBox = GhostBox(w.ghost, hash: proto.ghostHash(w.ghost))
        renamedGhostHashes = Array(repeating: 0, count: renamings.count - 1)
        violated = w.violated
        messageCount = w.messageCount
        rngState = w.network.lossPerMillion > 0 ? w.rng.state : nil
        for id in w.inflight.keys.sorted() {
            let m = sim.messages[id - 1]
            add(LeanFlight(id: id, from: m.from.index, to: m.to.index, payload: m.payload, lost: w.inflight[id]!.lost),
                proto, renamings)
        }
        rehashNetwork(renamings)
        for i in states.indices { rehashNode(i, proto, renamings) }
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

    /// A node's hash: its state (renamed or not, `NodeProtocol.stateHash`),
    /// crashed flag and timers. Static, so that a mutating caller does not
    /// copy the world to call it.
    @inlinable
    static func nodeHash(_ state: P.State, crashed: Bool, timers: UInt32, _ proto: P) -> Int {
        var h = WordMix()
        h.combine(proto.stateHash(state))
        h.combine(Int(timers) << 1 | (crashed ? 1 : 0))
        return h.finalize()
    }

    /// Node i's hashes after its state, crashed flag or timers changed.
    @inlinable
    mutating func rehashNode(_ i: Int, _ proto: P, _ renamings: Renamings) {
        nodes[i].hash = Self.nodeHash(states[i], crashed: crashed[i], timers: nodes[i].timers, proto)
        guard renamings.symmetric else { return }
        var k = Hasher()
        k.combine(proto.symmetryKey(states[i]))
        k.combine(crashed[i])
        nodes[i].key = k.finalize()
        let m = renamings.count - 1
        for r in 0..<m where renamedNodeHashes[i * m + r] != 0 { renamedNodeHashes[i * m + r] = 0 }
    }

    /// Fills in what a fingerprint under renaming r ≥ 1 needs: the renamed
    /// hashes of every node and of the ghost not yet known.
    @inlinable
    mutating func prepare(renaming r: Int, _ proto: P, _ renamings: Renamings) {
        let m = renamings.count - 1, p = renamings.all[r]
        for i in states.indices where renamedNodeHashes[i * m + r - 1] == 0 {
            renamedNodeHashes[i * m + r - 1] = Self.nodeHash(proto.permuted(states[i], by: p), crashed: crashed[i],
                                                               timers: nodes[i].timers, proto)
        }
        if renamedGhostHashes[r - 1] == 0 { renamedGhostHashes[r - 1] = proto.ghostHash(proto.permuted(ghost, by: p)) }
    }

    /// `f`'s hash had every node i been node `p[i]`.
    @inlinable
    static func renamedHash(_ f: LeanFlight<P.Message>, _ p: [Int], _ proto: P) -> Int {
        LeanFlight(id: 0, from: p[Int(f.from)], to: p[Int(f.to)], payload: proto.permuted(f.payload, by: p),
                   lost: f.lost).hash
    }

    @inlinable
    mutating func add(_ flight: LeanFlight<P.Message>, _ proto: P, _ renamings: Renamings) {
        flights.append(flight)
        flightSum &+= flight.hash
        for r in 1..<max(1, renamings.count) {
            renamedFlightSums[r - 1] &+= Self.renamedHash(flight, renamings.all[r], proto)
        }
    }

    @inlinable
    mutating func removeFlight(at k: Int, _ proto: P, _ renamings: Renamings) -> LeanFlight<P.Message> {
        let flight = flights.remove(at: k)
        flightSum &-= flight.hash
        for r in 1..<max(1, renamings.count) {
            renamedFlightSums[r - 1] &-= Self.renamedHash(flight, renamings.all[r], proto)
        }
        return flight
    }

    @inlinable
    mutating func setGhost(_ ghost: P.Ghost, _ proto: P) {
        ghostBox = GhostBox(ghost, hash: proto.ghostHash(ghost))
        for r in renamedGhostHashes.indices where renamedGhostHashes[r] != 0 { renamedGhostHashes[r] = 0 }
    }

    @inlinable
    mutating func rehashNetwork(_ renamings: Renamings) {
        networkHashes = renamings.all.enumerated().map { r, p in
            r == 0 ? network.hashValue : network.permuted(by: p).hashValue
        }
    }

    @inlinable
    func flightIndex(_ id: MessageID) -> Int? { flights.firstIndex { Int($0.id) == id } }

    @inlinable
    func flight(_ id: MessageID) -> LeanFlight<P.Message>? { flights.first { Int($0.id) == id } }

    /// Whether the primary timer (the descriptor's first) is set at node `i`.
    @inlinable
    func primaryTimerSet(_ i: Int) -> Bool { nodes[i].timers & 1 != 0 }
}

extension Simulation {
    /// This simulation with the node states, crashed flags, ghost and broken
    /// invariants of `w`: enough for a query that reads only those (its
    /// trace, messages and clocks are this simulation's, not `w`'s).
    @usableFromInline
    func probe(_ w: LeanWorld<P>) -> Simulation<P> {
        var sim = self
        sim.world.states = w.states
        sim.world.crashed = w.crashed
        sim.world.ghost = w.ghost
        sim.world.violated = w.violated
        return sim
    }
}
