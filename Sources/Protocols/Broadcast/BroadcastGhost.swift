import Sim

/// What the broadcast invariants remember: each broadcast's causal past, and
/// what each node has delivered. Happens-before here is the application's:
/// its events are broadcasts and deliveries (a message received but held
/// back is not yet known to the application). The checks run as the ghost
/// folds in each step's events, in event order, so a violation inside a step
/// is caught at the delivery that commits it.
///
/// Cost per delivery is O(nodes), whatever the history: a broadcast's causal
/// past is kept as a count per sender (`deps`: j's broadcasts are ordered at
/// j, so its first `deps[j]` are exactly those in the past), and each node's
/// deliveries as a contiguous prefix per sender plus the few delivered beyond
/// it. The deps are chunked so that the timeline's snapshots share them.
public struct BroadcastGhost: Sendable, Hashable {
    /// A broadcast message, named by its sender and sequence number.
    public struct Key: Hashable, Sendable {
        public let sender: Int
        public let seq: Int
    }

    var names: [String]
    /// Per sender, by sequence number: how many of each node's broadcasts
    /// happened before that broadcast.
    var deps: [ChunkedArray<[Int]>]
    /// Per node: how many of each node's broadcasts are in its causal past.
    var past: [[Int]]
    var labels: [Key: String] = [:]
    /// Per node per sender: every broadcast with a lower seq is delivered.
    var deliveredPrefix: [[Int]]
    /// Per node: delivered broadcasts above their sender's prefix.
    var deliveredBeyond: [Set<Key>]
    /// Deliveries per node per sender, in order (for FIFO).
    var deliveredFrom: [[Int]]
    /// The first failure of each invariant, by name.
    public internal(set) var failures: [String: String] = [:]
    /// Causal broadcast (else FIFO): which hold-back rule `awaited` follows.
    var causal = false
    /// `reliable=on`: lost copies are repaired, so no assumption is broken.
    var reliable = false
    /// Per node: received, not yet delivered.
    var held: [Set<Key>]
    /// Per node: broadcasts whose copy to it was lost before delivery.
    var lostCopies: [Set<Key>]
    /// (node, lost broadcast) pairs already reported.
    var warned: Set<Key> = []
    /// The assumptions the run broke, each once (`reliable-links`): the
    /// `assumptions` query and the side panel show them.
    public internal(set) var assumptionsBroken: [String] = []
    /// Trace notes to record after this step.
    var notes: [String] = []

    public init(names: [String], causal: Bool = false, reliable: Bool = false) {
        self.causal = causal
        self.reliable = reliable
        held = Array(repeating: [], count: names.count)
        lostCopies = Array(repeating: [], count: names.count)
        let size = names.count
        let zeros = Array(repeating: 0, count: size)
        self.names = names
        deps = Array(repeating: ChunkedArray(), count: size)
        past = Array(repeating: zeros, count: size)
        deliveredPrefix = Array(repeating: zeros, count: size)
        deliveredBeyond = Array(repeating: [], count: size)
        deliveredFrom = Array(repeating: zeros, count: size)
    }

    func label(_ key: Key) -> String { labels[key] ?? "\(names[key.sender])#\(key.seq)" }

    mutating func fail(_ name: String, _ why: String) {
        if failures[name] == nil { failures[name] = why }
    }

    func isDelivered(_ key: Key, at x: Int) -> Bool {
        key.seq < deliveredPrefix[x][key.sender] || deliveredBeyond[x].contains(key)
    }

    /// Fold in the events of one step.
    /// A broadcast is the step's request, made at a live node (a crashed
    /// node ignores it); it comes before the deliveries it causes.
    mutating func update<P: NodeProtocol>(_ sim: Simulation<P>, _ range: Range<Int>, action: StepAction) {
        let c = sim.cluster
        if case .request(let node, let r) = action, r.is(CommonRequests.broadcast), let label = r.text,
           !sim.world.crashed[node.index] {
            let i = node.index
            labels[Key(sender: i, seq: deps[i].count)] = label
            deps[i].append(past[i])
            past[i][i] += 1
        }
        var received: [(Key, Int)] = []
        for index in range {
            let e = sim.trace[index]
            guard let node = e.node else { continue }
            if e.kind == .receive || e.kind == .drop, let id = e.message, let m = sim.message(id),
               let key = Self.key(ofPayload: m.payload.fields, c) {
                if e.kind == .receive { received.append((key, m.to.index)) } else { noteLost(key, at: m.to.index, c) }
            }
            guard e.kind == .deliver, let key = Self.key(e, c) else { continue }
            let x = node.index
            held[x].remove(key)
            if isDelivered(key, at: x) {
                fail("no-duplicate-delivery", "\(c.names[x]) delivered \(label(key)) twice")
            }
            if key.seq != deliveredFrom[x][key.sender] {
                fail("fifo-order", "\(c.names[x]) delivered \(label(key)) (seq \(key.seq)) after "
                     + "\(deliveredFrom[x][key.sender]) message(s) from \(c.names[key.sender])")
            }
            deliveredFrom[x][key.sender] += 1
            guard key.seq < deps[key.sender].count else { continue }   // never broadcast: nothing to order
            let d = deps[key.sender][key.seq]
            checkCausal(at: x, key, d, c)
            for j in d.indices where d[j] > past[x][j] { past[x][j] = d[j] }
            past[x][key.sender] = max(past[x][key.sender], key.seq + 1)
            markDelivered(key, at: x)
        }
        for (key, x) in received { noteHeld(key, at: x, c) }
    }

    /// Causal order: every broadcast before this one is delivered here. The
    /// one reported is the earliest missing, by sender order.
    private mutating func checkCausal(at x: Int, _ key: Key, _ d: [Int], _ c: ClusterInfo) {
        for j in d.indices {
            var seq = deliveredPrefix[x][j]
            while seq < d[j] && deliveredBeyond[x].contains(Key(sender: j, seq: seq)) { seq += 1 }
            guard seq < d[j], Key(sender: j, seq: seq) != key else { continue }
            let k1 = Key(sender: j, seq: seq)
            fail("causal-order", "\(c.names[x]) delivered \(label(key)) before \(label(k1)), although "
                 + "broadcast(\(label(k1))) → broadcast(\(label(key)))")
            return
        }
    }

    private mutating func markDelivered(_ key: Key, at x: Int) {
        guard !isDelivered(key, at: x) else { return }
        deliveredBeyond[x].insert(key)
        // Bounded by the deliveries beyond the prefix, each moved once.
        while deliveredBeyond[x].remove(Key(sender: key.sender, seq: deliveredPrefix[x][key.sender])) != nil {
            deliveredPrefix[x][key.sender] += 1
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
