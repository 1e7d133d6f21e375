import Sim

/// A cache's side: reads and writes that hit need no message; a miss asks
/// the directory; eviction of a clean copy is silent (7a).
extension MESI {
    func cacheRequest(_ r: ClientRequest, at node: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        guard s.pending == nil else { return out.append(.note("still waiting for the directory: one request at a time")) }
        switch r.verb {
        case Self.readRequest.verb:
            guard s.state.holds, let v = s.value else {
                s.pending = .read
                return out.append(.send(to: directory, .busRd))
            }
            s.lastRead = v
            s.reads += 1
            out.append(.note("reads x=\(v) from its own copy (\(s.state.rawValue): no message)"))
        case Self.writeRequest.verb:
            guard let v = r.text else {
                return out.append(.note("write takes a value, like write \(cluster.name(node)) 5"))
            }
            switch s.state {
            case .M, .E:
                if s.state == .E { out.append(.note("E to M without a message: it holds the only copy")) }
                s.state = .M
                s.value = v
                s.writes += 1
            case .O, .S, .I:
                s.pending = .write(v)
                out.append(.send(to: directory, .busRdX))
            }
        case Self.evictRequest.verb:
            evict(&s, &out)
        default: break
        }
    }

    private func evict(_ s: inout State, _ out: inout [Effect<Message>]) {
        switch s.state {
        case .I: return out.append(.note("holds nothing to evict"))
        case .M, .O:
            // A dirty line is the only up-to-date copy: it goes back first (6a).
            out.append(.send(to: directory, .writeBack(value: s.value ?? "0")))
        case .E, .S:
            out.append(.note("evicts its \(s.state.rawValue) copy silently: the directory is not told (7a)"))
        }
        s.state = .I
        s.value = nil
    }

    func cacheReceives(_ message: Message, from: NodeID, at node: NodeID, _ s: inout State,
                       _ out: inout [Effect<Message>]) {
        switch message {
        case let .data(v, grant, _):
            guard let pending = s.pending else { return out.append(.note("Data it did not ask for: ignored")) }
            s.pending = nil
            switch pending {
            case .read:
                s.state = grant
                s.value = v
                s.lastRead = v
                s.reads += 1
                if s.invalidatedBeforeFill {
                    s.invalidatedBeforeFill = false
                    s.state = .I
                    s.value = nil
                    out.append(.note("reads x=\(v) and drops the copy: it was invalidated while the line was on its way"))
                }
            case .write(let w):
                s.state = .M
                s.value = w
                s.writes += 1
            }
        case .inv:
            guard s.state.holds else {
                if s.pending == .read {
                    s.invalidatedBeforeFill = true
                    out.append(.note("its line is still on its way: acks now and drops it once read"))
                    return out.append(.send(to: directory, .invAck(hadCopy: true)))
                }
                out.append(.note("has nothing to discard (it evicted its copy silently): acks at once (7a)"))
                return out.append(.send(to: directory, .invAck(hadCopy: false)))
            }
            s.state = .I
            s.value = nil
            out.append(.send(to: directory, .invAck(hadCopy: true)))
        case let .recall(downgrade, requester):
            surrender(downgrade: downgrade, to: NodeID(requester), &s, &out)
        case .busRd, .busRdX, .invAck, .flush, .surrender, .writeBack:
            out.append(.note("is a cache: ignores \(message.typeName)"))
        }
    }

    /// The directory takes the line back (5a). Dirty: flush it to the main
    /// store first (6a); under moesi, hand it to the requester and keep it
    /// Owned (6b); under unsafe=no-flush, hand it over and keep a plain
    /// shared copy, leaving the main store stale.
    private func surrender(downgrade: Bool, to requester: NodeID, _ s: inout State, _ out: inout [Effect<Message>]) {
        let v = s.value ?? "0"
        switch s.state {
        case .I:
            out.append(.note("has nothing to surrender (it evicted its copy silently) (7a)"))
            out.append(.send(to: directory, .surrender(kept: .I, sentData: false, hadCopy: false)))
        case .E, .S:
            s.state = downgrade ? .S : .I
            if s.state == .I { s.value = nil }
            out.append(.send(to: directory, .surrender(kept: s.state, sentData: false, hadCopy: true)))
        case .M, .O:
            // (Not `case .M, .O where !downgrade`: a where clause binds the last pattern only.)
            guard downgrade else {
                s.state = .I
                s.value = nil
                if noFlush {
                    out.append(.note("surrenders without writing x=\(v) back (unsafe=no-flush)"))
                    return out.append(.send(to: directory, .surrender(kept: .I, sentData: false, hadCopy: true)))
                }
                return out.append(.send(to: directory, .flush(value: v)))
            }
            guard moesi || noFlush else {
                s.state = .S
                return out.append(.send(to: directory, .flush(value: v)))
            }
            s.state = moesi ? .O : .S
            out.append(.send(to: requester, .data(value: v, grant: .S, fromOwner: true)))
            if noFlush {
                out.append(.note("hands x=\(v) on without writing it back (unsafe=no-flush): the main store is stale"))
            }
            out.append(.send(to: directory, .surrender(kept: s.state, sentData: true, hadCopy: true)))
        }
    }
}
