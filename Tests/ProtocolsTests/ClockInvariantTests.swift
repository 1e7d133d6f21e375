import Protocols
import Sim
import Testing

/// A Lamport clock that forgets to merge on receive (t := t + 1 only), to
/// prove the invariants can fail and name themselves.
struct ForgetfulClock: NodeProtocol {
    struct State: Hashable, Sendable { var t = 0 }
    struct Message: MessagePayload {
        let t: Int
        var typeName: String { "Message" }
        var label: String? { nil }
        var fields: [Field] { [Field("t", .int(t))] }
        var tags: PrimitiveTags { PrimitiveTags([.p4c]) }
    }

    static let descriptor = ProtocolDescriptor(id: "forgetful", title: "broken on purpose",
                                               requests: [CommonRequests.local, CommonRequests.send],
                                               invariants: ["clock-condition"])
    let cluster: ClusterInfo
    var invariants: [Invariant<ForgetfulClock>] {
        [ClockConditions.lamport { sim, i in ClockConditions.intField("t", sim, i) }]
    }

    init(cluster: ClusterInfo, options: ProtocolOptions) { self.cluster = cluster }
    func headline(of state: State) -> String { "t=\(state.t)" }
    func initialState(for node: NodeID) -> State { State() }
    func recover(_ crashed: State, at node: NodeID) -> State { crashed }
    func variables(of state: State) -> [StateVariable] { [StateVariable("t", .int(state.t), durable: true)] }
    func observe(_ state: State) -> [Field] { [Field("t", .int(state.t))] }

    func handle(_ input: Input<Message>, at node: NodeID, state: inout State) -> [Effect<Message>] {
        switch input {
        case .request(let r) where r.is(CommonRequests.local):
            state.t += 1
            return []
        case .request(let r) where r.is(CommonRequests.send):
            state.t += 1
            return [.send(to: r.peer!, Message(t: state.t))]
        case .receive:
            state.t += 1
            return []
        default:
            return []
        }
    }
}

@Suite struct ClockInvariantTests {
    @Test func aClockThatDoesNotMergeViolatesTheClockCondition() throws {
        let cluster = ClusterInfo(names: ["A", "B"])
        var sim = Simulation(proto: try ForgetfulClock(cluster: cluster, options: []), config: EngineConfig(seed: 1))
        for _ in 0..<3 { try sim.perform(.request(NodeID(0), .local(label: nil))) }
        try sim.perform(.request(NodeID(0), .send(to: NodeID(1), label: "m")))
        #expect(sim.world.violated.isEmpty)
        let range = try sim.perform(.next)
        #expect(sim.world.violated == ["clock-condition"])
        let violation = sim.trace[range.upperBound - 1]
        #expect(violation.kind == .violation)
        #expect(violation.text == "clock-condition: event 4 → event 5 but L=4 is not below L=1")
    }

    @Test func correctClocksHoldUnderEveryFault() throws {
        // Crashes, restarts, duplicates, delays and partitions never break
        // seed 002's properties for the real protocols.
        for seed in 1...40 as ClosedRange<UInt64> {
            let cluster = ClusterInfo(names: ["A", "B", "C"])
            var lamport = Simulation(proto: try LamportClock(cluster: cluster, options: []),
                                     config: EngineConfig(seed: seed, lossPerMillion: 100_000))
            var vector = Simulation(proto: try VectorClock(cluster: cluster, options: []),
                                    config: EngineConfig(seed: seed, lossPerMillion: 100_000))
            var rng = SeededGenerator(seed: seed)
            for _ in 0..<200 {
                let action = FaultSchedule.action(&rng, nodes: 3, inflight: lamport.inflightIDs,
                                                  crashed: lamport.world.crashed)
                _ = try? lamport.perform(action)
                _ = try? vector.perform(action)
            }
            #expect(lamport.world.violated.isEmpty, "seed \(seed)")
            #expect(vector.world.violated.isEmpty, "seed \(seed)")
        }
    }
}

/// Random requests and faults, drawn from a seeded generator.
enum FaultSchedule {
    static func action(_ rng: inout SeededGenerator, nodes: Int, inflight: [MessageID], crashed: [Bool]) -> StepAction {
        let n = NodeID(rng.draw(0...(nodes - 1)))
        let m = NodeID((n.index + rng.draw(1...(nodes - 1))) % nodes)
        let id = inflight.isEmpty ? nil : inflight[rng.draw(0...(inflight.count - 1))]
        switch rng.draw(0...13) {
        case 0...3: return .request(n, .send(to: m, label: "m"))
        case 4: return .request(n, .local(label: nil))
        case 5: return id.map { .delay($0, ticks: rng.draw(1...6)) } ?? .next
        case 6: return id.map { .duplicate($0) } ?? .next
        case 7: return id.map { .drop($0) } ?? .next
        case 8: return id.map { .deliverNow($0) } ?? .next
        case 9: return crashed[n.index] ? .restart(n) : .crash(n)
        case 10: return [StepAction.partition([[n]]), .cut(n, m), .heal][rng.draw(0...2)]
        default: return .next
        }
    }
}
