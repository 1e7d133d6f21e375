/// The canonical projection of a world: what decides how the run can go on,
/// and nothing that only records how it got here. Equal keys mean the same
/// futures, so the explorer (issue 19) visits each key once.
///
/// Left out, and why:
/// - counters (step, sequence numbers, message ids, trace length) and the
///   happens-before clocks: they record the path, not the state;
/// - absolute time: protocols never read the clock, so only the ticks until
///   each message and timer is due matter (due − now);
/// - the random generator: the explorer chooses deliveries and faults itself;
/// - open exchanges: display bookkeeping derived from the messages.
/// In-flight messages are a multiset (sender, receiver, payload, ticks until
/// due, lost), so independent deliveries made in either order, which create
/// their answers under different ids, still give equal keys.
public struct WorldKey<P: NodeProtocol>: Hashable, Sendable {
    struct Flight: Hashable, Sendable {
        let from: NodeID, to: NodeID
        let payload: P.Message
        let dueIn: Tick
        let lost: Bool
    }

    struct Timer: Hashable, Sendable {
        let node: Int
        let name: String
        let dueIn: Tick
    }

    let states: [P.State]
    let crashed: [Bool]
    let flights: [Flight: Int]
    let timers: Set<Timer>
    let network: Network
    let ghost: P.Ghost
    let violated: Set<String>

    public init(_ sim: Simulation<P>) {
        let world = sim.world
        states = world.states
        crashed = world.crashed
        var flights: [Flight: Int] = [:]
        for (id, flight) in world.inflight {
            let m = sim.messages[id - 1]
            flights[Flight(from: m.from, to: m.to, payload: m.payload, dueIn: flight.due - world.time,
                           lost: flight.lost), default: 0] += 1
        }
        self.flights = flights
        var timers: Set<Timer> = []
        for (node, slots) in world.timers.enumerated() {
            for slot in slots { if let due = slot.due { timers.insert(Timer(node: node, name: slot.name, dueIn: due - world.time)) } }
        }
        self.timers = timers
        network = world.network
        ghost = world.ghost
        violated = Set(world.violated)
    }
}
