import Sim

/// The two clock properties of seed 002, as invariants any clock protocol
/// can declare by saying how to read its clock at an event.
public enum ClockConditions {
    /// "If a → b then L(a) < L(b)". Happens-before is the transitive closure
    /// of the node-order and send-receive edges, so checking each new event
    /// against its direct predecessors covers every pair.
    public static func lamport<P: NodeProtocol>(
        _ name: String = "clock-condition",
        clock: @escaping @Sendable (Simulation<P>, Int) -> Int?
    ) -> Invariant<P> {
        Invariant<P>(name) { sim, range in
            for index in range {
                let event = sim.trace[index]
                guard event.ticks, let l = clock(sim, index) else { continue }
                var predecessors = [event.localPredecessor]
                if event.kind == .receive, let id = event.message, let m = sim.message(id) {
                    predecessors.append(m.sendEvent)
                }
                for p in predecessors where p >= 0 {
                    if let lp = clock(sim, p), lp >= l {
                        return "event \(p + 1) → event \(index + 1) but L=\(lp) is not below L=\(l)"
                    }
                }
            }
            return nil
        }
    }

    /// "V(a) < V(b) ⟺ a → b". The engine's happens-before clocks
    /// characterise → exactly, so V(e) must equal them at every event; then
    /// the equivalence holds for every pair.
    public static func vector<P: NodeProtocol>(
        _ name: String = "vector-condition",
        vector: @escaping @Sendable (Simulation<P>, Int) -> [Int]?
    ) -> Invariant<P> {
        Invariant<P>(name) { sim, range in
            for index in range {
                let event = sim.trace[index]
                guard event.ticks, let reference = sim.trace.vclock(of: index),
                      let v = vector(sim, index) else { continue }
                if !v.elementsEqual(reference) {
                    let node = event.node.map(sim.cluster.name) ?? "?"
                    return "event \(index + 1) at \(node) has V=\(Value.vector(v).rendered) but its causal "
                        + "past is \(Value.vector(Array(reference)).rendered)"
                }
            }
            return nil
        }
    }

    /// The clock value a protocol stamped at an event: the field `name` of
    /// the message a send carries, or of the node's state after the event.
    public static func field<P: NodeProtocol>(_ name: String, _ sim: Simulation<P>, _ index: Int) -> Value? {
        let event = sim.trace[index]
        if event.kind == .send, let id = event.message {
            return sim.message(id)?.payload.fields.first { $0.name == name }?.value
        }
        return event.fields.first { $0.name == name }?.value
    }

    public static func intField<P: NodeProtocol>(_ name: String, _ sim: Simulation<P>, _ index: Int) -> Int? {
        if case .int(let n)? = field(name, sim, index) { return n }
        return nil
    }

    public static func vectorField<P: NodeProtocol>(_ name: String, _ sim: Simulation<P>, _ index: Int) -> [Int]? {
        if case .vector(let v)? = field(name, sim, index) { return v }
        return nil
    }
}
