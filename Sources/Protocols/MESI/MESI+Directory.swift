import Sim

/// The directory's side: one transaction at a time, the others queued; a
/// write invalidates exactly the reader set and waits for every ack (2a +
/// 3a, scope-the-barrier); an owner surrenders before anyone is granted
/// (5a), its dirty line flushed first (6a).
extension MESI {
    func directoryReceives(_ message: Message, from: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let c = from.index
        switch message {
        case .busRd, .busRdX:
            guard !s.queue.contains(where: { $0.cache == c }), s.busy?.request.cache != c else {
                return out.append(.note("already has a request from \(cluster.name(from)): ignored"))
            }
            s.queue.append(DirectoryRequest(cache: c, exclusive: message == .busRdX))
            startNext(&s, &out)
        case .writeBack(let v):
            s.memory = v
            if s.owner == c { s.owner = nil }
            s.readers.removeAll { $0 == c }
            out.append(.note("writes x=\(v) to the main store (\(cluster.name(from)) evicted its dirty line)"))
        case .invAck:
            guard var busy = s.busy, let k = busy.acksAwaited.firstIndex(of: c) else {
                return out.append(.note("an InvAck it was not waiting for: ignored"))
            }
            busy.acksAwaited.remove(at: k)
            s.busy = busy
            out.append(.exchangeResponse(key: s.transactions, from: from, granted: true))
            finishIfAnswered(&s, &out)
        case .flush(let v):
            guard s.busy?.surrenderAwaited == c else { return out.append(.note("a Flush it was not waiting for: ignored")) }
            s.memory = v
            surrendered(c, kept: s.busy!.request.exclusive ? .I : .S, sentData: false, &s, &out)
        case let .surrender(kept, sentData, _):
            guard s.busy?.surrenderAwaited == c else { return out.append(.note("a Surrender it was not waiting for: ignored")) }
            surrendered(c, kept: kept, sentData: sentData, &s, &out)
        case .data, .inv, .recall:
            out.append(.note("is the directory: ignores \(message.typeName)"))
        }
    }

    /// The old owner gave the line up: what it kept decides where it is listed.
    private func surrendered(_ c: Int, kept: LineState, sentData: Bool, _ s: inout State, _ out: inout [Effect<Message>]) {
        s.busy?.surrenderAwaited = nil
        s.busy?.dataSentByOwner = sentData
        if kept != .O { s.owner = nil }
        if kept == .S { insertReader(c, &s) }
        finishIfAnswered(&s, &out)
    }

    private func insertReader(_ c: Int, _ s: inout State) {
        guard !s.readers.contains(c) else { return }
        s.readers.append(c)
        s.readers.sort()
    }

    /// Start the next queued request, if idle. Bounded: one request per cache.
    func startNext(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard s.busy == nil, !s.queue.isEmpty else { return }
        let request = s.queue.removeFirst()
        let r = request.cache
        s.transactions += 1
        var busy = DirectoryBusy(request: request, acksAwaited: [], surrenderAwaited: nil)
        if request.exclusive {
            // Scope the barrier: only the caches listed as readers (lazy: some
            // may have evicted silently), never the rest.
            busy.acksAwaited = s.readers.filter { $0 != r }
            if !busy.acksAwaited.isEmpty {
                busy.invalidating = true
                let targets = busy.acksAwaited.map { NodeID($0) }
                out.append(.openExchange(key: s.transactions, primitive: .p3a, participants: targets,
                                         threshold: targets.count))
                for t in targets { out.append(.send(to: t, .inv)) }
            }
        }
        if let o = s.owner, o != r {
            busy.surrenderAwaited = o
            // A reader is listed before the line can reach it: under moesi the
            // owner sends it directly, and the list may only ever be too long.
            if !request.exclusive { insertReader(r, &s) }
            out.append(.send(to: NodeID(o), .recall(downgrade: !request.exclusive, requester: r)))
        } else if s.owner == r, !request.exclusive {
            s.owner = nil   // it evicted its E copy silently and reads again
        }
        s.busy = busy
        finishIfAnswered(&s, &out)
    }

    /// Every ack and the surrender in: grant, then take the next request.
    func finishIfAnswered(_ s: inout State, _ out: inout [Effect<Message>]) {
        guard let busy = s.busy, busy.acksAwaited.isEmpty, busy.surrenderAwaited == nil else { return }
        let r = busy.request.cache
        if busy.request.exclusive {
            if busy.invalidating { out.append(.closeExchange(key: s.transactions, outcome: .reached)) }
            s.owner = r
            s.readers = []
            out.append(.send(to: NodeID(r), .data(value: s.memory, grant: .M, fromOwner: false)))
        } else if busy.dataSentByOwner {
            insertReader(r, &s)
        } else if s.owner == nil && s.readers.isEmpty {
            s.owner = r
            out.append(.send(to: NodeID(r), .data(value: s.memory, grant: .E, fromOwner: false)))
        } else {
            insertReader(r, &s)
            out.append(.send(to: NodeID(r), .data(value: s.memory, grant: .S, fromOwner: false)))
        }
        s.busy = nil
        startNext(&s, &out)
    }
}
