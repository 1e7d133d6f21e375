import Sim

/// Where each message starts and ends in the diagram (rows are trace event
/// indices), kept up to date as the run moves, so a frame finds the arrows
/// crossing its rows without scanning the whole history.
public struct DiagramIndex: Sendable, Equatable {
    static let blockSize = 256

    /// By message id - 1: the row of its send (or duplicate) event.
    public private(set) var startRow: [Int] = []
    /// By message id - 1: the row where it was received or lost, or -1.
    public private(set) var endRow: [Int] = []
    /// Per block of messages: the largest row any of them is drawn on. An
    /// open message is drawn only on its send row, so that row counts.
    private var blockMaxEnd: [Int] = []
    /// Crash and restart rows per node: (crashRow, restartRow or -1).
    public private(set) var outages: [[(Int, Int)]] = []
    public private(set) var indexedEvents = 0

    public init() {}

    public static func == (a: DiagramIndex, b: DiagramIndex) -> Bool {
        a.startRow == b.startRow && a.endRow == b.endRow && a.indexedEvents == b.indexedEvents
    }

    /// Bring the index to the session's current events (after any step,
    /// step back or fork). Cost is proportional to the events that changed.
    public mutating func sync(_ core: any SessionCore) {
        if outages.count != core.cluster.count { outages = Array(repeating: [], count: core.cluster.count) }
        let count = core.eventCount
        if count < indexedEvents { truncate(to: count, messages: core.messageCount) }
        for row in indexedEvents..<count { add(core.event(row), row: row) }
        indexedEvents = count
    }

    private mutating func add(_ e: TraceEvent, row: Int) {
        switch e.kind {
        case .send, .duplicate:
            guard let id = e.message else { return }
            while startRow.count < id { startRow.append(-1); endRow.append(-1) }
            startRow[id - 1] = row
            endRow[id - 1] = -1
            setBlock(id - 1, row)
        case .receive, .drop:
            guard let id = e.message, id <= endRow.count else { return }
            endRow[id - 1] = row
            recomputeBlock((id - 1) / Self.blockSize)
        case .crash:
            if let n = e.node?.index { outages[n].append((row, -1)) }
        case .restart:
            if let n = e.node?.index, let last = outages[n].indices.last, outages[n][last].1 == -1 {
                outages[n][last].1 = row
            }
        default:
            break
        }
    }

    private mutating func truncate(to count: Int, messages: Int) {
        if startRow.count > messages {
            startRow.removeSubrange(messages...)
            endRow.removeSubrange(messages...)
        }
        for i in endRow.indices where endRow[i] >= count { endRow[i] = -1 }
        blockMaxEnd = []
        for block in 0..<((startRow.count + Self.blockSize - 1) / Self.blockSize) { recomputeBlock(block) }
        for n in outages.indices {
            outages[n].removeAll { $0.0 >= count }
            for i in outages[n].indices where outages[n][i].1 >= count { outages[n][i].1 = -1 }
        }
        indexedEvents = count
    }

    private mutating func setBlock(_ i: Int, _ end: Int) {
        let block = i / Self.blockSize
        while blockMaxEnd.count <= block { blockMaxEnd.append(-1) }
        blockMaxEnd[block] = max(blockMaxEnd[block], end)
    }

    private mutating func recomputeBlock(_ block: Int) {
        while blockMaxEnd.count <= block { blockMaxEnd.append(-1) }
        let range = (block * Self.blockSize)..<min(startRow.count, (block + 1) * Self.blockSize)
        blockMaxEnd[block] = range.reduce(-1) { max($0, endRow[$1] < 0 ? startRow[$1] : endRow[$1]) }
    }

    /// Ids of messages whose arrows touch rows `rows`.
    public func messages(touching rows: Range<Int>) -> [MessageID] {
        var ids: [MessageID] = []
        // Messages are numbered in order of their start rows: binary search
        // for the last one starting before the bottom, then walk back by
        // blocks, skipping blocks that all end above the top.
        var hi = startRow.count
        var lo = 0
        while lo < hi {
            let mid = (lo + hi) / 2
            if startRow[mid] < rows.upperBound { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        while i >= 0 {
            let block = i / Self.blockSize
            if blockMaxEnd[block] < rows.lowerBound {
                i = block * Self.blockSize - 1
                continue
            }
            let lastRow = endRow[i] < 0 ? startRow[i] : endRow[i]
            if startRow[i] >= 0 && lastRow >= rows.lowerBound { ids.append(i + 1) }
            i -= 1
        }
        return ids.reversed()
    }

    /// Whether `node` is down at `row`.
    public func isDown(_ node: Int, at row: Int) -> Bool {
        guard node < outages.count else { return false }
        return outages[node].contains { row >= $0.0 && ($0.1 < 0 || row < $0.1) }
    }
}
