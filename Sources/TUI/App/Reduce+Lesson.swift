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
            // As a pager does: while the section has text below the panel's
            // edge, space shows the next page of it first (a learner pressing
            // space at 80x24 skipped whole paragraphs).
            let (range, page) = LessonPanel.scrolling(self)
            if lessonScroll < range.upperBound {
                lessonScroll = min(lessonScroll + page, range.upperBound)
                status = "more of the lesson: space reads on"
                return true
            }
            let problems = run.problems.count
            _ = run.continuePause(&session)
            newSection(run)
            status = run.finished ? "Lesson complete. q closes it." : ""
            reportDivergence(run, since: problems)
            return true
        case (.quiz?, .selectNode(let i)):
            let problems = run.problems.count
            let (right, message) = run.answer(i, &session)
            status = right ? "Right." : "Not quite."
            // A right answer opens the next section; its explanation stays
            // at the top of it until the section after.
            if right {
                newSection(run)
                lessonAnswer = message
            } else {
                note(message)
            }
            if right && run.finished { status += " Lesson complete. q closes it." }
            reportDivergence(run, since: problems)
            return true
        case (.quiz?, .step), (.quiz?, .back), (.quiz?, .deliverSelected), (.quiz?, .dropSelected):
            status = "answer the question with its number (1, 2, ...)"
            return true
        case (.wait(let wanted, _, _, _)?, _):
            // Held once; pressed again it goes through, and keeps going
            // through until the lesson moves on.
            if heldAction == action {
                lessonFeedback.removeAll { $0.hasPrefix(Self.holdPrefix) }
                // Through on purpose: said at once, not only when a later expectation fails (a
                // reviewer stepped on, C's timer fired, and the text went on about A's).
                if let (command, _) = predictedCommand(action), !wouldSatisfy(wanted, command, run),
                   !lessonFeedback.contains(where: { $0.hasPrefix(Self.anywayPrefix) }) {
                    note(Self.anywayPrefix + "the lesson still waits for you to \(LessonText.describe(wanted)), "
                         + "so what it says next may not match the run. Press r to go back to where it waits.")
                }
            }
            guard let (command, key) = predictedCommand(action), heldAction != action,
                  !wouldSatisfy(wanted, command, run) else { return false }
            heldAction = action
            let what = ["space": "step", "enter": "deliver it"][key] ?? "do it"
            lessonFeedback.removeAll { $0.hasPrefix(Self.holdPrefix) }
            note(Self.holdPrefix + "\(LessonText.describe(wanted)). Press \(key) again to \(what) anyway.")
            status = "held: press \(key) again to \(what) anyway"
            return true
        default:
            return false
        }
    }

    static let holdPrefix = "The lesson waits for you to "
    static let anywayPrefix = "You went on anyway: "

    /// The lesson's own commands or expectations did not go as written:
    /// the run has left its path. Say so in words, and how to get back.
    private mutating func reportDivergence(_ run: LessonRun, since count: Int) {
        guard run.problems.count > count, let problem = run.problems.last else { return }
        note("Your run has left the lesson's path: " + Self.words(problem.message)
             + ". What the lesson says next may not match the screen; press r to go back to where they last agreed.")
        status = "off the lesson's path: r goes back"
    }

    /// `expectation failed: C.delivered expected m2,m3, actual m2` → `the
    /// lesson expected C's delivered to be m2,m3, and it is m2`.
    static func words(_ message: String) -> String {
        let prefix = "expectation failed: "
        guard message.hasPrefix(prefix), let e = message.range(of: " expected "), let a = message.range(of: ", actual ")
        else { return message }
        let query = String(message[message.index(message.startIndex, offsetBy: prefix.count)..<e.lowerBound])
        let expected = String(message[e.upperBound..<a.lowerBound]), actual = String(message[a.upperBound...])
        return "the lesson expected " + LessonText.condition(query + "=" + expected) + ", and it is \(actual)"
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
        let now = run.blocked.map { if case .wait(let a, _, _, _) = $0 { return " Now " + LessonText.describe(a) + "." }; return "" } ?? ""
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
        lessonAnswer = nil
        lessonScroll = 0
        heldAction = nil
        checkpointLesson(run)
    }

    /// Say so when the current wait can no longer be met, and how to get back.
    private mutating func reportOffTrack(_ run: LessonRun) {
        guard let why = run.offTrack(session) else { return }
        lessonFeedback.removeAll { $0.hasPrefix("The run has gone another way") }
        note("The run has gone another way: \(why). Press r to go back to where the lesson and the run last agreed.")
        status = "the lesson cannot go on from here: r goes back"
    }

    /// A key did nothing to the run (space with nothing left): in a lesson,
    /// check the wait can still be met.
    mutating func checkLessonTrack() {
        guard let run = lesson, core.step == core.lastStep else { return }
        reportOffTrack(run)
    }

    /// After a command the learner caused: does it satisfy the lesson's
    /// wait, and if not, can the wait still be met?
    mutating func observeForLesson(_ command: Command, leaderBefore: String?) {
        guard var run = lesson, core.step == core.lastStep else { return }
        let problems = run.problems.count
        let passedBefore = run.passed
        if run.observe(command, leaderBefore: leaderBefore, &session) {
            status = run.finished ? "Well done. Lesson complete. q closes it." : "Well done."
            newSection(run)
            // The run took another path than the lesson's script: say so.
            reportDivergence(run, since: problems)
            // The wait just reached may already be out of reach (the learner
            // stepped back past the lesson's own command, then acted).
            reportOffTrack(run)
        } else if run.passed == passedBefore {
            reportOffTrack(run)
        }
        lesson = run
        lessonCompleted = lessonCompleted || run.finished
    }
}
