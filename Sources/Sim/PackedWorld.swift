import Foundation

/// A world as the explorer keeps it between levels (issue 19): a few
/// 32-bit words that name its parts in a `WorldTable`, where each distinct
/// node state, message, ghost, network and list of broken invariants is
/// stored once. Spin keeps a state vector it copies as bytes; this is the
/// same idea for worlds whose parts are Swift values with arrays inside:
/// one array a world instead of a dozen, and no reference counts to copy.
///
/// Layout: `messageCount, ghost, network, violated`, then one word per node
/// (its `NodeEntry`), then `id, message` for each flight in id order.
@usableFromInline
struct PackedWorld: Sendable, Equatable {
    @usableFromInline var words: [Int32]

    @usableFromInline static let header = 4

    @inlinable init(words: [Int32]) { self.words = words }

    @inlinable var messageCount: Int { Int(words[0]) }
    @inlinable var ghost: Int32 { words[1] }
    @inlinable var network: Int32 { words[2] }
    @inlinable var violated: Int32 { words[3] }
    @inlinable func node(_ i: Int) -> Int32 { words[Self.header + i] }
    /// The flights' words (`id, message` pairs) of a world of `nodes` nodes.
    @inlinable func flightWords(nodes: Int) -> ArraySlice<Int32> { words[(Self.header + nodes)...] }
}

/// Distinct values, each stored once and named by its index: an open-
/// addressing table over hashes the caller already has (the world keeps
/// the hash of each part), so a lookup costs a probe and one `==`.
@usableFromInline
struct InternTable<T> {
    // Not `values`: the determinism lint reads `.values` as a dictionary's.
    @usableFromInline var items: [T] = []
    @usableFromInline var hashes: [Int] = []
    /// Indices into `items`, -1 for empty; a power of two, at most half full.
    @usableFromInline var slots = [Int32](repeating: -1, count: 64)

    @inlinable init() {}

    /// Where a lookup ends: the index of the item with `hash` that
    /// `matches`, or nil and the empty slot where such an item would go.
    @inlinable
    func probe(hash: Int, matches: (T) -> Bool) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        var i = hash & mask
        // Bounded: the table is at most half full, so an empty slot comes.
        while slots[i] >= 0 {
            let k = Int(slots[i])
            if hashes[k] == hash && matches(items[k]) { return (Int32(k), i) }
            i = (i + 1) & mask
        }
        return (nil, i)
    }

    /// The index of the item with `hash` that `matches`, or nil.
    @inlinable
    func find(hash: Int, matches: (T) -> Bool) -> Int32? { probe(hash: hash, matches: matches).found }

    /// The index of the item with `hash` that `matches`, adding `make()` if none.
    @inlinable
    mutating func index(hash: Int, matches: (T) -> Bool, make: () -> T) -> Int32 {
        let (found, i) = probe(hash: hash, matches: matches)
        if let found { return found }
        precondition(items.count < Int(Int32.max), "intern table full")
        let k = Int32(items.count)
        items.append(make())
        hashes.append(hash)
        slots[i] = k
        if items.count * 2 > slots.count { grow() }
        return k
    }

    @inlinable
    mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (k, h) in hashes.enumerated() {
            var i = h & mask
            while bigger[i] >= 0 { i = (i + 1) & mask }
            bigger[i] = Int32(k)
        }
        slots = bigger
    }
}

/// A node's state, crashed flag and timers with their hashes (`NodeSlot`).
@usableFromInline
struct NodeEntry<State> {
    @usableFromInline let state: State
    @usableFromInline let crashed: Bool
    @usableFromInline let slot: NodeSlot
    @inlinable init(state: State, crashed: Bool, slot: NodeSlot) {
        self.state = state
        self.crashed = crashed
        self.slot = slot
    }
}

/// A message in flight without its id, with its hash under each renaming
/// r ≥ 1 at r − 1 (node symmetry; empty without).
@usableFromInline
struct MessageEntry<M: MessagePayload> {
    @usableFromInline let flight: LeanFlight<M>
    @usableFromInline let renamed: [Int]
    @inlinable init(flight: LeanFlight<M>, renamed: [Int]) {
        self.flight = flight
        self.renamed = renamed
    }
}

