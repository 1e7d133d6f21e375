import Sim

/// The invariants and the one assumption: hardware that never fails.
extension MESI {
    public var invariants: [Invariant<MESI>] {
        [Invariant("single-writer") { sim, _ in sim.proto.singleWriterBroken(sim.world.states) },
         Invariant("no-lost-value") { sim, _ in
            sim.world.ghost.lostValue.map { $0 + MESI.expected(sim.world.ghost) } },
         Invariant("readers-cover-holders") { sim, _ in sim.proto.uncoveredHolder(sim.world.states) }]
    }

    /// A cache in E or M excludes every other copy.
    func singleWriterBroken(_ states: [State]) -> String? {
        for c in caches where states[c.index].state == .E || states[c.index].state == .M {
            let others = caches.filter { $0 != c && states[$0.index].state.holds }
            if !others.isEmpty {
                return "\(cluster.name(c)) holds x in \(states[c.index].state.rawValue) while "
                    + others.map { "\(cluster.name($0)) holds it in \(states[$0.index].state.rawValue)" }.joined(separator: ", ")
            }
        }
        return nil
    }

    /// Every cache holding a copy is listed by the directory, as a reader
    /// or the owner (the list may hold more: eviction is silent).
    func uncoveredHolder(_ states: [State]) -> String? {
        let d = states[directory.index]
        for c in caches where states[c.index].state.holds && d.owner != c.index && !d.readers.contains(c.index) {
            return "\(cluster.name(c)) holds x in \(states[c.index].state.rawValue) but the directory does not list it"
        }
        return nil
    }

    static func expected(_ ghost: Ghost) -> String {
        ghost.assumptionsBroken.first.map { " (expected: the run broke MESI's assumption \($0))" } ?? ""
    }

    /// Reads and writes completed this step (one node handles each step):
    /// a write sets the last value; a read must return it.
    public func updateGhost(_ ghost: inout MESIGhost, _ sim: Simulation<MESI>, _ range: Range<Int>,
                            action: StepAction) {
        for c in caches {
            let s = sim.world.states[c.index]
            if s.writes != ghost.writesSeen[c.index] {
                if s.writes > ghost.writesSeen[c.index], let v = s.value { ghost.lastWrite = v }
                ghost.writesSeen[c.index] = s.writes
            }
            if s.reads != ghost.readsSeen[c.index] {
                if s.reads > ghost.readsSeen[c.index], let v = s.lastRead, v != ghost.lastWrite, ghost.lostValue == nil {
                    ghost.lostValue = "\(cluster.name(c)) read x=\(v), but the last write was \(ghost.lastWrite)"
                }
                ghost.readsSeen[c.index] = s.reads
            }
        }
        for i in range {
            let e = sim.event(i)
            switch e.kind {
            case .crash: broke("no-failures", "\(e.node.map(cluster.name) ?? "a node") crashed", &ghost)
            case .drop: broke("no-failures", "a message was lost (\(e.reason?.rawValue ?? "fault"))", &ghost)
            case .duplicate: broke("no-failures", "a message was duplicated", &ghost)
            case .receive:
                // The interconnect keeps each link's order; a message that
                // overtook an older one on its link (delivered early, or the
                // older one delayed) breaks it.
                guard let id = e.message, let m = sim.message(id),
                      let older = sim.inflight(from: m.from, to: m.to).first, older < id else { continue }
                broke("ordered-links", "\(m.payload.summary) overtook #\(older) on \(sim.linkName(m.from, m.to))", &ghost)
            default: continue
            }
        }
    }

    private func broke(_ assumption: String, _ what: String, _ ghost: inout MESIGhost) {
        guard !ghost.assumptionsBroken.contains(assumption) else { return }
        ghost.assumptionsBroken.append(assumption)
        ghost.notes.append(assumption == "no-failures"
            ? "assumption violated: no-failures (\(what)). MESI is hardware that never fails: the directory may "
                + "now wait for an answer that never comes (seed 000)"
            : "assumption violated: ordered-links (\(what)). A directory's interconnect delivers each link's "
                + "messages in order; out of order, a grant and the next recall can cross")
    }
}
