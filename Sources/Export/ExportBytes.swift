import Sim

/// An export's bytes, written in place: the text and JSON traces write each
/// event straight into one buffer (issue 17: exports at engine speed, no
/// String or dictionary per event). Text that came from a person or a
/// protocol goes through `visible`, which copies clean ASCII as it is and
/// hands anything else to `Sanitize` (control characters never reach a
/// terminal).
public struct ExportBytes {
    public private(set) var bytes: [UInt8] = []
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
        bytes.reserveCapacity(capacity)
    }

    /// Full chunks written to `fd` as they fill (writers call `flushIfFull`
    /// between events); `finish` writes the rest and reports a failed write.
    public init(streamingTo fd: Int32, path: String) {
        sink = fd
        sinkPath = path
        bytes.reserveCapacity(Self.chunkBytes + 4_096)
    }

    /// Between two events: hand a full chunk to the sink, if streaming.
    public mutating func flushIfFull() {
        if sink != nil && bytes.count >= Self.chunkBytes { flush() }
    }

    /// Write what is left; throws if any write failed.
    public mutating func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private mutating func flush() {
        guard let sink, failure == nil else { return bytes.removeAll(keepingCapacity: true) }
        do { try SafeFile.writeAll(fd: sink, bytes, path: sinkPath) } catch { failure = error as? SafeFile.Failure }
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Messages whose text was written once, waiting to be written again
    /// (a send's text, for its receive): id → the bytes. Bounded: an entry
    /// is taken when it is used, and at most `rememberedMax` wait.
    private var remembered: [Int: [UInt8]] = [:]
    static let rememberedMax = 4_096

    /// Keep what was written since `start` as message `id`'s text.
    mutating func remember(_ id: Int, from start: Int) {
        guard remembered.count < Self.rememberedMax else { return }
        remembered[id] = Array(bytes[start...])
    }

    /// Write message `id`'s remembered text, once; false if there is none.
    mutating func copyRemembered(_ id: Int) -> Bool {
        guard let text = remembered.removeValue(forKey: id) else { return false }
        bytes.append(contentsOf: text)
        return true
    }

    /// Fixed ASCII text from the program itself.
    public mutating func ascii(_ s: StaticString) {
        // Byte by byte: these are a few bytes each, where a bulk copy's call
        // costs more than the copy (it was 40 % of the JSON export).
        let start = s.utf8Start
        for i in 0..<s.utf8CodeUnitCount { bytes.append(start[i]) }
    }

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Text already made safe (JSON built by `JSONValue`), as it is.
    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// A JSON string, quoted and escaped as `JSONValue` escapes it.
    mutating func json(_ s: String) {
        var s = s
        let mark = bytes.count
        bytes.append(UInt8(ascii: "\""))
        // Plain ASCII with nothing to escape, copied as it is checked;
        // anything else is escaped by `JSONValue`.
        let plain = s.withUTF8 { utf8 in
            for b in utf8 {
                if b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x5C { return false }
                bytes.append(b)
            }
            return true
        }
        if plain { return bytes.append(UInt8(ascii: "\"")) }
        truncate(to: mark)
        JSONValue.writeString(s, into: &bytes)
    }

    /// A decimal integer, without building a String.
    public mutating func int(_ n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            // -(Int.min) overflows: its magnitude as unsigned.
            return unsigned(UInt(bitPattern: n).magnitudeOfNegative)
        }
        unsigned(UInt(n))
    }

    private mutating func unsigned(_ n: UInt) {
        if n < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(n)) }
        var digits = 1
        var scale: UInt = 10
        // At most 20 digits in a 64-bit number: bounded.
        while digits < 20 && n >= scale {
            digits += 1
            if scale > UInt.max / 10 { break }
            scale *= 10
        }
        let end = bytes.count + digits
        for _ in 0..<digits { bytes.append(UInt8(ascii: "0")) }
        var rest = n
        var at = end - 1
        while rest > 0 {
            bytes[at] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            at -= 1
        }
    }

    /// Text from a person or a protocol: clean ASCII as it is, anything else
    /// through `Sanitize.visible`.
    public mutating func visible(_ s: String) {
        var s = s
        let mark = bytes.count
        let clean = s.withUTF8 { utf8 in
            for b in utf8 {
                if b < 0x20 || b >= 0x7F { return false }
                bytes.append(b)
            }
            return true
        }
        if !clean {
            truncate(to: mark)
            bytes.append(contentsOf: Sanitize.visible(s).utf8)
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
    public mutating func truncate(to count: Int) { bytes.removeLast(bytes.count - count) }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

private extension UInt {
    /// The magnitude of this bit pattern read as a negative Int.
    var magnitudeOfNegative: UInt { 0 &- self }
}
