/// A growable run of bytes that owns its memory: `ExportBytes`'s storage.
/// Why not `[UInt8]`: every `Array.append` checks uniqueness and capacity
/// through calls that cost more than the byte itself; an export appends a
/// few hundred bytes an event (perf: a third of the JSON export was that).
/// Non-copyable, so the memory has exactly one owner and is freed once.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Room for `extra` more bytes, doubling (amortised constant per byte).
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        grow(to: count + extra)
    }

    private mutating func grow(to needed: Int) {
        var size = capacity
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = size
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Append a byte where `reserve` made room (no capacity check).
    @inline(__always)
    mutating func appendReserved(_ b: UInt8) {
        assert(count < capacity, "appendReserved past the reserved room")
        base[count] = b
        count += 1
    }

    /// Append `n` bytes that `fill` writes at the pointer it is given.
    @inline(__always)
    mutating func append(_ n: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(n)
        fill(base + count)
        count += n
    }

    mutating func append(_ from: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (base + count).update(from: from, count: n)
        count += n
    }

    mutating func append<S: Sequence<UInt8>>(contentsOf s: S) {
        for b in s { append(b) }
    }

    subscript(i: Int) -> UInt8 {
        get {
            assert(i >= 0 && i < count, "byte \(i) of \(count)")
            return base[i]
        }
        set {
            assert(i >= 0 && i < count, "byte \(i) of \(count)")
            base[i] = newValue
        }
    }

    /// Forget everything after the first `n` bytes.
    mutating func truncate(to n: Int) {
        precondition(n >= 0 && n <= count, "truncate to \(n) of \(count)")
        count = n
    }

    /// A copy of the bytes from `start` on.
    func array(from start: Int = 0) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
