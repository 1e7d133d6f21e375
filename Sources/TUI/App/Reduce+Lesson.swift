import Lessons
import Scenario
import Sim

extension AppState {
    var leaderName: String? {
        guard let v = core.globalQuery("leader"), case .text(let name) = v else { return nil }
        return name
    }

    /// Lesson keys: space or enter at a pause, digits at a quiz, h for the
    /// hint, `[` `]` to scroll, r to rewind; while the lesson waits, a key
    /// that would do something else to the run is held once. Returns true
    /// when the action was the lesson's.
    mutating func lessonIntercepts(_ action: AppAction) -> Bool {
        guard var run = lesson else { return false }
        defer { lesson = run; lessonCompleted = lessonCompleted || run.finished }
        switch action {
        case .lessonScroll(let delta):
            let (range, page) = LessonPanel.scrolling(self)
            lessonScroll = min(max(lessonScroll + page * delta, range.lowerBound), range.upperBound)
            if range == 0...0 { status = "all of the lesson's text is on screen" }
            return true
        case .rewind: rewind(&run); return true
        case .hint:
            let hint = run.hint.map { "Hint: " + $0 } ?? (run.blocked == nil ? "No hint: the lesson is over." : "No hint here.")
            note(hint)
            return true
        default: break
        }
        guard core.step == core.lastStep else { return false }
        switch (run.blocked, action) {
        case (.pause?, .step), (.pause?, .deliverSelected):
            _ = run.continuePause(&session)
            newSection(run)
            status = run.finished ? "Lesson complete. q returns to the menu." : ""
            return true
        case (.quiz?, .selectNode(let i)):
            let (right, message) = run.answer(i, &session)
            status = right ? "Right." : "Not quite."
            // A right answer opens the next section; its explanation stays
            // at the top of it until the section after.
            if right { newSection(run) }
            note(message)
            if right && run.finished { status += " Lesson complete. q returns to the menu." }
            return true
        case (.quiz?, .step), (.quiz?, .back), (.quiz?, .deliverSelected), (.quiz?, .dropSelected):
            status = "answer the question with its number (1, 2, ...)"
            return true
        case (.wait(let wanted, _, _)?, _):
            // Held once; pressed again it goes through, and keeps going
            // through until the lesson moves on.
            guard let (command, key) = predictedCommand(action), heldAction != action,
                  !wouldSatisfy(wanted, command, run) else { return false }
            heldAction = action
            let what = ["space": "step", "enter": "deliver it"][key] ?? "do it"
            note("The lesson waits for you to \(LessonText.describe(wanted)). Press \(key) again to \(what) anyway.")
            status = "held: press \(key) again to \(what) anyway"
            return true
        default:
            return false
        }
    }

    /// The command a run-changing key would run, and the key's name.
    private func predictedCommand(_ action: AppAction) -> (Command, String)? {
        let node = NodeID(selectedNode)
        let selected = selectedMessage.map { MessageRef.id($0) }
        switch action {
        case .step: return (.step(1), "space")
        case .deliverSelected: return selected.map { (.deliver($0), "enter") }
        case .dropSelected: return selected.map { (.drop($0), "d") }
        case .delaySelected(let ticks): return selected.map { (.delay($0, ticks: ticks), "l") }
        case .duplicateSelected: return selectedMessage.map { (.duplicate($0), "u") }
        case .crashOrRestart: return (core.isCrashed(node) ? .restart(node) : .crash(node), "c")
        case .isolateOrHeal: return (isIsolated(selectedNode) ? .heal : .partition([[node]]), "x")
        case .healAll: return (.heal, "H")
        case .fireTimeout: return core.descriptor.hasTimer ? (.timeout(node), "t") : nil
        default: return nil
        }
    }

    /// Whether doing `command` now is what the wait asks for (conditions and
    /// plain steps let everything through: stepping on is how they are met).
    private func wouldSatisfy(_ wanted: WaitAction, _ command: Command, _ run: LessonRun) -> Bool {
        switch wanted {
        case .until: return true
        case .step:
            if case .step = command { return true }
            if case .deliver = command { return true }
            return false
        default:
            return LessonRun.matches(wanted, command: command, leaderBefore: leaderName, session)
        }
    }

    /// `r`: back to the latest block reached where the run was the lesson's
    /// own (the current one, unless the run went astray before it), the
    /// lesson and the run together.
    private mutating func rewind(_ run: inout LessonRun) {
        // Agreeing means the same world as the lesson's own path at that
        // block (LessonLint.path), compared as world keys.
        let path = lessonPath ?? LessonLint.path(run.lesson)
        lessonPath = path
        var target = lessonCheckpoints.first ?? run
        for candidate in [run] + lessonCheckpoints.reversed() {
            var probe = session
            probe.rewind(to: candidate.agreedStep)
            if path[candidate.passed] == probe.core.worldKey.hashValue { target = candidate; break }
        }
        session.rewind(to: target.agreedStep)
        target.restartWait()
        run = target
        lessonCheckpoints.removeAll { $0.passed >= target.passed }
        cursor = nil
        newSection(run)
        let now = run.blocked.map { if case .wait(let a, _, _) = $0 { return " Now " + LessonText.describe(a) + "." }; return "" } ?? ""
        note("Back to step \(run.agreedStep), where the lesson and the run last agreed.\(now)")
        status = "rewound to step \(run.agreedStep)"
    }

    /// Keep the lesson as it is at each block reached, for `r`.
    mutating func checkpointLesson(_ run: LessonRun) {
        guard run.blocked != nil, lessonCheckpoints.last?.passed != run.passed else { return }
        lessonCheckpoints.append(run)
    }

    /// Something the lesson says back, kept in the panel until the next section.
    mutating func note(_ text: String) {
        if lessonFeedback.last != text { lessonFeedback.append(text) }
        if lessonFeedback.count > 8 { lessonFeedback.removeFirst() }
        lessonScroll = 0
    }

    /// The lesson moved on (`run` as it is now): the panel starts afresh.
    private mutating func newSection(_ run: LessonRun) {
        lessonFeedback = []
        lessonScroll = 0
        heldAction = nil
        checkpointLesson(run)
    }

    /// After a command the learner caused: does it satisfy the lesson's
    /// wait, and if not, can the wait still be met?
    mutating func observeForLesson(_ command: Command, leaderBefore: String?) {
        guard var run = lesson, core.step == core.lastStep else { return }
        let problems = run.problems.count
        let passedBefore = run.passed
        if run.observe(command, leaderBefore: leaderBefore, &session) {
            status = run.finished ? "Well done. Lesson complete. q returns to the menu." : "Well done."
            newSection(run)
            // The run took another path than the lesson's script: say so.
            if run.problems.count > problems, let p = run.problems.last {
                note("Your run differs from the lesson's here: \(p.message)")
            }
        } else if run.passed == passedBefore, let why = run.offTrack(session) {
            note("The run has gone another way: \(why). Press r to go back to step \(run.agreedStep), "
                 + "where the lesson and the run last agreed.")
        }
        lesson = run
        lessonCompleted = lessonCompleted || run.finished
    }
}
