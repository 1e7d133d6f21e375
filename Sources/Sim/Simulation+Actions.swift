extension Simulation {
    /// Perform a validated action that is not `.next`.
    mutating func apply(_ action: StepAction) {
        switch action {
        case .next:
            preconditionFailure(".next is handled by perform")
        case .request(let node, let request):
            clientRequest(request, at: node)
        case .fireTimeout(let node):
            let name = proto.primaryTimer!
            if world.crashed[node.index] {
                note("\(cluster.name(node)) is crashed; its timer does not fire", at: node)
            } else {
                cancelTimer(name, at: node)
                fire(name, at: node)
            }
        case .deliverNow(let id):
            arrive(id)
        case .drop(let id):
            lose(id, reason: .fault)
        case .dropLink(let from, let to):
            let ids = inflight(from: from, to: to)
            if ids.isEmpty { note("nothing in flight \(linkName(from, to)) to drop", at: nil) }
            for id in ids { lose(id, reason: .fault) }
        case .delay(let id, let ticks):
            delay(id, by: ticks)
        case .delayLink(let from, let to, let ticks):
            let ids = inflight(from: from, to: to)
            if ids.isEmpty { note("nothing in flight \(linkName(from, to)) to delay", at: nil) }
            for id in ids { delay(id, by: ticks) }
        case .duplicate(let id):
            duplicate(id)
        case .crash(let node):
            crash(node)
        case .restart(let node):
            restart(node)
        case .partition(let groups):
            world.network.partition(groups)
            let text = groups.map { $0.map(cluster.name).joined(separator: ",") }.joined(separator: " | ")
            record(TraceEvent(step: world.step, time: world.time, kind: .partition, text: text))
        case .cut(let from, let to):
            world.network.cut(from: from, to: to)
            record(TraceEvent(step: world.step, time: world.time, kind: .partition, text: linkName(from, to)))
        case .heal:
            world.network.heal()
            record(TraceEvent(step: world.step, time: world.time, kind: .heal))
        }
    }

    public func linkName(_ from: NodeID, _ to: NodeID) -> String {
        "\(cluster.name(from))->\(cluster.name(to))"
    }

    /// In-flight ids on one link, oldest first.
    public func inflight(from: NodeID, to: NodeID) -> [MessageID] {
        inflightIDs.filter { messages[$0 - 1].from == from && messages[$0 - 1].to == to }
    }

    private mutating func clientRequest(_ request: ClientRequest, at node: NodeID) {
        guard !world.crashed[node.index] else {
            note("\(cluster.name(node)) is crashed; the \(request.verb) request is ignored", at: node)
            return
        }
        // In place: a copy of the state would copy its arrays (a Raft log) on every change.
        let effects = proto.handle(.request(request), at: node, state: &world.states[node.index])
        let record = requestRecords.first(where: { $0.verb == request.verb })!.record
        switch record {
        case .label:
            recordNodeEvent(.local, at: node, text: request.text)
        case .verbAndText:
            // A broadcast is an event of its own (seed 002: broadcast(m1) →
            // broadcast(m2)), which the causal-order invariant relies on.
            recordNodeEvent(.local, at: node, text: request.verb + (request.text.map { " " + $0 } ?? ""))
        case .none:
            // The sends themselves are the events (seed 002: "on request to
            // send message m do t := t+1; send"), so no extra tick here.
            break
        }
        perform(effects, at: node, cause: nil, sendTicked: record == .verbAndText)
    }

    /// A timer fires at a live node: a local step.
    mutating func fire(_ name: String, at node: NodeID) {
        let effects = proto.handle(.timer(name), at: node, state: &world.states[node.index])
        recordNodeEvent(.timeout, at: node, text: name)
        perform(effects, at: node, cause: nil)
    }

    /// A message reaches its receiver: lost if the receiver is down, the link
    /// is blocked or random loss took it; otherwise received and handled.
    mutating func arrive(_ id: MessageID) {
        guard let flight = world.inflight.removeValue(forKey: id) else {
            preconditionFailure("arrive: #\(id) not in flight")
        }
        let m = messages[id - 1]
        if world.crashed[m.to.index] { return lostAtArrival(m, .crashed) }
        if world.network.isBlocked(from: m.from, to: m.to) { return lostAtArrival(m, .partition) }
        if flight.lost { return lostAtArrival(m, .loss) }
        let effects = proto.handle(.receive(from: m.from, m.payload), at: m.to, state: &world.states[m.to.index])
        let event = TraceEvent(step: world.step, time: world.time, kind: .receive, node: m.to, peer: m.from,
                               message: id, fields: proto.observe(world.states[m.to.index]), exchange: m.exchange)
        recordTicking(event, at: m.to, merging: m.sendEvent)
        perform(effects, at: m.to, cause: id)
    }

    private mutating func lostAtArrival(_ m: MessageRecord<P.Message>, _ reason: DropReason) {
        record(TraceEvent(step: world.step, time: world.time, kind: .drop, node: m.to, peer: m.from,
                          message: m.id, reason: reason, exchange: m.exchange))
    }

    private mutating func lose(_ id: MessageID, reason: DropReason) {
        world.inflight.removeValue(forKey: id)
        let m = messages[id - 1]
        record(TraceEvent(step: world.step, time: world.time, kind: .drop, node: m.to, peer: m.from,
                          message: id, reason: reason, exchange: m.exchange))
    }

    private mutating func delay(_ id: MessageID, by ticks: Int) {
        guard var flight = world.inflight[id] else { return }
        flight.due += ticks
        flight.version += 1
        world.inflight[id] = flight
        enqueue(flight.due, .deliver(id, version: flight.version))
        let m = messages[id - 1]
        record(TraceEvent(step: world.step, time: world.time, kind: .delay, node: m.to, peer: m.from,
                          message: id, text: "+\(ticks) due t=\(flight.due)"))
    }

    private mutating func duplicate(_ original: MessageID) {
        let m = messages[original - 1]
        let id = world.messageCount + 1
        let due = world.time + world.rng.draw(world.network.latency)
        let lost = world.rng.chance(perMillion: world.network.lossPerMillion)
        appendMessage(MessageRecord(id: id, from: m.from, to: m.to, payload: m.payload, sentAt: world.time,
                                    sentStep: world.step, sendEvent: m.sendEvent, duplicateOf: original,
                                    exchange: m.exchange))
        world.inflight[id] = InFlight(due: due, version: 0, lost: lost)
        enqueue(due, .deliver(id, version: 0))
        record(TraceEvent(step: world.step, time: world.time, kind: .duplicate, node: m.from, peer: m.to,
                          message: id, text: "copy of #\(original)", exchange: m.exchange))
    }

    private mutating func crash(_ node: NodeID) {
        world.crashed[node.index] = true
        for slot in world.timers[node.index].indices {
            world.timers[node.index][slot].generation += 1
            world.timers[node.index][slot].due = nil
        }
        record(TraceEvent(step: world.step, time: world.time, kind: .crash, node: node))
        // Whatever the node was collecting dies with it.
        for x in world.openExchanges where x.opener == node {
            closeExchange(opener: node, key: x.key, outcome: .failed)
        }
    }

    private mutating func restart(_ node: NodeID) {
        world.crashed[node.index] = false
        var state = proto.recover(world.states[node.index], at: node)
        let effects = proto.handle(.recover, at: node, state: &state)
        world.states[node.index] = state
        record(TraceEvent(step: world.step, time: world.time, kind: .restart, node: node,
                          fields: proto.observe(state)))
        perform(effects, at: node, cause: nil)
    }
}
