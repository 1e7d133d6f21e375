/// The explorer's step on a `LeanWorld` (issue 19): the engine's rules for
/// the moves the explorer makes (deliver now, fire a timer now, drop,
/// duplicate, crash, restart, isolate a node), with nothing recorded. The
/// protocol's handlers and ghost update are the engine's own
/// (`LeanChecks`); only the bookkeeping differs: no trace, no clocks, no
/// exchanges, no due times. ExploreTests checks that it reaches the same
/// worlds, counts and schedules as stepping full simulations.
///
/// Why a second interpreter of effects: a full `Simulation` step records
/// trace events, vector clocks and exchanges, and copying one costs dozens
/// of reference counts; the search needs none of it and makes millions.
///
/// Nothing on the search's path (this file, `LeanWorld`, `Fingerprint`,
/// `Search`, `Explorer`) is `private`: cross-module optimisation
/// specialises a generic function for the protocol only when it may copy
/// its body, and a private member forbids that (then every call looks up
/// type metadata at run time: a fifth of the time, measured).
@usableFromInline
struct LeanEngine<P: NodeProtocol>: Sendable {
    @usableFromInline
    let proto: P
    @usableFromInline
    let checks: LeanChecks<P>
    @usableFromInline
    let inFlightMax: Int
    /// The descriptor's timers: bit k of a `NodeSlot.timers` is timer k.
    @usableFromInline
    let timerNames: [String]

    /// The renamings the worlds keep hashes for (just the identity without node symmetry).
    @usableFromInline
    let renamings: Renamings

    /// Nil when the protocol's invariants read the trace (no `leanChecks`)
    /// or random loss is on (the engine draws it from its generator).
    /// `symmetries`: the renamings of node symmetry, or none.
    @usableFromInline
    init?(_ sim: Simulation<P>, symmetries: [[Int]] = []) {
        guard let checks = sim.proto.leanChecks, sim.world.network.lossPerMillion == 0 else { return nil }
        // Notes are dropped here: the silenced protocol does not build them.
        proto = sim.proto.silenced
        self.checks = checks
        inFlightMax = sim.config.inFlightMax
        timerNames = P.descriptor.timers
        renamings = Renamings(symmetries, nodes: sim.cluster.count)
    }

    @inlinable
    func world(_ sim: Simulation<P>) -> LeanWorld<P> { LeanWorld(projecting: sim, timerNames: timerNames, renamings: renamings) }

    @inlinable
    func bit(_ name: String) -> UInt32 { LeanWorld<P>.timerBit(name, timerNames) }

    /// Performs `action` on `w`; false (with `w` unchanged) when the action
    /// is not allowed there. Only the explorer's moves are taken.
    @inlinable
    func perform(_ action: StepAction, _ w: inout LeanWorld<P>) -> Bool {
        var undo = LeanUndo<P>(w)
        return apply(action, &w, &undo)
    }

