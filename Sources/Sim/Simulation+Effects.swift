extension Simulation {
    /// Perform a handler's effects in order. `cause` is the message being
    /// handled, if any, so a `deliver` can name it. The sends of one handler
    /// are one send event (a multicast, seed 002/003 count a broadcast as one
    /// event): the first ticks the clocks, the rest are copies with its
    /// stamps; with `sendTicked` (a request recorded as its own event, like
    /// `broadcast m1`) every send is a copy of that event.
    mutating func perform(_ effects: [Effect<P.Message>], at node: NodeID, cause: MessageID?,
                          sendTicked: Bool = false) {
        var exchange: Int? = nil
        var ticked = sendTicked
        for effect in effects {
            switch effect {
            case .send(let to, let payload):
                if send(payload, from: node, to: to, exchange: exchange, copy: ticked) { ticked = true }
            case .setTimer(let name, let ticks):
                setTimer(name, at: node, ticks: ticks)
            case .cancelTimer(let name):
                cancelTimer(name, at: node)
            case .deliver(let label, let fields):
                var event = TraceEvent(step: world.step, time: world.time, kind: .deliver, node: node,
                                       message: cause, text: label, fields: fields)
                event.lamport = world.hb.lamport[node.index]
                record(event, vclock: world.hb.vclock(of: node))
            case .note(let text):
                note(text, at: node)
            case .openExchange(let key, let primitive, let participants, let threshold):
                exchange = openExchange(key: key, primitive: primitive, opener: node,
                                        participants: participants, threshold: threshold)
            case .exchangeResponse(let key, let from, let granted):
                updateExchange(opener: node, key: key) { $0.record(from: from, granted: granted, step: $1) }
            case .closeExchange(let key, let outcome):
                updateExchange(opener: node, key: key) { $0.close(outcome, step: $1) }
            }
        }
    }

    // MARK: recording

    /// Append to the trace, or, while replaying a known future, step over the
    /// identical event already there.
    @discardableResult
    mutating func record(_ event: TraceEvent, vclock: ArraySlice<Int>? = nil) -> Int {
        let index = world.traceCount
        if index < trace.count {
            // In release builds too: a replay that diverges would show the
            // learner a history that did not happen.
            precondition(trace[index].kind == event.kind && trace[index].message == event.message,
                         "replay diverged at event \(index)")
        } else {
            trace.append(event, vclock: vclock)
        }
        world.traceCount += 1
        return index
    }

    /// Record a clock-ticking event at `node`, stamping the engine's
    /// happens-before clocks; a receive first merges the send's clocks.
    mutating func recordTicking(_ event: TraceEvent, at node: NodeID, merging sendEvent: Int? = nil) {
        var event = event
        let index = world.traceCount
        event.localPredecessor = world.hb.lastEvent[node.index]
        if let sendEvent {
            world.hb.receive(node, sendLamport: trace[sendEvent].lamport,
                             sendVClock: trace.vclock(of: sendEvent)!, eventIndex: index)
        } else {
            world.hb.tick(node, eventIndex: index)
        }
        event.lamport = world.hb.lamport[node.index]
        record(event, vclock: world.hb.vclock(of: node))
    }

    mutating func recordNodeEvent(_ kind: EventKind, at node: NodeID, text: String?) {
        var fields = proto.observe(world.states[node.index])
        // Most events find a node as the last one did (same role, same term):
        // share that array's storage instead of keeping a copy per event.
        if fields == observedFields[node.index] { fields = observedFields[node.index] }
        else { observedFields[node.index] = fields }
        let event = TraceEvent(step: world.step, time: world.time, kind: kind, node: node, text: text,
                               fields: fields)
        recordTicking(event, at: node)
    }

    mutating func note(_ text: String, at node: NodeID?) {
        record(TraceEvent(step: world.step, time: world.time, kind: .note, node: node, text: text))
    }

    mutating func appendMessage(_ record: MessageRecord<P.Message>) {
        precondition(record.id == world.messageCount + 1, "message ids are sequential")
        if record.id > messages.count { messages.append(record) }
        world.messageCount += 1
    }

    // MARK: effects

    /// Returns whether the message went out.
    private mutating func send(_ payload: P.Message, from: NodeID, to: NodeID, exchange: Int?, copy: Bool) -> Bool {
        guard world.inflight.count < config.inFlightMax else {
            note("\(payload.typeName) to \(cluster.name(to)) not sent: in-flight limit of "
                 + "\(config.inFlightMax) reached", at: from)
            return false
        }
        let id = world.messageCount + 1
        let sendIndex = world.traceCount
        var event = TraceEvent(step: world.step, time: world.time, kind: .send, node: from, peer: to,
                               message: id, exchange: exchange)
        if copy {
            event.isCopy = true
            event.lamport = world.hb.lamport[from.index]
            record(event, vclock: world.hb.vclock(of: from))
        } else {
            recordTicking(event, at: from)
        }
        var due = world.time + world.rng.draw(world.network.latency)
        if payload.fifo { due = max(due, fifoFloor(from: from, to: to)) }
        let lost = world.rng.chance(perMillion: world.network.lossPerMillion)
        appendMessage(MessageRecord(id: id, from: from, to: to, payload: payload, sentAt: world.time,
                                    sentStep: world.step, sendEvent: sendIndex, duplicateOf: nil,
                                    exchange: exchange))
        world.inflight[id] = InFlight(due: due, version: 0, lost: lost)
        enqueue(due, .deliver(id, version: 0))
        return true
    }

    /// The latest due time of a FIFO message in flight on the link: a new
    /// one arrives no earlier (equal times keep sending order in the queue).
    private func fifoFloor(from: NodeID, to: NodeID) -> Tick {
        var floor = 0
        for (id, flight) in world.inflight {
            let m = messages[id - 1]
            if m.from == from && m.to == to && m.payload.fifo { floor = max(floor, flight.due) }
        }
        return floor
    }

    private mutating func slotIndex(_ name: String, at node: NodeID) -> Int {
        if let slot = world.timers[node.index].firstIndex(where: { $0.name == name }) { return slot }
        world.timers[node.index].append(TimerSlot(name: name, generation: 0, due: nil))
        return world.timers[node.index].count - 1
    }

    private mutating func setTimer(_ name: String, at node: NodeID, ticks: ClosedRange<Int>) {
        precondition(ticks.lowerBound >= 0, "a timer cannot fire in the past")
        let slot = slotIndex(name, at: node)
        let due = world.time + world.rng.draw(ticks)
        world.timers[node.index][slot].generation += 1
        world.timers[node.index][slot].due = due
        enqueue(due, .timer(node, slot: slot, generation: world.timers[node.index][slot].generation))
    }

    mutating func cancelTimer(_ name: String, at node: NodeID) {
        guard let slot = world.timers[node.index].firstIndex(where: { $0.name == name }) else { return }
        world.timers[node.index][slot].generation += 1
        world.timers[node.index][slot].due = nil
    }

    // MARK: exchanges

    private mutating func openExchange(key: Int, primitive: Primitive, opener: NodeID,
                                       participants: [NodeID], threshold: Int) -> Int {
        // A node reopening the same key supersedes its earlier instance.
        updateExchange(opener: opener, key: key) { $0.close(.superseded, step: $1) }
        world.exchangeCount += 1
        world.openExchanges.append(Exchange(id: world.exchangeCount, primitive: primitive, opener: opener,
                                            key: key, participants: participants, threshold: threshold,
                                            openedAtStep: world.step))
        return world.exchangeCount
    }

    mutating func closeExchange(opener: NodeID, key: Int, outcome: ExchangeOutcome) {
        updateExchange(opener: opener, key: key) { $0.close(outcome, step: $1) }
    }

    private mutating func updateExchange(opener: NodeID, key: Int, _ change: (inout Exchange, Int) -> Void) {
        guard let i = world.openExchanges.firstIndex(where: { $0.opener == opener && $0.key == key }) else {
            return
        }
        change(&world.openExchanges[i], world.step)
        guard !world.openExchanges[i].isOpen else { return }
        let closed = world.openExchanges.remove(at: i)
        if world.closedExchangeCount >= closedExchanges.count { closedExchanges.append(closed) }
        world.closedExchangeCount += 1
    }
}
