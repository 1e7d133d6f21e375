import Sim

/// What a hold-back waits for, and whether the wait can ever end: seed 002
/// builds FIFO and causal broadcast on reliable broadcast, so a copy lost on
/// bare links (`reliable=off`) can leave a message held back for ever. That
/// is the broken assumption, not the ordering algorithm, and the trace says
/// so (`assumption violated: reliable links`).
extension BroadcastGhost {
    /// A received broadcast not delivered in its step is held back: note
    /// what it waits for, and whether that copy was lost.
    mutating func noteHeld(_ key: Key, at x: Int, _ c: ClusterInfo) {
        guard !isDelivered(key, at: x), held[x].insert(key).inserted, let awaited = awaited(by: key, at: x) else { return }
        notes.append("\(c.names[x]) holds \(label(key)) back: it waits for \(label(awaited)) from "
                     + c.names[awaited.sender])
        if lostCopies[x].contains(awaited) { noteAssumption(awaited, at: x, c) }
    }

    /// A copy to `x` was lost before `x` delivered it.
    mutating func noteLost(_ key: Key, at x: Int, _ c: ClusterInfo) {
        guard !isDelivered(key, at: x) else { return }
        lostCopies[x].insert(key)
        if held[x].contains(where: { awaited(by: $0, at: x) == key }) { noteAssumption(key, at: x, c) }
    }

    private mutating func noteAssumption(_ lost: Key, at x: Int, _ c: ClusterInfo) {
        guard !reliable, warned.insert(Key(sender: x, seq: lost.sender * 1_000_000 + lost.seq)).inserted else { return }
        if !assumptionsBroken.contains("reliable-links") { assumptionsBroken.append("reliable-links") }
        notes.append("assumption violated: reliable links. \(c.names[x])'s copy of \(label(lost)) from "
                     + "\(c.names[lost.sender]) was lost, so what waits for it at \(c.names[x]) waits for ever; "
                     + "reliable=on re-broadcasts every message on first receipt")
    }

    /// The first broadcast `key` needs delivered at `x` before it: the
    /// sender's previous one (FIFO), or the earliest of its causal past.
    func awaited(by key: Key, at x: Int) -> Key? {
        if causal, key.seq < deps[key.sender].count {
            let d = deps[key.sender][key.seq]
            for j in d.indices where d[j] > deliveredPrefix[x][j] {
                var seq = deliveredPrefix[x][j]
                while seq < d[j] && deliveredBeyond[x].contains(Key(sender: j, seq: seq)) { seq += 1 }
                if seq < d[j] { return Key(sender: j, seq: seq) }
            }
        }
        let next = deliveredPrefix[x][key.sender]
        return next < key.seq ? Key(sender: key.sender, seq: next) : nil
    }

    /// The broadcast a message record carries: its sender and sequence
    /// number (FIFO's `seq`, or the sender's own entry of causal `deps`).
    static func key(ofPayload fields: [Field], _ c: ClusterInfo) -> Key? {
        guard case .text(let s)? = fields.first(where: { $0.name == "sender" })?.value,
              let sender = c.node(named: s) else { return nil }
        if case .int(let seq)? = fields.first(where: { $0.name == "seq" })?.value { return Key(sender: sender.index, seq: seq) }
        if case .vector(let deps)? = fields.first(where: { $0.name == "deps" })?.value, sender.index < deps.count {
            return Key(sender: sender.index, seq: deps[sender.index])
        }
        return nil
    }
}
