/// An append-mostly array whose copies share their full chunks, and which
/// grows a chunk at a time (never a transient double-size copy).
///
/// Why: the timeline snapshots the world (DESIGN §3), and a Swift array that
/// grows after a snapshot is copied whole, so 64 snapshots of a Raft log cost
/// 64 logs. Here a copy shares every chunk; the first change after a copy
/// duplicates only the outer list of chunk references and the last chunk.
public struct ChunkedArray<Element>: RandomAccessCollection, @unchecked Sendable {
    // @unchecked: a chunk is only mutated while uniquely referenced (checked
    // below), so copies never observe a change; `Element` values are copied in.
    //
    // Everything is @inlinable: the protocols use it from another module, and
    // unspecialised generic access costs a metadata lookup per element.
    @usableFromInline final class Chunk {
        @exclusivity(unchecked) @usableFromInline var items: [Element]
        @inlinable init(_ items: [Element]) {
            self.items = items
            // Room for twice what it holds, not a whole chunk: a copy made to
            // change the last chunk (a snapshot, an explored world) then costs
            // what that chunk holds. Growth inside a chunk stays geometric
            // and ends at `chunkSize`.
            self.items.reserveCapacity(Swift.min(ChunkedArray.chunkSize, Swift.max(8, items.count * 2)))
        }
    }

    @inlinable static var chunkShift: Int { 8 }
    @inlinable static var chunkSize: Int { 1 << chunkShift }
    @usableFromInline var chunks: [Chunk] = []
    @usableFromInline var storedCount = 0
    @inlinable public var count: Int { storedCount }

    @inlinable public init() {}

    @inlinable public init<S: Sequence>(_ elements: S) where S.Element == Element {
        append(contentsOf: elements)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "ChunkedArray index \(index) out of range 0..<\(count)")
            return chunks[index >> Self.chunkShift].items[index & (Self.chunkSize - 1)]
        }
        set {
            precondition(index >= 0 && index < count, "ChunkedArray index \(index) out of range 0..<\(count)")
            // Copies share chunks: the one changed is duplicated first unless this copy alone holds it.
            let c = index >> Self.chunkShift
            if !isKnownUniquelyReferenced(&chunks[c]) { chunks[c] = Chunk(chunks[c].items) }
            chunks[c].items[index & (Self.chunkSize - 1)] = newValue
        }
    }

    @inlinable public mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            chunks.append(Chunk([element]))
        } else {
            let last = chunks.count - 1
            if !isKnownUniquelyReferenced(&chunks[last]) { chunks[last] = Chunk(chunks[last].items) }
            chunks[last].items.append(element)
        }
        storedCount += 1
    }

    @inlinable public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    /// Keep the first `newCount` elements.
    @inlinable public mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        guard newCount < count else { return }
        let keepChunks = (newCount + Self.chunkSize - 1) >> Self.chunkShift
        chunks.removeSubrange(keepChunks...)
        storedCount = newCount
        let inLast = newCount & (Self.chunkSize - 1)
        guard inLast != 0, let last = chunks.indices.last else { return }
        if !isKnownUniquelyReferenced(&chunks[last]) { chunks[last] = Chunk(chunks[last].items) }
        chunks[last].items.removeSubrange(inLast...)
    }
}

extension ChunkedArray: Equatable where Element: Equatable {
    @inlinable public static func == (a: ChunkedArray, b: ChunkedArray) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a.chunks, b.chunks) where x !== y {
            guard x.items == y.items else { return false }
        }
        return true
    }
}

extension ChunkedArray: Hashable where Element: Hashable {
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

extension ChunkedArray: ExpressibleByArrayLiteral {
    @inlinable public init(arrayLiteral elements: Element...) { self.init(elements) }
}
