import Scenario
import Sim

/// Tab completion for the command line: the last word of the line against
/// what may stand there (a command word first; then node names, in-flight
/// message ids, `until`/`max=`, or queries, depending on the command).
struct CommandCompletion {
    let session: PlaySession

    var core: any SessionCore { session.core }

    /// The line with its last word completed as far as the candidates agree,
    /// and the candidates when more than one remains.
    func complete(_ line: String) -> (text: String, candidates: [String]) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let startsNew = line.isEmpty || line.hasSuffix(" ")
        let index = startsNew ? words.count : words.count - 1
        let partial = startsNew ? "" : words.last!
        let options = candidates(at: index, words: words).filter { $0.hasPrefix(partial) }.sorted()
        let head = String(line.dropLast(partial.count))
        guard let first = options.first else { return (line, []) }
        if options.count == 1 { return (head + first + (first.hasSuffix("=") ? "" : " "), []) }
        let common = options.dropFirst().reduce(first) { $0.commonPrefix(with: $1) }
        return (head + common, options)
    }

    /// What may be word `index` (from 0) of a line starting with `words`.
    func candidates(at index: Int, words: [String]) -> [String] {
        guard index > 0, let command = words.first else { return session.commandWords }
        let nodes = core.cluster.names
        let inflight = core.inflight.map { "#\($0.id)" }
        switch command {
        case "drop", "delay", "duplicate", "deliver": return index == 1 ? inflight : []
        case "step": return []
        case "run": return words.dropFirst().last == "until" && index == words.count ? queries : ["until", "max="]
        case "expect": return queries
        case "partition", "cut": return nodes
        case "heal": return nodes
        default:
            // timeout, crash, restart, and the protocol's requests: a node,
            // then (for a request with a peer) another.
            guard let spec = core.descriptor.request(verb: command) else { return index == 1 ? nodes : [] }
            if index == 1 { return nodes }
            if index == 2, case .peer? = spec.arguments.first { return nodes.filter { $0 != words[1] } }
            return []
        }
    }

    /// `A.currentTerm`, ..., and the protocol's own questions (`leader`).
    var queries: [String] {
        let variables = core.descriptor.variables.map(\.name)
        return core.cluster.names.flatMap { node in variables.map { "\(node).\($0)" } } + core.descriptor.queries
            + Query.globalNames
    }
}
