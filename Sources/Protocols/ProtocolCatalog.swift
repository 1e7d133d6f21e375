import Sim

/// A protocol the engine can run, described without its generic types: its
/// descriptor, and how to start a run and a benchmark.
public struct ProtocolEntry: Sendable {
    public let descriptor: ProtocolDescriptor
    public let benchmark: EngineBenchmark?
    let make: @Sendable (ClusterInfo, ProtocolOptions, EngineConfig) throws -> any SessionCore

    public init<P: NodeProtocol>(_ type: P.Type) {
        descriptor = P.descriptor
        benchmark = P.benchmark
        make = { cluster, options, config in
            let proto = try P(cluster: cluster, options: options)
            return Timeline(Simulation(proto: proto, config: config))
        }
    }

    public var id: String { descriptor.id }
    public var title: String { descriptor.title }

    /// Parse `options` (name, text) with the descriptor's one parser.
    /// Throws `OptionError` naming the option.
    public func parseOptions(_ options: [(String, String)], cluster: ClusterInfo) throws(OptionError) -> ProtocolOptions {
        try ProtocolOptions(descriptor.options, given: options, cluster: cluster, protocolID: id)
    }

    /// Start a run. Throws `OptionError` for an option the protocol refuses.
    public func makeSession(cluster: ClusterInfo, options: [(String, String)],
                            config: EngineConfig) throws -> any SessionCore {
        try make(cluster, try parseOptions(options, cluster: cluster), config)
    }
}

/// Every implemented protocol, one line each, in the order the menu and docs
/// list them. Everything else about a protocol is in its folder.
public enum ProtocolCatalog {
    public static let entries: [ProtocolEntry] = [
        ProtocolEntry(LamportClock.self),
        ProtocolEntry(VectorClock.self),
        ProtocolEntry(FIFOBroadcast.self),
        ProtocolEntry(CausalBroadcast.self),
        ProtocolEntry(Raft.self),
        ProtocolEntry(Paxos.self),
    ]

    public static func entry(id: String) -> ProtocolEntry? {
        entries.first { $0.id == id }
    }

    public static var ids: [String] { entries.map(\.id) }

    /// Every message type of every protocol (`baton primitives`, "also used by").
    public static var messageTypes: [MessageTypeInfo] { entries.flatMap(\.descriptor.messageTypes) }
}