    /// Performs `action` on `w` in place and keeps in `undo` what it
    /// changed, so `revert` can put it back: the explorer tries every move
    /// on one world and copies it only for a successor it has not seen
    /// (most are known), instead of copying the world for every move.
    /// `undo` must be made from `w` (`LeanUndo(w)`); false (nothing
    /// changed) when the action is not allowed.
    @inlinable
    func apply(_ action: StepAction, _ w: inout LeanWorld<P>, _ undo: inout LeanUndo<P>) -> Bool {
        var digest = StepDigest(action: action)
        switch action {
        case .deliverNow(let id):
            guard let k = w.flightIndex(id) else { return false }
            let f = w.removeFlight(at: k, proto, renamings)
            undo.removedAt = k
            undo.removedFlight = f
            let to = Int(f.to)
            digest.touch(to)
            // Lost at arrival, as the engine's `arrive`: a crashed receiver or a cut link.
            if !w.crashed[to] && !w.network.isBlocked(from: NodeID(Int(f.from)), to: NodeID(to)) && !f.lost {
                undo.save(node: to, w)
                run(.receive(from: NodeID(Int(f.from)), f.payload), at: to, &w, &digest)
            }
        case .fireTimeout(let node):
            guard let name = timerNames.first, !w.crashed[node.index] else { return false }
            undo.save(node: node.index, w)
            w.nodes[node.index].timers &= ~bit(name)
            run(.timer(name), at: node.index, &w, &digest)
        case .drop(let id):
            guard let k = w.flightIndex(id) else { return false }
            let f = w.removeFlight(at: k, proto, renamings)
            undo.removedAt = k
            undo.removedFlight = f
            digest.touch(Int(f.to))
        case .duplicate(let id):
            guard let f = w.flight(id), w.flights.count < inFlightMax else { return false }
            w.messageCount += 1
            w.add(LeanFlight(id: w.messageCount, from: Int(f.from), to: Int(f.to), payload: f.payload, lost: false),
                  proto, renamings)
            digest.touch(Int(f.from))
        case .crash(let node):
            guard !w.crashed[node.index] else { return false }
            undo.save(node: node.index, w)
            w.crashed[node.index] = true
            w.nodes[node.index].timers = 0
            digest.touch(node.index)
        case .restart(let node):
            guard w.crashed[node.index] else { return false }
            undo.save(node: node.index, w)
            w.crashed[node.index] = false
            w.states[node.index] = proto.recover(w.states[node.index], at: node)
            run(.recover, at: node.index, &w, &digest)
        case .partition(let groups):
            undo.network = (w.network, w.networkHashes)
            w.network.partition(groups)
            w.rehashNetwork(renamings)
        default:
            preconditionFailure("the explorer does not choose \(action)")
        }
        check(&w, digest, &undo)
        return true
    }

    /// Puts back what `apply` changed.
    @inlinable
    func revert(_ w: inout LeanWorld<P>, _ undo: inout LeanUndo<P>) {
        // The step removed at most one flight, then appended its sends.
        let removed = undo.removedAt < 0 ? 0 : 1
        w.flights.removeLast(w.flights.count - (undo.flightCount - removed))
        // Taken, not copied, and moved into place bitwise: `insert(_:at:)`
        // went through a generic replaceSubrange (a third of a revert).
        if let f = undo.removedFlight.take() {
            let k = undo.removedAt
            w.flights.append(f)
            w.flights.withUnsafeMutableBufferPointer { b in
                let base = b.baseAddress!, last = b.count - 1
                guard k < last else { return }
                let moved = (base + last).move()
                (base + k + 1).moveInitialize(from: base + k, count: last - k)
                (base + k).initialize(to: moved)
            }
        }
        w.flightSum = undo.flightSum
        if renamings.symmetric { swap(&w.renamedFlightSums, &undo.renamedFlightSums) }
        w.messageCount = undo.messageCount
        if undo.node >= 0 {
            let i = undo.node
            swap(&w.states[i], &undo.state!)
            if w.crashed[i] != undo.crashed { w.crashed[i] = undo.crashed }
            w.nodes[i] = undo.slot
            let m = renamings.count - 1
            for r in 0..<m { w.renamedNodeHashes[i * m + r] = undo.renamedNodeHashes[r] }
        }
        if let (network, hashes) = undo.network { (w.network, w.networkHashes) = (network, hashes) }
        if let (box, renamed) = undo.ghost { (w.ghostBox, w.renamedGhostHashes) = (box, renamed) }
        w.violated.removeLast(w.violated.count - undo.violatedCount)
    }

    /// A handler at node `i` and its effects, in order (the engine's
    /// `perform(_:at:cause:)` without the recording).
    @inlinable
    func run(_ input: Input<P.Message>, at i: Int, _ w: inout LeanWorld<P>, _ digest: inout StepDigest) {
        // The world's buffer, taken out while its effects are performed on the world.
        var effects: [Effect<P.Message>] = []
        swap(&effects, &w.effects)
        defer {
            effects.removeAll(keepingCapacity: true)
            swap(&effects, &w.effects)
        }
        proto.handle(input, at: NodeID(i), state: &w.states[i], into: &effects)
        digest.touch(i)
        // Read in place: iterating by value copied every effect (its payload retained and released).
        effects.withUnsafeBufferPointer { effects in
            for k in effects.indices {
                switch effects[k] {
                case .send(let to, let payload):
                    // Over the in-flight limit the engine notes it and sends nothing.
                    guard w.flights.count < inFlightMax else { continue }
                    w.messageCount += 1
                    w.add(LeanFlight(id: w.messageCount, from: i, to: to.index, payload: payload, lost: false), proto,
                          renamings)
                case .setTimer(let name, _):
                    w.nodes[i].timers |= bit(name)
                case .cancelTimer(let name):
                    w.nodes[i].timers &= ~bit(name)
                case .deliver(let label, _):
                    digest.deliveries.append(StepDigest.Delivery(node: i, label: label))
                case .note, .openExchange, .exchangeResponse, .closeExchange:
                    continue
                }
            }
        }
    }

