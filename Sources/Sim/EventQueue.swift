/// A pending engine event, ordered by `(time, sequence)` (DESIGN.md §1.2).
public struct QueueEntry: Equatable, Sendable {
    public enum Payload: Equatable, Sendable {
        /// `version` lets a delay re-queue a message without removing the old entry.
        case deliver(MessageID, version: Int)
        case timer(NodeID, slot: Int, generation: Int)
    }

    public let time: Tick
    public let sequence: Int
    public let payload: Payload

    func precedes(_ other: QueueEntry) -> Bool {
        time != other.time ? time < other.time : sequence < other.sequence
    }
}

/// A binary min-heap. Stale entries (dropped messages, cancelled timers) are
/// left in place and skipped when popped: cheaper than searching to remove.
public struct EventQueue: Sendable, Equatable {
    public private(set) var entries: [QueueEntry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public var first: QueueEntry? { entries.first }

    public mutating func push(_ entry: QueueEntry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    public mutating func pop() -> QueueEntry? {
        guard !entries.isEmpty else { return nil }
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(from: 0)
        }
        return top
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        let n = entries.count
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < n && entries[left].precedes(entries[best]) { best = left }
            if right < n && entries[right].precedes(entries[best]) { best = right }
            if best == parent { return }
            entries.swapAt(parent, best)
            parent = best
        }
    }
}
