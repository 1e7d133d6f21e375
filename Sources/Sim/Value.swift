/// A value shown in traces and answered by queries. Rendering follows the
/// scenario contract (DESIGN.md §4): lists comma-separated without spaces,
/// `none` for empty or null.
public enum Value: Hashable, Sendable {
    case int(Int)
    case text(String)
    case bool(Bool)
    case list([String])
    case vector([Int])
    case none

    public var rendered: String {
        switch self {
        case .int(let n): return String(n)
        case .text(let s): return s.isEmpty ? "none" : s
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return items.isEmpty ? "none" : items.joined(separator: ",")
        case .vector(let v): return v.map(String.init).joined(separator: ",")
        case .none: return "none"
        }
    }
}

/// A named value on a message or an event (`term=2`, `t=3`).
public struct Field: Hashable, Sendable {
    public let name: String
    public let value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// A state variable of a node, as the protocol's seed names it.
public struct StateVariable: Equatable, Sendable {
    public let name: String
    public let value: Value
    /// Survives a crash (restored on restart) when true; reset when false.
    public let durable: Bool

    public init(_ name: String, _ value: Value, durable: Bool) {
        self.name = name
        self.value = value
        self.durable = durable
    }
}
