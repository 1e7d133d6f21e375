@testable import Sim
import Testing

/// The snapshot-friendly array behaves exactly like an Array under random
/// appends and truncations, and a copy never sees the original change.
@Suite struct ChunkedArrayTests {
    @Test func matchesArrayUnderRandomEdits() {
        var rng = SeededGenerator(seed: 8)
        var chunked = ChunkedArray<Int>()
        var plain: [Int] = []
        var copies: [(ChunkedArray<Int>, [Int])] = []
        for i in 0..<20_000 {
            switch rng.draw(0...19) {
            case 0:
                let n = rng.draw(0...plain.count)
                chunked.truncate(to: n)
                plain.removeSubrange(n...)
            case 1:
                copies.append((chunked, plain))
            default:
                chunked.append(i)
                plain.append(i)
            }
            #expect(chunked.count == plain.count)
        }
        #expect(Array(chunked) == plain)
        #expect(chunked == ChunkedArray(plain))
        for (copy, expected) in copies { #expect(Array(copy) == expected) }
    }

    @Test func equalityAndSlices() {
        let a: ChunkedArray = [1, 2, 3]
        var b = a
        b.append(4)
        #expect(a != b && a.count == 3 && b.last == 4)
        b.truncate(to: 3)
        #expect(a == b)
        #expect(Array(b[1...]) == [2, 3])
        #expect(b.starts(with: [1, 2]))
    }
}
