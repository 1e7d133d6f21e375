/// The engine's own happens-before tracker (DESIGN.md §3): a vector clock and
/// a Lamport clock per node, advanced on every clock-ticking event of every
/// protocol. It is the reference the clock protocols are checked against.
public struct HappensBefore: Sendable, Equatable {
    public let size: Int
    private(set) var vclocks: [Int]
    public private(set) var lamport: [Int]
    /// Index in the trace of each node's latest ticking event, or -1.
    public private(set) var lastEvent: [Int]

    public init(size: Int) {
        self.size = size
        vclocks = Array(repeating: 0, count: size * size)
        lamport = Array(repeating: 0, count: size)
        lastEvent = Array(repeating: -1, count: size)
    }

    public func vclock(of node: NodeID) -> ArraySlice<Int> {
        let base = node.index * size
        return vclocks[base..<(base + size)]
    }

    /// A local step or a send at `node`, recorded as trace event `index`.
    mutating func tick(_ node: NodeID, eventIndex index: Int) {
        lamport[node.index] += 1
        vclocks[node.index * size + node.index] += 1
        lastEvent[node.index] = index
    }

    /// A receive: merge the sender's clocks, then tick.
    mutating func receive(_ node: NodeID, sendLamport: Int, sendVClock: ArraySlice<Int>, eventIndex index: Int) {
        precondition(sendVClock.count == size)
        lamport[node.index] = max(lamport[node.index], sendLamport)
        let base = node.index * size
        for (j, value) in sendVClock.enumerated() where value > vclocks[base + j] {
            vclocks[base + j] = value
        }
        tick(node, eventIndex: index)
    }
}

/// How two events relate under happens-before.
public enum CausalRelation: String, Sendable {
    case before = "→"
    case after = "←"
    case concurrent = "∥"
    case same = "="

    /// Compare two vector timestamps (seed 002, "Vector clocks ordering").
    public static func between<A: Collection<Int>, B: Collection<Int>>(_ a: A, _ b: B) -> CausalRelation {
        precondition(a.count == b.count, "vector clocks of different widths")
        var aLessEq = true
        var bLessEq = true
        for (x, y) in zip(a, b) {
            if x > y { aLessEq = false }
            if y > x { bLessEq = false }
        }
        switch (aLessEq, bLessEq) {
        case (true, true): return .same
        case (true, false): return .before
        case (false, true): return .after
        case (false, false): return .concurrent
        }
    }
}
