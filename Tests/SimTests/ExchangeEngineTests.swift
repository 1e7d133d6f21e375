@testable import Sim
import Testing

/// A minimal request-grant protocol, only to drive the engine's exchange
/// bookkeeping: a local request at a node asks every other node; even
/// nodes grant, odd nodes refuse.
struct AskAround: NodeProtocol {
    struct State: Hashable, Sendable {}
    enum Message: MessagePayload {
        case ask, answer(Bool)
        var typeName: String { self == .ask ? "Ask" : "Answer" }
        var label: String? { nil }
        var fields: [Field] { if case .answer(let b) = self { return [Field("granted", .bool(b))] }; return [] }
        var tags: PrimitiveTags { PrimitiveTags([.p1b, .p2b]) }
    }

    static let ask = RequestSpec("ask", [], record: .none, help: "ask every other node")
    static let descriptor = ProtocolDescriptor(id: "ask-around", title: "test fixture", requests: [ask])
    let cluster: ClusterInfo
    var invariants: [Invariant<AskAround>] { [] }

    init(cluster: ClusterInfo, options: ProtocolOptions) { self.cluster = cluster }
    func initialState(for node: NodeID) -> State { State() }
    func recover(_ crashed: State, at node: NodeID) -> State { crashed }
    func variables(of state: State) -> [StateVariable] { [] }
    func observe(_ state: State) -> [Field] { [] }
    func headline(of state: State) -> String { "" }

    func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        switch input {
        case .request:
            let others = cluster.nodes.filter { $0 != node }
            return [.openExchange(key: 1, primitive: .p2b, participants: others, threshold: 2)]
                + others.map { .send(to: $0, .ask) }
        case .receive(let from, .ask):
            return [.send(to: from, .answer(node.index % 2 == 0))]
        case .receive(let from, .answer(let granted)):
            return [.exchangeResponse(key: 1, from: from, granted: granted)]
        default:
            return []
        }
    }
}

@Suite struct ExchangeEngineTests {
    @Test func exchangeTagsItsSendsAndCloses() throws {
        let cluster = ClusterInfo(names: ["A", "B", "C", "D", "E"])
        var sim = Simulation(proto: try AskAround(cluster: cluster, options: []), config: EngineConfig(seed: 3))
        try sim.perform(.request(NodeID(0), AskAround.ask()))
        #expect(sim.world.openExchanges.count == 1)
        #expect((1...4).allSatisfy { sim.message($0)?.exchange == 1 })
        while (try? sim.perform(.next)) != nil {}
        let x = try #require(sim.exchanges.first)
        // B and D refuse, C and E grant: reached at the second grant.
        #expect(x.outcome == .reached)
        #expect(x.granted == [NodeID(2), NodeID(4)] || x.granted == [NodeID(4), NodeID(2)])
        #expect(x.closedAtStep != nil)
        #expect(sim.world.openExchanges.isEmpty)
    }

    @Test func reopeningTheSameKeySupersedes() throws {
        let cluster = ClusterInfo(names: ["A", "B", "C"])
        var sim = Simulation(proto: try AskAround(cluster: cluster, options: []), config: EngineConfig(seed: 3))
        try sim.perform(.request(NodeID(0), AskAround.ask()))
        try sim.perform(.request(NodeID(0), AskAround.ask()))
        #expect(sim.exchanges.map(\.outcome) == [.superseded, nil])
    }
}
