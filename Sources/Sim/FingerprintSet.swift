/// The fingerprints a search has seen (issue 19): an open-addressing set of
/// words that are well-mixed hashes already (`Fingerprint`, stirred by
/// `WordMix`), so a word's low bits pick its slot with no hashing of its
/// own. Why not `Set<Int>`: it hashes every key again with SipHash, a call
/// and a hundred-odd instructions at every lookup, and the search looks one
/// up at every transition (a twentieth of the search, measured).
///
/// 0 marks an empty slot, so fingerprint 0 is kept as 1: two worlds whose
/// fingerprints are 0 and 1 count as one, a chance of 2⁻⁶³ a pair beside
/// the 2⁻⁶⁴ of any two fingerprints colliding (docs/EXPLORER.md, hash
/// compaction). At most three quarters full: linear probing then finds a
/// word or an empty slot in a few probes.
@usableFromInline
struct FingerprintSet: Sendable {
    /// A power of two of slots, 0 for empty.
    @usableFromInline var slots: [Int]
    @usableFromInline private(set) var count = 0

    @inlinable
    init(_ prints: [Int] = []) {
        slots = Array(repeating: 0, count: 1 << 10)
        for print in prints { insert(print) }
    }

    @inlinable
    static func word(_ print: Int) -> Int { print == 0 ? 1 : print }

    /// Where `print` is, or the empty slot where it would go.
    @inlinable
    func slot(of word: Int) -> Int {
        let mask = slots.count - 1
        var i = word & mask
        // Bounded: at most three quarters full, so an empty slot comes.
        while slots[i] != 0 && slots[i] != word { i = (i + 1) & mask }
        return i
    }

    @inlinable
    func contains(_ print: Int) -> Bool {
        let word = Self.word(print)
        return slots[slot(of: word)] == word
    }

    /// Adds `print`; true when it was not there.
    @inlinable @discardableResult
    mutating func insert(_ print: Int) -> Bool {
        let word = Self.word(print)
        let i = slot(of: word)
        guard slots[i] == 0 else { return false }
        slots[i] = word
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return true
    }

    @inlinable
    mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        for word in old where word != 0 { slots[slot(of: word)] = word }
    }
}
