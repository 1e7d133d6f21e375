import Sim

/// What the broadcast invariants remember: every broadcast's place in
/// happens-before, and what each node has delivered. Happens-before here is
/// the application's: its events are broadcasts and deliveries (a message
/// received but held back is not yet known to the application), so the
/// ghost keeps its own vector clock per node over those events only. The checks run as the
/// ghost folds in each step's events, in event order, so a violation inside a
/// step is caught at the delivery that commits it.
public struct BroadcastGhost: Sendable, Hashable {
    /// A broadcast message, named by its sender and sequence number.
    public struct Key: Hashable, Sendable {
        public let sender: Int
        public let seq: Int
    }

    /// Broadcasts in the order they happened, with the application-level
    /// vector clock of the broadcast event.
    var broadcasts: [(key: Key, vclock: [Int])] = []
    var appClock: [[Int]]
    var broadcastCount: [Int]
    var labels: [Key: String] = [:]
    var names: [String]
    var delivered: [Set<Key>]
    /// Deliveries per node per sender, in order (for FIFO).
    var deliveredFrom: [[Int]]
    /// The first failure of each invariant, by name.
    public internal(set) var failures: [String: String] = [:]

    public init(names: [String]) {
        let size = names.count
        self.names = names
        broadcastCount = Array(repeating: 0, count: size)
        appClock = Array(repeating: Array(repeating: 0, count: size), count: size)
        delivered = Array(repeating: [], count: size)
        deliveredFrom = Array(repeating: Array(repeating: 0, count: size), count: size)
    }

    public static func == (a: BroadcastGhost, b: BroadcastGhost) -> Bool {
        a.broadcastCount == b.broadcastCount && a.delivered == b.delivered && a.deliveredFrom == b.deliveredFrom
            && a.failures == b.failures && a.labels == b.labels && a.appClock == b.appClock && a.broadcasts.count == b.broadcasts.count
            && zip(a.broadcasts, b.broadcasts).allSatisfy { $0.key == $1.key && $0.vclock == $1.vclock }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(broadcastCount)
        hasher.combine(delivered)
        hasher.combine(deliveredFrom)
        hasher.combine(failures)
        hasher.combine(labels)
        hasher.combine(appClock)
        for b in broadcasts {
            hasher.combine(b.key)
            hasher.combine(b.vclock)
        }
    }

    func label(_ key: Key) -> String { labels[key] ?? "\(names[key.sender])#\(key.seq)" }

    mutating func fail(_ name: String, _ why: String) {
        if failures[name] == nil { failures[name] = why }
    }

    /// Fold in the events of one step.
    /// A broadcast is the step's request, made at a live node (a crashed
    /// node ignores it); it comes before the deliveries it causes.
    mutating func update<P: NodeProtocol>(_ sim: Simulation<P>, _ range: Range<Int>, action: StepAction) {
        let c = sim.cluster
        if case .request(let node, let r) = action, r.is(CommonRequests.broadcast), let label = r.text,
           !sim.world.crashed[node.index] {
            let key = Key(sender: node.index, seq: broadcastCount[node.index])
            appClock[node.index][node.index] += 1
            broadcasts.append((key, appClock[node.index]))
            labels[key] = label
            broadcastCount[node.index] += 1
        }
        for index in range {
            let e = sim.trace[index]
            guard let node = e.node else { continue }
            guard e.kind == .deliver, let key = Self.key(e, c) else { continue }
            let x = node.index
            if delivered[x].contains(key) {
                fail("no-duplicate-delivery", "\(c.names[x]) delivered \(label(key)) twice")
            }
            if key.seq != deliveredFrom[x][key.sender] {
                fail("fifo-order", "\(c.names[x]) delivered \(label(key)) (seq \(key.seq)) after "
                     + "\(deliveredFrom[x][key.sender]) message(s) from \(c.names[key.sender])")
            }
            checkCausal(at: x, key, c)
            if let v = broadcasts.first(where: { $0.key == key })?.vclock {
                for j in v.indices where v[j] > appClock[x][j] { appClock[x][j] = v[j] }
            }
            delivered[x].insert(key)
            deliveredFrom[x][key.sender] += 1
        }
    }

    private mutating func checkCausal(at x: Int, _ key: Key, _ c: ClusterInfo) {
        guard let v2 = broadcasts.first(where: { $0.key == key })?.vclock else { return }
        for (k1, v1) in broadcasts where k1 != key && !delivered[x].contains(k1) {
            if CausalRelation.between(v1, v2) == .before {
                fail("causal-order", "\(c.names[x]) delivered \(label(key)) before \(label(k1)), although "
                     + "broadcast(\(label(k1))) → broadcast(\(label(key)))")
                return
            }
        }
    }

    static func key(_ e: TraceEvent, _ c: ClusterInfo) -> Key? {
        guard case .text(let s)? = e.fields.first(where: { $0.name == "sender" })?.value,
              let sender = c.node(named: s),
              case .int(let seq)? = e.fields.first(where: { $0.name == "seq" })?.value else { return nil }
        return Key(sender: sender.index, seq: seq)
    }

    /// An invariant that reports what the ghost found.
    static func invariant<P: NodeProtocol>(_ name: String) -> Invariant<P> where P.Ghost == BroadcastGhost {
        Invariant<P>(name) { sim, _ in sim.world.ghost.failures[name] }
    }
}
