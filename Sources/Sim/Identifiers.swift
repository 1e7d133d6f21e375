/// Simulated time in integer ticks.
public typealias Tick = Int

/// Messages are numbered from 1 in the order they are created (`#1, #2, ...`).
public typealias MessageID = Int

/// A node is an index into the cluster's name list (`A, B, C` for `nodes=3`).
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int

    public init(_ index: Int) {
        precondition(index >= 0, "node index must be non-negative")
        self.index = index
    }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }
    public var description: String { "node\(index)" }
}

/// The names and size of a cluster, fixed when it is created.
public struct ClusterInfo: Sendable, Equatable {
    public let names: [String]

    public init(names: [String]) {
        precondition(!names.isEmpty, "a cluster has at least one node")
        self.names = names
    }

    public var count: Int { names.count }
    public var nodes: [NodeID] { names.indices.map(NodeID.init) }
    public func name(_ node: NodeID) -> String { names[node.index] }
    public func node(named name: String) -> NodeID? {
        names.firstIndex(of: name).map(NodeID.init)
    }
    /// ⌈(n+1)/2⌉: the smallest majority.
    public var majority: Int { count / 2 + 1 }
}
