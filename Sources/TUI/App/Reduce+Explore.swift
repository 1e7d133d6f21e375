import Scenario
import Sim

/// `/` (issue 19): search every schedule from the current world for the
/// goal typed (any query `expect` takes; empty: any violation), then apply
/// the schedule found as ordinary steps, so the learner steps through it
/// and back and can export it. Runs like any key's work: past a moment the
/// screen shows the states explored, and Esc stops the search.
extension AppState {
    /// Modest bounds for a search from the keyboard.
    static let exploreDepthMax = 10
    static let exploreStatesMax = 200_000

    mutating func explore(toward text: String) {
        let line = text.trimmingCharacters(in: .whitespaces)
        let goal: ExploreGoal?
        do throws(ExploreGoal.Failure) {
            goal = line.isEmpty ? nil : try ExploreGoal(line, cluster: session.scenario.commands[0])
            if let problem = goal?.mismatch(core) { throw ExploreGoal.Failure(message: problem) }
        } catch {
            prompt = Prompt(kind: .goal, text: text)
            prompt?.error = PromptError(message: error.message, column: 1)
            return
        }
        prompt = nil
        if let goal, goal.holds(core) {
            status = "`\(goal.text)` already holds here: nothing to search for"
            return
        }
        var options = ExploreOptions()
        options.depthMax = Self.exploreDepthMax
        options.statesMax = Self.exploreStatesMax
        options.goalReadsOnlyState = goal?.readsOnlyState ?? false
        let interrupt = session.interrupt
        let result = core.explore(options, goal: goal.map { g in { g.holds($0) } }) { states, _ in
            interrupt?.report(statesExplored: states) ?? true
        }
        let wanted = goal.map { "`\($0.text)`" } ?? "a violation"
        guard result.found != nil else {
            status = result.cut
                ? "no schedule to \(wanted) found before the search stopped (\(result.states) states)"
                : result.exhausted
                ? "no schedule reaches \(wanted): every schedule from here explored (\(result.states) states)"
                : "no schedule reaches \(wanted) within \(Self.exploreDepthMax) steps (\(result.states) states explored)"
            return
        }
        for action in result.path {
            if let error = session.run(text: action.commandText(core.cluster)) {
                status = "the schedule found could not be applied: \(error)"
                return
            }
        }
        cursor = nil
        normalise()
        // What was reached and how to go back first: an 80-column status line clips the end.
        let steps = result.path.count == 1 ? "1 step" : "\(result.path.count) steps"
        status = "reached \(wanted) in \(steps), applied; b steps back (\(result.states) states searched)"
    }
}