/// The parts of every world the search keeps, each once (see `PackedWorld`).
/// Worker threads (`--jobs`) pack and unpack at once: every access holds
/// `lock`, to read (most lookups find the part) or to add a part. The
/// lock is what keeps the tables' accesses apart, so the per-access
/// dynamic exclusivity checks are off for them (they cost a tenth of packing).
@usableFromInline
final class WorldTable<P: NodeProtocol>: @unchecked Sendable {
    @usableFromInline let lock = ReadWriteLock()
    @usableFromInline let proto: P
    @usableFromInline let renamings: Renamings
    /// The start world: what a scratch world begins as.
    @usableFromInline let template: LeanWorld<P>
    @exclusivity(unchecked) @usableFromInline var nodes = InternTable<NodeEntry<P.State>>()
    @exclusivity(unchecked) @usableFromInline var messages = InternTable<MessageEntry<P.Message>>()
    @exclusivity(unchecked) @usableFromInline var ghosts = InternTable<GhostBox<P.Ghost>>()
    @exclusivity(unchecked) @usableFromInline var networks = InternTable<(network: Network, hashes: [Int])>()
    @exclusivity(unchecked) @usableFromInline var violations = InternTable<[String]>()

    @inlinable
    init(_ engine: LeanEngine<P>, template: LeanWorld<P>) {
        precondition(template.rngState == nil, "the lean engine runs without random loss")
        proto = engine.proto
        renamings = engine.renamings
        self.template = template
    }

    @inlinable var nodeCount: Int { template.states.count }

    /// The invariants broken in `p`.
    @inlinable
    func violated(_ p: PackedWorld) -> [String] { lock.reading { violations.items[Int(p.violated)] } }

    // MARK: interning (each takes the lock)

    /// The index of the part with `hash` that `matches` in `table`, added
    /// (`make`) if none: found under the read lock, added under the write lock.
    @inlinable
    func intern<T>(_ table: ReferenceWritableKeyPath<WorldTable, InternTable<T>>, hash: Int,
                   matches: (T) -> Bool, make: () -> T) -> Int32 {
        if let k = lock.reading({ self[keyPath: table].find(hash: hash, matches: matches) }) { return k }
        return lock.writing { self[keyPath: table].index(hash: hash, matches: matches, make: make) }
    }

    @inlinable
    func intern(node i: Int, of w: LeanWorld<P>) -> Int32 {
        let state = w.states[i], crashed = w.crashed[i], slot = w.nodes[i]
        return intern(\.nodes, hash: slot.hash, matches: {
            $0.slot.timers == slot.timers && $0.crashed == crashed && $0.state == state
        }, make: { NodeEntry(state: state, crashed: crashed, slot: slot) })
    }

    @inlinable
    func intern(flight f: LeanFlight<P.Message>) -> Int32 {
        intern(\.messages, hash: f.hash, matches: {
            $0.flight.from == f.from && $0.flight.to == f.to && $0.flight.lost == f.lost && $0.flight.payload == f.payload
        }, make: {
            let renamed = (1..<max(1, renamings.count)).map { LeanWorld<P>.renamedHash(f, renamings.all[$0], proto) }
            return MessageEntry(flight: f, renamed: renamed)
        })
    }

    @inlinable
    func intern(ghost box: GhostBox<P.Ghost>) -> Int32 {
        intern(\.ghosts, hash: box.hash, matches: { $0 === box || $0.ghost == box.ghost }, make: { box })
    }

    @inlinable
    func intern(network: Network, hashes: [Int]) -> Int32 {
        intern(\.networks, hash: hashes[0], matches: { $0.network == network }, make: { (network, hashes) })
    }

    @inlinable
    func intern(violated: [String]) -> Int32 {
        intern(\.violations, hash: violated.hashValue, matches: { $0 == violated }, make: { violated })
    }

    // MARK: packing

    /// `w` packed whole.
    @inlinable
    func pack(_ w: LeanWorld<P>) -> PackedWorld {
        do {
            var words: [Int32] = []
            words.reserveCapacity(PackedWorld.header + nodeCount + 2 * w.flights.count)
            words += [Int32(w.messageCount), intern(ghost: w.ghostBox),
                      intern(network: w.network, hashes: w.networkHashes), intern(violated: w.violated)]
            for i in 0..<nodeCount { words.append(intern(node: i, of: w)) }
            for f in w.flights {
                words.append(f.id)
                words.append(intern(flight: f))
            }
            return PackedWorld(words: words)
        }
    }