    /// The ghost folds in the step, then the invariants are checked; the
    /// hashes of what changed are brought up to date. Only one node's
    /// state, crash flag or timers change in a step (the one saved in `undo`).
    @inlinable
    func check(_ w: inout LeanWorld<P>, _ digest: StepDigest, _ undo: inout LeanUndo<P>) {
        // A step the ghost would not notice leaves it, and so the broken invariants, as they were.
        if let quiet = checks.quiet, quiet(w.ghostBox, digest, w.states, w.crashed) {
            if undo.node >= 0 { w.rehashNode(undo.node, proto, renamings) }
            return
        }
        // A copy of the ghost is updated (unchanged parts keep sharing
        // storage); a new box only when it changed (`==` sees shared storage
        // first). One copy a step: `w.ghost` is a copy each time it is read
        // (two more copies a step were 7 % of the search's instructions, measured).
        var ghost = w.ghostBox.ghost
        checks.update(&ghost, digest, w.states, w.crashed)
        _ = proto.drainNotes(&ghost)
        if !w.ghostBox.holds(ghost) {
            undo.ghost = (w.ghostBox, w.renamedGhostHashes)
            w.setGhost(ghost, proto)
        }
        // `ghost` equals the world's ghost now (`==`), and what `failing` reads is part of what
        // `==` compares (Raft's failures; Paxos's ghost is compared whole). LeanEngineTests
        // checks the broken invariants against the full engine's after every move.
        for name in checks.failing(ghost, w.states) where !w.violated.contains(name) { w.violated.append(name) }
        if undo.node >= 0 { w.rehashNode(undo.node, proto, renamings) }
    }
}

/// What `LeanEngine.apply` changed in a world, to put it back.
@usableFromInline
struct LeanUndo<P: NodeProtocol> {
    @usableFromInline var flightCount: Int
    @usableFromInline var flightSum: Int
    @usableFromInline var renamedFlightSums: [Int]
    @usableFromInline var messageCount: Int
    /// The flight the step took out of the world and where it was (-1: none).
    @usableFromInline var removedAt = -1
    @usableFromInline var removedFlight: LeanFlight<P.Message>? = nil
    /// The one node whose state, crash flag or timers the step changed, or -1.
    @usableFromInline var node = -1
    @usableFromInline var state: P.State? = nil
    @usableFromInline var crashed = false
    @usableFromInline var slot = NodeSlot(timers: 0)
    @usableFromInline var renamedNodeHashes: [Int] = []
    @usableFromInline var network: (Network, [Int])? = nil
    /// The ghost before the step and its renamed hashes, when the step changed it.
    @usableFromInline var ghost: (GhostBox<P.Ghost>, [Int])? = nil
    @usableFromInline var violatedCount: Int

    @inlinable
    init(_ w: LeanWorld<P>) {
        flightCount = w.flights.count
        flightSum = w.flightSum
        renamedFlightSums = w.renamedFlightSums
        messageCount = w.messageCount
        violatedCount = w.violated.count
    }

    @inlinable
    mutating func save(node i: Int, _ w: LeanWorld<P>) {
        precondition(node < 0, "a step changes one node")
        node = i
        state = w.states[i]
        crashed = w.crashed[i]
        slot = w.nodes[i]
        let m = w.renamedFlightSums.count
        if m > 0 { renamedNodeHashes = Array(w.renamedNodeHashes[(i * m)..<(i * m + m)]) }
    }
}
