import Sim

extension Command {
    /// The command as a scenario line, the inverse of the parser: what the
    /// event list, the status line and transcripts show for a command built
    /// as a value (by a key, a lesson or the explorer). Rendered once, never
    /// parsed back.
    public func text(_ cluster: ClusterInfo) -> String {
        let name = cluster.name
        switch self {
        case .cluster(let spec):
            let options = spec.displayOptions.map { "\($0.key)=\($0.value)" }
            return (["cluster", spec.protocolID, "nodes=" + spec.names.joined(separator: ","), "seed=\(spec.seed)"]
                    + options).joined(separator: " ")
        case .request(let node, let request):
            let peers = request.peers.isEmpty ? [] : [request.peers.map(name).joined(separator: ",")]
            let texts = ([request.text].compactMap { $0 } + request.moreTexts).map(Self.word)
            return ([request.verb, name(node)] + peers + texts).joined(separator: " ")
        case .timeout(let node): return "timeout \(name(node))"
        case .step(let n): return n == 1 ? "step" : "step \(n)"
        case .deliver(let ref): return "deliver " + ref.text(cluster)
        case .run(let until, let max):
            return "run" + (until.map { " until " + $0.text } ?? "") + " max=\(max)"
        case .drop(let ref): return "drop " + ref.text(cluster)
        case .delay(let ref, let ticks): return "delay \(ref.text(cluster)) \(ticks)"
        case .duplicate(let id): return "duplicate #\(id)"
        case .crash(let node): return "crash \(name(node))"
        case .restart(let node): return "restart \(name(node))"
        case .partition(let groups):
            return "partition " + groups.map { $0.map(name).joined(separator: ",") }.joined(separator: " | ")
        case .cut(let from, let to): return "cut \(name(from))->\(name(to))"
        case .heal: return "heal"
        case .expect(let expectations): return "expect " + expectations.map(\.text).joined(separator: " ")
        case .named(let command, let eventName): return command.text(cluster) + " @" + eventName
        }
    }

    /// A label or value as one token: quoted when it has a space, a quote-free
    /// text being all the tokenizer can read back.
    static func word(_ text: String) -> String {
        text.isEmpty || text.contains(" ") || text.contains("\t") || text.hasPrefix("#") || text.hasPrefix("@")
            ? "\"\(text)\"" : text
    }
}

extension Command {
    /// A fault or delivery aimed at one message: its kind as a lesson names
    /// it (`drop`, `delay`, `duplicate`, `deliver`) and the message.
    public var fault: (kind: String, message: MessageID)? {
        switch self {
        case .drop(.id(let id)): return ("drop", id)
        case .delay(.id(let id), _): return ("delay", id)
        case .duplicate(let id): return ("duplicate", id)
        case .deliver(.id(let id)): return ("deliver", id)
        default: return nil
        }
    }
}

extension Command {
    /// A fault injected or a choice forced on the run, for the report's
    /// "Faults injected" (everything but requests, steps and expectations).
    public var isFault: Bool {
        switch self {
        case .drop, .delay, .duplicate, .deliver, .crash, .restart, .partition, .cut, .heal, .timeout: return true
        case .cluster, .request, .step, .run, .expect: return false
        case .named(let command, _): return command.isFault
        }
    }
}

extension MessageRef {
    func text(_ cluster: ClusterInfo) -> String {
        switch self {
        case .id(let id): return "#\(id)"
        case .link(let from, let to): return "\(cluster.name(from))->\(cluster.name(to))"
        }
    }
}

extension Expectation {
    /// `query=value`, or the bare query.
    var text: String { expected == Self.anything ? query.text : query.text + "=" + expected }
}
