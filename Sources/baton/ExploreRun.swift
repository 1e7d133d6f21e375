import Foundation
import Scenario
import Sim

/// One search as the command line runs it: the clock, the progress line on
/// stderr, Ctrl-C, and the words and script it prints.
struct ExploreRun {
    let session: ScenarioSession
    let options: ExploreOptions
    let goal: ExploreGoal?

    /// Set by SIGINT: the search stops at its next report and prints what it reached.
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

    /// The search, how long it took in seconds, and the process's peak
    /// memory before it began (so that the bytes a state exclude start-up).
    func run() -> (ExploreResult, seconds: Double, peakBefore: Int) {
        let peakBefore = Self.peakMemoryBytes()
        let started = Date()
        var lastLine = started
        // A parent may have left SIGINT blocked (a test runner's thread): then Ctrl-C would do nothing.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        let previous = signal(SIGINT) { _ in ExploreRun.interrupted = 1 }
        defer { signal(SIGINT, previous) }
        let goal = self.goal
        var announced = false
        var result = session.core.explore(options, goal: goal.map { g in { g.holds($0) } }) { states, depth in
            if Date().timeIntervalSince(lastLine) >= 1 {
                lastLine = Date()
                // A search that lasts says once, before its first progress line, where it will stop.
                if !announced { FileHandle.standardError.write(Data(bounds.utf8)); announced = true }
                let rate = Double(states) / max(0.001, lastLine.timeIntervalSince(started))
                FileHandle.standardError.write(Data("exploring: \(states) states, depth \(depth), \(Int(rate)) states/s\n".utf8))
            }
            return ExploreRun.interrupted == 0
        }
        if ExploreRun.interrupted != 0 && result.found == nil { result.stopped = .asked }
        return (result, Date().timeIntervalSince(started), peakBefore)
    }

    /// Where a long search stops, said once before its first progress line.
    var bounds: String {
        "exploring every schedule of up to \(options.depthMax) choices, at most \(options.statesMax) states "
            + "(--depth, --max-states). Ctrl-C stops and prints what was reached.\n"
    }

    /// The process's peak resident memory so far, in bytes.
    static func peakMemoryBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// The scenario, then one command per choice, with what was found as comments.
    func script(_ r: ExploreResult) -> String {
        let c = session.core.cluster
        var lines = ["# baton explore: " + headline(r)]
        lines += session.commands.filter { !$0.hasPrefix("expect") }
        lines += r.path.map { $0.commandText(c) }
        switch r.found {
        case .violation(let names)?: lines.append("expect violations=" + names.joined(separator: ","))
        case .goal?: if let goal { lines.append("expect " + goal.text) }
        case nil: break
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func headline(_ r: ExploreResult) -> String {
        let choices = r.path.count == 1 ? "1 choice" : "\(r.path.count) choices"
        switch r.found {
        case .violation(let names)?: return "violation \(names.joined(separator: ", ")) after \(choices)"
        case .goal(let broken)?:
            return "goal `\(goal?.text ?? "")` reached after \(choices)"
                + (broken.isEmpty ? "" : ", with \(broken.joined(separator: ", ")) violated")
        case nil:
            switch r.stopped {
            case .stateLimit?:
                return "nothing found before --max-states \(options.statesMax) was reached "
                    + "(every schedule of up to \(r.depthComplete) choices explored)"
            case .asked?:
                return "nothing found before the search was stopped "
                    + "(every schedule of up to \(r.depthComplete) choices explored)"
            case nil:
                if r.exhausted && r.depthReached == 0 {
                    return "nothing found: no move is possible where the scenario ends "
                        + "(nothing in flight, no timer set, no fault left in --faults)"
                }
                return r.exhausted
                    ? "nothing found: every schedule explored (none is longer than \(r.depthReached) choices)"
                    : "nothing found within depth \(options.depthMax)"
            }
        }
    }

    /// `states 4,321, transitions 12,345, depth 7, 0.21 s (20,576 states/s), peak 42 MB (1,020 B a state)`;
    /// the bytes a state are the growth of the peak during the search.
    /// A search of a few states takes microseconds and grows the peak by
    /// what start-up allocates, so its rate and bytes a state would mislead:
    /// they are given only where they measure something.
    func summary(_ r: ExploreResult, seconds: Double, peakBefore: Int) -> String {
        let peakBytes = Self.peakMemoryBytes()
        let time = String(format: seconds < 0.1 ? "%.3f s" : "%.2f s", seconds)
        let rate = seconds >= 0.1 ? "\(Int(Double(r.states) / seconds)) states/s" : "too short for a rate"
        let perState = r.states >= Self.statesToMeasure
            ? "\(max(0, peakBytes - peakBefore) / r.states) B a state" : "too few states for a figure per state"
        return "baton explore: \(headline(r)); \(r.states) states, \(r.transitions) transitions, depth \(r.depthReached), "
            + "\(time) (\(rate)), peak memory \(peakBytes / 1_048_576) MB (\(perState))"
            + (r.renamings > 0 ? "; node symmetry: states that differ only in the nodes' names counted once "
                + "(\(r.renamings) renamings)" : "")
    }

    /// Below this many states the peak's growth is mostly start-up's.
    static let statesToMeasure = 10_000
}
