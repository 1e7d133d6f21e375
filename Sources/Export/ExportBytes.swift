import Sim

/// An export's bytes, written in place: the text and JSON traces write each
/// event straight into one buffer (issue 17: exports at engine speed, no
/// String or dictionary per event). Text that came from a person or a
/// protocol goes through `visible`, which copies clean ASCII as it is and
/// hands anything else to `Sanitize` (control characters never reach a
/// terminal).
public struct ExportBytes: ~Copyable {
    private var buffer: ByteBuffer
    /// Bytes written and not yet streamed out.
    public var count: Int { buffer.count }
    /// Bytes handed to the sink so far.
    private var flushed = 0
    /// Every byte written, streamed out or not.
    public var total: Int { flushed + buffer.count }
    /// A copy of them (tests, small exports).
    public var bytes: [UInt8] { buffer.array() }
    /// Where full chunks go when streaming (a file descriptor), else nil.
    private let sink: Int32?
    private let sinkPath: String
    /// The first write that failed, reported by `finish`.
    private var failure: SafeFile.Failure? = nil
    /// A chunk's size when streaming: memory stays near this, however long the export.
    static let chunkBytes = 1 << 20

    /// Everything kept in `bytes`.
    public init(capacity: Int = 0) {
        sink = nil
        sinkPath = ""
        buffer = ByteBuffer(capacity: capacity)
    }

    /// Full chunks written to `fd` as they fill (writers call `flushIfFull`
    /// between events); `finish` writes the rest and reports a failed write.
    public init(streamingTo fd: Int32, path: String) {
        sink = fd
        sinkPath = path
        buffer = ByteBuffer(capacity: Self.chunkBytes + 4_096)
    }

    /// Between two events: hand a full chunk to the sink, if streaming.
    public mutating func flushIfFull() {
        if sink != nil && buffer.count >= Self.chunkBytes { flush() }
    }

    /// Write what is left; throws if any write failed.
    public mutating func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private mutating func flush() {
        flushed += buffer.count
        guard let sink, failure == nil else { return buffer.truncate(to: 0) }
        do {
            try buffer.withUnsafeBytes { try SafeFile.writeAll(fd: sink, $0, path: sinkPath) }
        } catch {
            failure = error as? SafeFile.Failure
        }
        buffer.truncate(to: 0)
    }

    public mutating func append(contentsOf other: [UInt8]) {
        other.withUnsafeBufferPointer { if let p = $0.baseAddress { buffer.append(p, count: $0.count) } }
    }

    /// Messages whose text was written once, waiting to be written again
    /// (a send's text, for its receive): id → the bytes. Bounded: an entry
    /// is taken when it is used, and at most `rememberedMax` wait.
    private var remembered: [Int: [UInt8]] = [:]
    static let rememberedMax = 4_096

    /// Keep what was written since `start` as message `id`'s text.
    mutating func remember(_ id: Int, from start: Int) {
        guard remembered.count < Self.rememberedMax else { return }
        remembered[id] = buffer.array(from: start)
    }

    /// Write message `id`'s remembered text, once; false if there is none.
    mutating func copyRemembered(_ id: Int) -> Bool {
        guard let text = remembered.removeValue(forKey: id) else { return false }
        append(contentsOf: text)
        return true
    }

    /// Fixed ASCII text from the program itself.
    public mutating func ascii(_ s: StaticString) {
        buffer.append(s.utf8Start, count: s.utf8CodeUnitCount)
    }

    public mutating func byte(_ b: UInt8) { buffer.append(b) }

    /// Text already made safe (JSON built by `JSONValue`, a report's lines
    /// drawn from sanitised labels), as it is.
    public mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { if let p = $0.baseAddress { buffer.append(p, count: $0.count) } }
    }

    /// A JSON string, quoted and escaped as `JSONValue` escapes it.
    mutating func json(_ s: String) {
        var s = s
        let mark = buffer.count
        // Plain ASCII with nothing to escape, copied as it is checked (room
        // reserved once for it and both quotes); anything else is escaped by
        // `JSONValue`.
        let plain = s.withUTF8 { utf8 in
            buffer.reserve(utf8.count + 2)
            buffer.appendReserved(UInt8(ascii: "\""))
            for b in utf8 {
                if b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x5C { return false }
                buffer.appendReserved(b)
            }
            return true
        }
        if plain { return buffer.append(UInt8(ascii: "\"")) }
        truncate(to: mark)
        var escaped: [UInt8] = []
        JSONValue.writeString(s, into: &escaped)
        append(contentsOf: escaped)
    }

    /// A decimal integer, without building a String.
    public mutating func int(_ n: Int) {
        if n < 0 {
            buffer.append(UInt8(ascii: "-"))
            // -(Int.min) overflows: its magnitude as unsigned.
            return unsigned(UInt(bitPattern: n).magnitudeOfNegative)
        }
        unsigned(UInt(n))
    }

    private mutating func unsigned(_ n: UInt) {
        if n < 10 { return buffer.append(UInt8(ascii: "0") + UInt8(n)) }
        var digits = 1
        var m = n / 10
        // At most 20 digits in a 64-bit number: bounded.
        while m > 0 {
            digits += 1
            m /= 10
        }
        buffer.append(digits) { at in
            var rest = n
            for i in stride(from: digits - 1, through: 0, by: -1) {
                at[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
    }

    /// Text from a person or a protocol: clean ASCII as it is, anything else
    /// through `Sanitize.visible`.
    public mutating func visible(_ s: String) {
        var s = s
        let mark = buffer.count
        let clean = s.withUTF8 { utf8 in
            buffer.reserve(utf8.count)
            for b in utf8 {
                if b < 0x20 || b >= 0x7F { return false }
                buffer.appendReserved(b)
            }
            return true
        }
        if !clean {
            truncate(to: mark)
            raw(Sanitize.visible(s))
        }
    }

    /// A value as `Value.rendered` writes it (`none` for empty).
    public mutating func value(_ v: Value) {
        switch v {
        case .int(let n): int(n)
        case .text(let s): if s.isEmpty { ascii("none") } else { visible(s) }
        case .bool(let b): if b { ascii("true") } else { ascii("false") }
        case .list(let items):
            if items.isEmpty { return ascii("none") }
            for (i, item) in items.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                visible(item)
            }
        case .vector(let v): ints(v)
        case .none: ascii("none")
        }
    }

    /// `2,0,1`
    public mutating func ints<C: Collection<Int>>(_ v: C) {
        for (i, n) in v.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            int(n)
        }
    }

    /// Forget what was written after `count` bytes.
    /// Rewrite what was written since `start`, each byte for which `escape`
    /// gives a replacement replaced by it. One scan when nothing needs it
    /// (the common case: a report's event text is written once, in place).
    public mutating func escapeTail(from start: Int, _ escape: (UInt8) -> StaticString?) {
        guard let first = (start..<buffer.count).first(where: { escape(buffer[$0]) != nil }) else { return }
        let tail = buffer.array(from: first)
        buffer.truncate(to: first)
        for b in tail {
            if let e = escape(b) { ascii(e) } else { buffer.append(b) }
        }
    }

    public mutating func truncate(to count: Int) { buffer.truncate(to: count) }

    public var string: String { buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}

private extension UInt {
    /// The magnitude of this bit pattern read as a negative Int.
    var magnitudeOfNegative: UInt { 0 &- self }
}
