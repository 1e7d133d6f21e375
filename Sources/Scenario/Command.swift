import Sim

/// `#7` or `A->B` (the oldest, or all, in flight on that link).
public enum MessageRef: Equatable, Sendable {
    case id(MessageID)
    case link(NodeID, NodeID)
}

public struct ClusterSpec: Equatable, Sendable {
    public let protocolID: String
    public let names: [String]
    public let seed: UInt64
    public let latency: ClosedRange<Int>
    public let lossPerMillion: Int
    /// Protocol options in the order written.
    public let options: [KeyValue]
    /// Every option as written, for the trace's `options` object.
    public let displayOptions: [KeyValue]
}

public struct KeyValue: Equatable, Sendable {
    public let key: String
    public let value: String
}

/// One `query=value` of `expect`, or a `run until` condition.
public struct Expectation: Equatable, Sendable {
    public let query: Query
    public let expected: String
    public let column: Int
}

public enum Command: Equatable, Sendable {
    case cluster(ClusterSpec)
    case request(NodeID, ClientRequest)
    case timeout(NodeID)
    case step(Int)
    case deliver(MessageRef)
    case run(until: Expectation?, max: Int)
    case drop(MessageRef)
    case delay(MessageRef, ticks: Int)
    case duplicate(MessageID)
    case crash(NodeID)
    case restart(NodeID)
    case partition([[NodeID]])
    case cut(NodeID, NodeID)
    case heal
    case expect([Expectation])
    /// Any command with `@name` after it: the event it causes gets the name,
    /// for happens-before queries (DESIGN §4).
    indirect case named(Command, name: String)
}

/// A command with where it came from. `columns` are the columns of the
/// line's tokens, so a run-time error can point at the argument at fault.
public struct ScenarioLine: Equatable, Sendable {
    public let command: Command
    public let line: Int
    public let columns: [Int]
    /// The command as written, without its comment.
    public let source: String
}

/// Limits that keep a hostile or mistaken file from exhausting the machine.
public enum ScenarioLimits {
    public static let fileBytesMax = 4 * 1024 * 1024
    public static let lineCharactersMax = 4096
    public static let nodesMax = 26
    public static let stepsPerCommandMax = 10_000_000
    public static let ticksMax = 1_000_000
    public static let runMaxDefault = 10_000
}
