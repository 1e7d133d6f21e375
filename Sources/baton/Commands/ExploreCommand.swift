import ArgumentParser
import Export
import Foundation
import Scenario
import Sim

/// `baton explore` (issue 19): from the state a scenario reaches, search
/// every schedule breadth-first for an invariant violation or a goal, and
/// print the shortest one found as a script `baton run` replays.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Search every schedule from a scenario's end for a violation or a goal.",
        discussion: """
        Each step of the search delivers one message in flight, fires one node's timer, or (within \
        --faults) drops, duplicates, crashes or isolates. Equal states are explored once. The shortest \
        schedule found is printed as a .baton script (the scenario, then one command per choice). \
        With --goal, only the goal stops the search. Exit status: 1 when a violation is found (or the goal \
        is reached with one), 0 when the goal is reached or nothing is found within the bounds, 2 on bad \
        input, 130 when stopped by Ctrl-C. With nothing found no script is written. docs/EXPLORER.md (in \
        the source tree) says what is searched and why it is sound.
        """
    )

    @Argument(help: "The scenario file (.baton) whose end state the search starts from.")
    var file: String

    @Option(help: "The most choices on one path.")
    var depth = 12

    @Option(help: "Fault budgets on one path, like drop=1,duplicate=0,crash=1,partition=0 (default: none).")
    var faults = ""

    @Option(name: .customLong("max-states"),
            help: "Stop after this many distinct states (about 150 bytes each, at most a few minutes by default).")
    var maxStates = ExploreOptions().statesMax

    @Option(help: "A query to reach, as `expect` takes it (`leaders`, `A.currentRole=leader`, `decided=x`).")
    var goal: String?

    @Option(help: "Write the schedule to this file instead of standard output.")
    var out: String?

    @Option(help: "Threads that expand the search frontier (the result is the same for any number).")
    var jobs = 1

    @Flag(name: .customLong("no-symmetry"),
          help: "Count worlds that differ only by renaming the nodes apart (by default they count once when the protocol's nodes are interchangeable and there is no --goal).")
    var noSymmetry = false

    func validate() throws {
        guard (1...64).contains(depth) else { throw ValidationError("--depth must be from 1 to 64") }
        guard (1...100_000_000).contains(maxStates) else { throw ValidationError("--max-states must be from 1 to 100000000") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 64") }
        _ = try budgets()
    }

    /// `drop=1,crash=1` → the options; an unknown fault or a bad count is a usage error.
    func budgets() throws -> ExploreOptions {
        var o = ExploreOptions()
        o.depthMax = depth
        o.statesMax = maxStates
        o.jobs = jobs
        o.symmetry = !noSymmetry
        for part in faults.split(separator: ",", omittingEmptySubsequences: false) where !faults.isEmpty {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, let n = Int(kv[1]), (0...10).contains(n) else {
                throw ValidationError("--faults takes fault=count with counts 0 to 10, like drop=1,crash=1; got `\(part)`")
            }
            switch kv[0] {
            case "drop": o.drops = n
            case "duplicate": o.duplicates = n
            case "crash": o.crashes = n
            case "partition": o.partitions = n
            default:
                throw ValidationError("--faults knows drop, duplicate, crash and partition; got `\(kv[0])`")
            }
        }
        return o
    }

    func run() throws {
        let text = try ErrorReport.readScenario(file)
        let outcome = ScenarioRunner.run(file: file, text: text)
        ErrorReport.print(outcome.errors, source: text)
        guard let session = outcome.session, outcome.errors.isEmpty else { throw ExitCode(2) }
        let target: ExploreGoal?
        do {
            target = try goal.map { try ExploreGoal($0, cluster: session.commands[0]) }
        } catch {
            ErrorReport.stderr("--goal: \(error)")
            throw ExitCode(2)
        }
        // The search starts where the scenario ended, failed or not: say so.
        for failure in outcome.failures {
            ErrorReport.stderr("warning: \(failure.description); the search starts from where the scenario ended")
        }
        var options = try budgets()
        if let problem = target?.mismatch(session.core) {
            ErrorReport.stderr("--goal: \(problem)")
            throw ExitCode(2)
        }
        if let target, target.holds(session.core) {
            ErrorReport.stderr("baton explore: goal `\(target.text)` already holds where the scenario ends; "
                               + "no schedule to write")
            return
        }
        if let target, target.readsCrashed, options.crashes == 0 {
            ErrorReport.stderr("note: --faults gives no crash budget, so no node goes down in the search "
                               + "(add --faults crash=1)")
        }
        options.goalReadsOnlyState = target?.readsOnlyState ?? false
        let search = ExploreRun(session: session, options: options, goal: target)
        let (result, seconds, peakBefore) = search.run()
        if result.found != nil {
            do {
                try SafeFile.writeOut(out ?? "-", search.script(result))
            } catch {
                ErrorReport.stderr("\(out ?? "standard output"): cannot write the schedule: \(error)")
                throw ExitCode(2)
            }
        }
        ErrorReport.stderr(search.summary(result, seconds: seconds, peakBefore: peakBefore)
                           + (result.found == nil ? "; no schedule to write" : ""))
        switch result.found {
        case .violation?: throw ExitCode(1)
        case .goal(let broken)? where !broken.isEmpty: throw ExitCode(1)
        case nil where result.stopped == .asked: throw ExitCode(130)
        default: break
        }
    }
}
