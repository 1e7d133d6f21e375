import Sim

/// A protocol the engine can run, described without its generic types: its
/// descriptor, and how to start a run and a benchmark.
public struct ProtocolEntry: Sendable {
    public let descriptor: ProtocolDescriptor
    public let benchmark: EngineBenchmark?
    let make: @Sendable (ClusterInfo, ProtocolOptions, EngineConfig) throws -> any SessionCore

    /// An entry for the protocol of core `C` (its concrete `ProtocolCore`,
    /// which keeps runs through `any SessionCore` specialised).
    public init<C: ProtocolCore>(_ core: C.Type) {
        descriptor = C.Proto.descriptor
        benchmark = C.Proto.benchmark
        make = { cluster, options, config in
            let proto = try C.Proto(cluster: cluster, options: options)
            let timeline = Timeline(Simulation(proto: proto, config: config))
            #if DEBUG
            // Unoptimised, the core's forwarding copies the timeline on every
            // access; the bare timeline is the faster there (see `ProtocolCore`).
            return timeline
            #else
            return C(timeline)
            #endif
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
        ProtocolEntry(LamportClockCore.self),
        ProtocolEntry(VectorClockCore.self),
        ProtocolEntry(FIFOBroadcastCore.self),
        ProtocolEntry(CausalBroadcastCore.self),
        ProtocolEntry(RaftCore.self),
        ProtocolEntry(PaxosCore.self),
        ProtocolEntry(TwoPhaseCommitCore.self),
        ProtocolEntry(ThreePhaseCommitCore.self),
        ProtocolEntry(MESICore.self),
    ]

    public static func entry(id: String) -> ProtocolEntry? {
        entries.first { $0.id == id }
    }

    public static var ids: [String] { entries.map(\.id) }

    /// Every message type of every protocol (`baton primitives`, "also used by").
    public static var messageTypes: [MessageTypeInfo] { entries.flatMap(\.descriptor.messageTypes) }
}

// One concrete core per protocol (see `ProtocolCore`): the only line a new
// protocol adds here besides its entry above.
public struct LamportClockCore: ProtocolCore {
    public var timeline: Timeline<LamportClock>
    public init(_ timeline: Timeline<LamportClock>) { self.timeline = timeline }
}
public struct VectorClockCore: ProtocolCore {
    public var timeline: Timeline<VectorClock>
    public init(_ timeline: Timeline<VectorClock>) { self.timeline = timeline }
}
public struct FIFOBroadcastCore: ProtocolCore {
    public var timeline: Timeline<FIFOBroadcast>
    public init(_ timeline: Timeline<FIFOBroadcast>) { self.timeline = timeline }
}
public struct CausalBroadcastCore: ProtocolCore {
    public var timeline: Timeline<CausalBroadcast>
    public init(_ timeline: Timeline<CausalBroadcast>) { self.timeline = timeline }
}
public struct RaftCore: ProtocolCore {
    public var timeline: Timeline<Raft>
    public init(_ timeline: Timeline<Raft>) { self.timeline = timeline }
}
public struct PaxosCore: ProtocolCore {
    public var timeline: Timeline<Paxos>
    public init(_ timeline: Timeline<Paxos>) { self.timeline = timeline }
}
public struct TwoPhaseCommitCore: ProtocolCore {
    public var timeline: Timeline<TwoPhaseCommit>
    public init(_ timeline: Timeline<TwoPhaseCommit>) { self.timeline = timeline }
}
public struct MESICore: ProtocolCore {
    public var timeline: Timeline<MESI>
    public init(_ timeline: Timeline<MESI>) { self.timeline = timeline }
}
public struct ThreePhaseCommitCore: ProtocolCore {
    public var timeline: Timeline<ThreePhaseCommit>
    public init(_ timeline: Timeline<ThreePhaseCommit>) { self.timeline = timeline }
}
