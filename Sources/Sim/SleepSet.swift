/// A move as sleep sets see it (issue 19; Godefroid's sleep sets,
/// docs/EXPLORER.md): what it does, named by content rather than by
/// message id, so that the same move is recognised in a world reached by
/// another order (ids are given in sending order, which differs).
@usableFromInline
struct SleepMove: Equatable, Sendable {
    @usableFromInline
    enum Kind: UInt8, Sendable {
        case deliver, timer, drop, duplicate
        /// Crash, restart and isolation: dependent on every move (see `independent`).
        case global
    }

    @usableFromInline let kind: Kind
    /// The node whose state the move may change, or -1 (a drop or a duplicate changes none).
    @usableFromInline let node: Int32
    /// The flight's content hash (`LeanFlight.hash`) for a move on a message, else 0.
    @usableFromInline let message: Int

    @inlinable
    init(kind: Kind, node: Int, message: Int) {
        self.kind = kind
        self.node = Int32(node)
        self.message = message
    }

    /// Whether `a` and `b`, both enabled in a world, commute: either order
    /// leads to the same world (fingerprint), and neither disables the
    /// other. True only when they change different nodes, are not two faults
    /// of one budget, and do not act on the same message. A step changes
    /// only its own node's state and timers and adds flights (a multiset);
    /// the protocol declares that its ghost update commutes too
    /// (`LeanChecks.stepsCommute`). The caller checks that the in-flight
    /// limit is far (a send refused there would make order matter).
    @inlinable
    static func independent(_ a: SleepMove, _ b: SleepMove) -> Bool {
        if a.kind == .global || b.kind == .global { return false }
        if a.node >= 0 && a.node == b.node { return false }
        if a.message != 0 && a.message == b.message { return false }
        // A drop spends the drop budget, a duplicate the duplicate budget.
        if a.kind == b.kind && (a.kind == .drop || a.kind == .duplicate) { return false }
        return true
    }
}

/// The moves asleep in a world: explored from an ancestor before the
/// path's move and independent of every move since, so what they lead to
/// is reached by the other order. Small (a few moves), kept as a list.
@usableFromInline
typealias SleepSet = [SleepMove]

extension Array where Element == SleepMove {
    /// The moves in both sets (a world reached twice in one level keeps
    /// asleep only what is asleep on every path to it).
    @inlinable
    func intersection(_ other: SleepSet) -> SleepSet { kept { other.contains($0) } }

    /// The moves that pass `test`, in one allocation at most (`filter`
    /// grows its result move by move: a tenth of the explorer's time once).
    @inlinable
    func kept(_ test: (SleepMove) -> Bool) -> SleepSet {
        // Counted first: most results are empty and then nothing is allocated.
        var n = 0
        for move in self where test(move) { n += 1 }
        guard n > 0 else { return [] }
        // All kept: this one, shared.
        guard n < count else { return self }
        var out: SleepSet = []
        out.reserveCapacity(n)
        for move in self where test(move) { out.append(move) }
        return out
    }
}
