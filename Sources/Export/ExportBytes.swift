import Sim

/// An export's bytes, written in place: the text and JSON traces write each
/// event straight into one buffer (issue 17: exports at engine speed, no
/// String or dictionary per event). Text that came from a person or a
/// protocol goes through `visible`, which copies clean ASCII as it is and
/// hands anything else to `Sanitize` (control characters never reach a
/// terminal).
public struct ExportBytes {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

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
    public mutating func ints(_ v: [Int]) {
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
