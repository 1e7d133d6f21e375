import Protocols
import Sim
import Testing
import TestSupport

/// A protocol registered with almost nothing: the conformance checks must
/// name every missing piece, so that a contributor is told, not left to find
/// out from a learner.
struct HalfDone: NodeProtocol {
    struct State: Hashable, Sendable { var pings = 0 }
    struct Message: MessagePayload {
        var typeName: String { "Ping" }
        var label: String? { nil }
        var fields: [Field] { [] }
        var tags: PrimitiveTags { PrimitiveTags([.p1a]) }
    }

    static let ping = RequestSpec("ping", [.peer("to")], record: .none, help: "ping another node")
    static let descriptor = ProtocolDescriptor(
        id: "half-done", title: "Half done",
        options: [OptionSpec("rate", .int(1...9), default: nil, help: "pings per tick",
                             unsafe: [.init("fast", breaks: "liveness")])],
        requests: [ping])

    let cluster: ClusterInfo
    var invariants: [Invariant<HalfDone>] { [] }

    init(cluster: ClusterInfo, options: ProtocolOptions) { self.cluster = cluster }
    func initialState(for node: NodeID) -> State { State() }
    func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        if case .request(let r) = input, let to = r.peer { return [.send(to: to, Message())] }
        if case .receive = input { state.pings += 1 }
        return []
    }
    func recover(_ crashed: State, at node: NodeID) -> State { crashed }
    func variables(of state: State) -> [StateVariable] { [StateVariable("pings", .int(state.pings), durable: true)] }
    func observe(_ state: State) -> [Field] { [] }
    func headline(of state: State) -> String { "" }
}

/// Its core, as every protocol declares one (`ProtocolCore`).
struct HalfDoneCore: ProtocolCore {
    var timeline: Timeline<HalfDone>
    init(_ timeline: Timeline<HalfDone>) { self.timeline = timeline }
}

@Suite struct IncompleteProtocolTests {
    @Test func everyMissingPieceIsNamed() {
        let problems = Conformance.problems(ProtocolEntry(HalfDoneCore.self))
        let expected = ["no message types", "no invariants", "no state variables", "no example scenarios",
                        "no engine benchmark", "variables shown [\"pings\"] differ", "no headline",
                        "no golden folder", "no screen snapshots 80x24.screen, 160x48.screen, 80x24-sequence.screen",
                        "`rate` has no default", "`rate=fast` is not a value", "breaks `liveness`, which is no invariant"]
        for piece in expected {
            #expect(problems.contains { $0.hasPrefix("half-done: ") && $0.contains(piece) },
                    "not named: \(piece)\n\(problems.joined(separator: "\n"))")
        }
        #expect(problems.count == expected.count, "\(problems.joined(separator: "\n"))")
    }

    @Test func theRegisteredProtocolsHaveEveryPiece() {
        for entry in ProtocolCatalog.entries { #expect(Conformance.problems(entry).isEmpty, "\(entry.id)") }
    }
}
