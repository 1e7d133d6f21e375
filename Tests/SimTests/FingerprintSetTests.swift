@testable import Sim
import Testing

/// The search's visited set (`FingerprintSet`) against `Set<Int>`.
@Suite struct FingerprintSetTests {
    @Test func agreesWithASetThroughGrowth() {
        var rng = SeededGenerator(seed: 3)
        var mine = FingerprintSet(), theirs = Set<Int>()
        // Small words too: they share low bits, so they probe past each other.
        for k in 0..<5_000 {
            let print = k % 3 == 0 ? k : Int(bitPattern: UInt(rng.next()))
            let new = mine.insert(print), again = mine.insert(print)
            #expect(new == theirs.insert(print).inserted, "insert \(print)")
            #expect(!again, "\(print) again")
        }
        #expect(mine.count == theirs.count)
        for print in theirs { #expect(mine.contains(print)) }
        #expect(!mine.contains(-7) && !mine.contains(5_001))
    }

    /// 0 marks an empty slot: fingerprint 0 is kept as 1 (docs/EXPLORER.md).
    @Test func zeroIsKeptAsOne() {
        var prints = FingerprintSet([0])
        #expect(prints.contains(0) && prints.contains(1) && prints.count == 1)
        let one = prints.insert(1)
        #expect(!one)
    }
}