    /// `w`, which is `parent` after one step that `undo` can revert, packed:
    /// only what the step changed is looked up (one node, the flight it
    /// took, the sends it made, the ghost, network or invariants if changed).
    @inlinable
    func pack(_ w: LeanWorld<P>, after undo: LeanUndo<P>, from parent: PackedWorld) -> PackedWorld {
        do {
            let n = nodeCount
            let removed = undo.removedAt
            let kept = undo.flightCount - (removed < 0 ? 0 : 1)
            var words: [Int32] = []
            words.reserveCapacity(PackedWorld.header + n + 2 * w.flights.count)
            words.append(Int32(w.messageCount))
            words.append(undo.ghost == nil ? parent.ghost : intern(ghost: w.ghostBox))
            words.append(undo.network == nil ? parent.network : intern(network: w.network, hashes: w.networkHashes))
            words.append(w.violated.count == undo.violatedCount ? parent.violated : intern(violated: w.violated))
            for i in 0..<n { words.append(i == undo.node ? intern(node: i, of: w) : parent.node(i)) }
            let old = parent.flightWords(nodes: n)
            for (j, k) in stride(from: old.startIndex, to: old.endIndex, by: 2).enumerated() where j != removed {
                words.append(old[k])
                words.append(old[k + 1])
            }
            for f in w.flights[kept...] {
                words.append(f.id)
                words.append(intern(flight: f))
            }
            assert(words.count == PackedWorld.header + n + 2 * w.flights.count, "one flight word pair each")
            return PackedWorld(words: words)
        }
    }

    // MARK: unpacking

    /// Makes `s.world` the world `p` names, changing only the parts that
    /// differ from the one it holds (`s.current`): worlds expanded one
    /// after another share most of their nodes.
    @inlinable
    func unpack(_ p: PackedWorld, into s: inout LeanScratch<P>) {
        guard p != s.current else { return }
        lock.reading {
            let n = nodeCount, m = renamings.count - 1
            // Fields read in place, not whole entries copied out (each copy retains what they hold).
            for i in 0..<n where p.node(i) != s.current.node(i) {
                let k = Int(p.node(i))
                s.world.states[i] = nodes.items[k].state
                if s.world.crashed[i] != nodes.items[k].crashed { s.world.crashed[i] = nodes.items[k].crashed }
                s.world.nodes[i] = nodes.items[k].slot
                for r in 0..<m { s.world.renamedNodeHashes[i * m + r] = 0 }
            }
            let flights = p.flightWords(nodes: n)
            if flights != s.current.flightWords(nodes: n) {
                s.world.flights.removeAll(keepingCapacity: true)
                s.world.flightSum = 0
                for r in 0..<m { s.world.renamedFlightSums[r] = 0 }
                for k in stride(from: flights.startIndex, to: flights.endIndex, by: 2) {
                    let e = Int(flights[k + 1])
                    s.world.flights.append(LeanFlight(messages.items[e].flight, id: flights[k]))
                    s.world.flightSum &+= messages.items[e].flight.hash
                    for r in 0..<m { s.world.renamedFlightSums[r] &+= messages.items[e].renamed[r] }
                }
            }
            if p.ghost != s.current.ghost {
                s.world.ghostBox = ghosts.items[Int(p.ghost)]
                for r in 0..<m { s.world.renamedGhostHashes[r] = 0 }
            }
            if p.network != s.current.network {
                (s.world.network, s.world.networkHashes) = networks.items[Int(p.network)]
            }
            if p.violated != s.current.violated { s.world.violated = violations.items[Int(p.violated)] }
            s.world.messageCount = p.messageCount
        }
        s.current = p
    }

    /// The world `p` names, on its own.
    @inlinable
    func unpacked(_ p: PackedWorld) -> LeanWorld<P> {
        var s = scratch()
        unpack(p, into: &s)
        return s.world
    }

    /// A working world for `unpack`, holding the start world.
    @inlinable
    func scratch() -> LeanScratch<P> { LeanScratch(world: template, current: pack(template)) }
}

/// The world a search thread steps on (`LeanSpace.successors`): `world` is
/// always the world `current` names.
@usableFromInline
struct LeanScratch<P: NodeProtocol> {
    @usableFromInline var world: LeanWorld<P>
    @usableFromInline var current: PackedWorld
    @inlinable init(world: LeanWorld<P>, current: PackedWorld) {
        self.world = world
        self.current = current
    }
}

/// A POSIX read-write lock: many readers at once, or one writer.
@usableFromInline
final class ReadWriteLock: @unchecked Sendable {
    @usableFromInline let lock: UnsafeMutablePointer<pthread_rwlock_t>

    @inlinable
    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        precondition(pthread_rwlock_init(lock, nil) == 0, "cannot make a lock")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    @inlinable
    func reading<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    @inlinable
    func writing<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
