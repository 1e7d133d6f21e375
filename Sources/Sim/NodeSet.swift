/// A set of nodes as bits (bit i: node i), iterated in index order.
/// Clusters have at most 26 nodes, so a `UInt32` holds any of them. Why not
/// `[NodeID]` kept sorted: a protocol state holding sets (Raft's
/// `votesReceived`) is copied millions of times by the explorer, and a set
/// of bits copies, compares and hashes as one word, with no reference count.
public struct NodeSet: Hashable, Sendable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// Bit i: node i is in the set.
    @usableFromInline
    var bits: UInt32

    @inlinable
    public init() { bits = 0 }

    @inlinable
    public init(arrayLiteral nodes: NodeID...) { self.init(nodes) }

    @inlinable
    public init<S: Sequence>(_ nodes: S) where S.Element == NodeID {
        bits = 0
        for node in nodes { insert(node) }
    }

    /// The set as one word, bit i for node i (for hashing a state by hand).
    @inlinable
    public var word: UInt32 { bits }

    @inlinable
    public var count: Int { bits.nonzeroBitCount }

    @inlinable
    public var isEmpty: Bool { bits == 0 }

    @inlinable
    public func contains(_ node: NodeID) -> Bool { bits & Self.bit(node) != 0 }

    /// Adds `node`; true when it was not there.
    @inlinable
    @discardableResult
    public mutating func insert(_ node: NodeID) -> Bool {
        let had = contains(node)
        bits |= Self.bit(node)
        return !had
    }

    @inlinable
    static func bit(_ node: NodeID) -> UInt32 {
        precondition(node.index < 32, "a NodeSet holds nodes 0 to 31")
        return 1 << UInt32(node.index)
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline var rest: UInt32

        @inlinable
        init(_ bits: UInt32) { rest = bits }

        /// The lowest node left (bounded: each call clears one bit).
        @inlinable
        public mutating func next() -> NodeID? {
            guard rest != 0 else { return nil }
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            return NodeID(i)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(bits) }

    public var description: String { "[" + map { "\($0.index)" }.joined(separator: ",") + "]" }
}
