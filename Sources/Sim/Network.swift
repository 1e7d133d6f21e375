/// Latency, random loss and link state. Links are a dense matrix because
/// clusters are small (at most 26 nodes) and lookups happen on every delivery.
public struct Network: Sendable, Hashable {
    public var latency: ClosedRange<Int>
    /// Random loss, in messages per million.
    public var lossPerMillion: Int
    public let size: Int
    private var blocked: [Bool]

    public init(size: Int, latency: ClosedRange<Int>, lossPerMillion: Int) {
        precondition(latency.lowerBound >= 0, "latency cannot be negative")
        self.size = size
        self.latency = latency
        self.lossPerMillion = lossPerMillion
        self.blocked = Array(repeating: false, count: size * size)
    }

    public func isBlocked(from: NodeID, to: NodeID) -> Bool {
        blocked[from.index * size + to.index]
    }

    public var hasBlockedLinks: Bool { blocked.contains(true) }

    /// Block every link between different groups, both directions. Nodes
    /// not named in any group form one more group together.
    public mutating func partition(_ groups: [[NodeID]]) {
        var group = Array(repeating: groups.count, count: size)
        for (g, members) in groups.enumerated() {
            for node in members { group[node.index] = g }
        }
        for a in 0..<size {
            for b in 0..<size where group[a] != group[b] {
                blocked[a * size + b] = true
            }
        }
    }

    public mutating func cut(from: NodeID, to: NodeID) {
        blocked[from.index * size + to.index] = true
    }

    public mutating func heal() {
        for i in blocked.indices { blocked[i] = false }
    }

    /// The network with every node `i` renamed `p[i]` (node symmetry).
    public func permuted(by p: [Int]) -> Network {
        var n = self
        for a in 0..<size {
            for b in 0..<size { n.blocked[p[a] * size + p[b]] = blocked[a * size + b] }
        }
        return n
    }

    /// Blocked links as `A->B` pairs in node order.
    public func blockedLinks() -> [(NodeID, NodeID)] {
        var links: [(NodeID, NodeID)] = []
        for a in 0..<size {
            for b in 0..<size where blocked[a * size + b] {
                links.append((NodeID(a), NodeID(b)))
            }
        }
        return links
    }
}
