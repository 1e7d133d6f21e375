/// SplitMix64: the engine's only source of randomness (DESIGN.md §1.2).
///
/// Every latency, loss decision and timeout is drawn here, in the order the
/// engine performs its work, so `(protocol, options, seed, commands)` fixes
/// the whole run. Ranges are drawn here rather than by the standard library's
/// range sampling, so the sequence cannot change with its implementation.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from `range` (rejection sampling, so no modulo bias).
    public mutating func draw(_ range: ClosedRange<Int>) -> Int {
        precondition(range.upperBound - range.lowerBound < Int.max, "range too wide")
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        if span == 1 { return range.lowerBound }
        let limit = UInt64.max - (UInt64.max % span)
        var x = next()
        // Bounded: the chance of 16 rejections in a row is below 2^-16 even for
        // the worst span, and afterwards a slightly biased value is harmless.
        var attempts = 0
        while x >= limit && attempts < 16 {
            x = next()
            attempts += 1
        }
        return range.lowerBound + Int(x % span)
    }

    /// True with probability `perMillion / 1_000_000`; draws nothing when the
    /// probability is zero so that a loss-free run keeps its latency sequence.
    public mutating func chance(perMillion: Int) -> Bool {
        if perMillion <= 0 { return false }
        return draw(0...999_999) < perMillion
    }
}
