import Sim

/// A protocol the engine can run, described without its generic types.
public struct ProtocolEntry: Sendable {
    public let id: String
    public let title: String
    public let optionSpecs: [OptionSpec]
    public let supportedRequests: [RequestKind]
    public let variableNames: [String]
    public let messageTypes: [MessageTypeInfo]
    public let hasTimer: Bool
    public let globalQueryNames: [String]
    let make: @Sendable (ClusterInfo, [(String, String)], EngineConfig) throws -> any SessionCore

    init<P: NodeProtocol>(_ type: P.Type, hasTimer: Bool) {
        id = P.id
        title = P.title
        optionSpecs = P.optionSpecs
        supportedRequests = P.supportedRequests
        variableNames = P.variableNames
        messageTypes = P.messageTypes
        self.hasTimer = hasTimer
        globalQueryNames = P.globalQueryNames
        make = { cluster, options, config in
            let proto = try P(cluster: cluster, options: options)
            return Timeline(Simulation(proto: proto, config: config))
        }
    }

    /// Start a run. Throws `OptionError` for an option the protocol refuses.
    public func makeSession(cluster: ClusterInfo, options: [(String, String)],
                            config: EngineConfig) throws -> any SessionCore {
        try make(cluster, options, config)
    }
}

/// Every implemented protocol, in the order the menu and docs list them.
public enum ProtocolCatalog {
    public static let entries: [ProtocolEntry] = [
        ProtocolEntry(LamportClock.self, hasTimer: false),
        ProtocolEntry(VectorClock.self, hasTimer: false),
        ProtocolEntry(FIFOBroadcast.self, hasTimer: false),
        ProtocolEntry(CausalBroadcast.self, hasTimer: false),
        ProtocolEntry(Raft.self, hasTimer: true),
        ProtocolEntry(Paxos.self, hasTimer: true),
    ]

    /// Protocol ids of DESIGN.md §4 that are planned but not built yet.
    public static let plannedIDs: [String] = []

    public static func entry(id: String) -> ProtocolEntry? {
        entries.first { $0.id == id }
    }

    public static var ids: [String] { entries.map(\.id) }
}
