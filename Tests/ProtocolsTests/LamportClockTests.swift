import Protocols
import Sim
import Testing

// seed 002: "Lamport clocks algorithm" — each handler, given a state and an
// input, returns the exact next state and effects.
@Suite struct LamportClockTests {
    let proto = try! LamportClock(cluster: ClusterInfo(names: ["A", "B"]), options: [])
    let A = NodeID(0), B = NodeID(1)

    @Test func localEventIncrements() {
        var state = LamportClock.State(t: 4)
        let effects = proto.handle(.request(.local(label: "x")), at: A, state: &state)
        #expect(state.t == 5 && effects.isEmpty)
    }

    @Test func sendIncrementsThenCarriesTheClock() {
        var state = LamportClock.State(t: 1)
        let effects = proto.handle(.request(.send(to: B, label: "m1")), at: A, state: &state)
        #expect(state.t == 2)
        #expect(effects == [.send(to: B, LamportClock.Message(t: 2, label: "m1"))])
    }

    @Test func receiveTakesTheMaximumPlusOneAndDelivers() {
        var behind = LamportClock.State(t: 1)
        let effects = proto.handle(.receive(from: A, LamportClock.Message(t: 4, label: "m2")), at: B, state: &behind)
        #expect(behind.t == 5 && effects == [.deliver(label: "m2")])
        var ahead = LamportClock.State(t: 9)
        _ = proto.handle(.receive(from: A, LamportClock.Message(t: 4, label: "m2")), at: B, state: &ahead)
        #expect(ahead.t == 10)
    }

    @Test func clockIsDurableAndTaggedPerTheCatalog() {
        #expect(proto.recover(LamportClock.State(t: 7), at: A).t == 7)
        #expect(proto.variables(of: LamportClock.State(t: 7)) == [StateVariable("t", .int(7), durable: true)])
        // seed 000: Lamport clocks are 4c, and the timestamp is piggybacked.
        let tags = LamportClock.Message(t: 1, label: nil).tags
        #expect(tags.codes == [.p4c] && tags.tricks == [.piggyback])
    }

    @Test func refusesOptions() {
        #expect(throws: OptionError.self) {
            _ = try LamportClock(cluster: ClusterInfo(names: ["A"]), options: [("holdback", "off")])
        }
    }
}

// seed 002: "Vector clocks algorithm".
@Suite struct VectorClockTests {
    let proto = try! VectorClock(cluster: ClusterInfo(names: ["A", "B", "C"]), options: [])
    let A = NodeID(0), B = NodeID(1), C = NodeID(2)

    @Test func localAndSendIncrementOwnEntry() {
        var state = proto.initialState(for: A)
        _ = proto.handle(.request(.local(label: nil)), at: A, state: &state)
        let effects = proto.handle(.request(.send(to: B, label: "m1")), at: A, state: &state)
        #expect(state.T == [2, 0, 0])
        #expect(effects == [.send(to: B, VectorClock.Message(T: [2, 0, 0], label: "m1"))])
    }

    @Test func receiveMergesElementwiseThenIncrements() {
        // C at ⟨0,0,1⟩ receives m2 stamped ⟨2,2,0⟩: the seed's ⟨2,2,2⟩.
        var state = VectorClock.State(T: [0, 0, 1])
        let effects = proto.handle(.receive(from: B, VectorClock.Message(T: [2, 2, 0], label: "m2")), at: C,
                                   state: &state)
        #expect(state.T == [2, 2, 2] && effects == [.deliver(label: "m2")])
    }
}
