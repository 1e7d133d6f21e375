import Lessons
import Scenario
import Sim

/// Side effects the shell performs for the reducer (which stays pure).
public enum AppEffect: Equatable, Sendable {
    /// Write `contents` to a new file named like `name` in the export directory.
    case export(name: String, contents: String)
}

extension AppState {
    /// `reduce(state, action)`: the only way the state changes.
    @discardableResult
    public mutating func reduce(_ action: AppAction) -> [AppEffect] {
        if lesson != nil, lessonIntercepts(action) {
            normalise()
            return []
        }
        var effects: [AppEffect] = []
        // While the help box is open the arrows scroll it.
        if showHelp {
            switch action {
            case .scrollUp(let n): helpScroll = max(0, helpScroll - n); return []
            case .scrollDown(let n): helpScroll = min(helpScroll + n, KeyMap.help.count + KeyMap.legend.count); return []
            default: break
            }
        }
        switch action {
        case .step: step()
        case .back: back()
        case .togglePlay:
            playing.toggle()
            status = playing ? "playing at \(1 << speed) steps/s (p to pause)" : "paused"
        case .faster: speed = min(4, speed + 1); status = "speed \(1 << speed) steps/s"
        case .slower: speed = max(0, speed - 1); status = "speed \(1 << speed) steps/s"
        case .tick: if playing { step(); if core.nextEventTime == nil && core.step == core.lastStep { playing = false } }
        case .selectNextMessage: cycleMessage(by: 1)
        case .selectPreviousMessage: cycleMessage(by: -1)
        case .deliverSelected: onSelected { .deliver(.id($0)) }
        case .dropSelected: onSelected { .drop(.id($0)) }
        case .delaySelected(let ticks): onSelected { .delay(.id($0), ticks: ticks) }
        case .duplicateSelected: onSelected { .duplicate($0) }
        case .askDelay:
            if selectedMessage == nil { status = "no message in flight to delay" } else { prompt = Prompt(kind: .ticks) }
        case .selectNode(let i):
            if core.cluster.names.indices.contains(i) {
                selectedNode = i
                status = "node \(core.cluster.names[i]) selected"
            }
        case .crashOrRestart:
            let node = NodeID(selectedNode)
            act(core.isCrashed(node) ? .restart(node) : .crash(node))
        case .isolateOrHeal:
            act(isIsolated(selectedNode) ? .heal : .partition([[NodeID(selectedNode)]]))
        case .healAll: act(.heal)
        case .clientAction: openClientAction()
        case .openCommandLine: prompt = Prompt(kind: .command)
        case .openGoalPrompt: prompt = Prompt(kind: .goal)
        case .hint: status = freePlayTip
        case .lessonScroll: status = "[ and ] scroll a lesson's text; this is free play"
        case .rewind: status = "r rewinds a lesson; in free play, b steps back"
        case .clearMarks:
            inspectA = nil
            inspectB = nil
            filter = nil
            selectionPinned = false
            showHelp = false
            status = ""
        case .fireTimeout:
            if core.descriptor.hasTimer { act(.timeout(NodeID(selectedNode))) }
            else { status = "\(core.protocolID) nodes have no timer" }
        case .inspect: inspect()
        case .cycleFilter: cycleFilter()
        case .toggleView:
            if glyphs.isASCII {
                status = "without UTF-8 only the sequence view can be drawn"
            } else {
                diagramMode = diagramMode == .spaceTime ? .sequence : .spaceTime
                status = diagramMode == .spaceTime ? "space-time view: each message one line, send to receive"
                    : "sequence view: each message an arrow on its receive row, ● marks its send"
            }
        case .toggleEventText:
            eventText = !(eventText ?? Self.eventTextByDefault(self))
            status = eventText! ? "event text shown (E hides it)" : "event text hidden (E shows it)"
        case .toggleStateStrip:
            stateStrip.toggle()
            status = stateStrip ? "state strip shown (S hides it)" : "state strip hidden (S shows it)"
        case .export:
            let base = "baton-\(lesson?.lesson.meta.id ?? core.protocolID)-\(core.config.seed)-\(core.step)"
            effects.append(.export(name: base + ".md", contents: markdownReport(date: exportDate)))
            effects.append(.export(name: base + ".baton", contents: session.script))
        case .toggleHelp: showHelp.toggle(); helpScroll = 0
        case .quit: quit = true
        case .scrollUp(let n): cursor = max(0, focusRow - n)
        case .scrollDown(let n): cursor = focusRow + n
        case .scrollHome: cursor = 0
        case .scrollEnd: cursor = nil
        case .resize(let w, let h): width = max(0, w); height = max(0, h)
        case .promptInput(let c): typeIntoPrompt(c)
        case .promptBackspace:
            if prompt?.text.isEmpty == false { prompt?.text.removeLast() }
            prompt?.error = nil
        case .promptCancel: prompt = nil; showHelp = false
        case .promptClear: prompt?.text = ""; prompt?.error = nil; prompt?.candidates = []
        case .promptComplete: completePrompt()
        case .promptHistory(let delta): walkHistory(by: delta)
        case .promptSubmit: submitPrompt()
        }
        normalise()
        return effects
    }

    /// In the past, step forward along the recorded history; at the end,
    /// process the next event.
    private mutating func step() {
        if core.step < core.lastStep {
            session.go(to: core.step + 1)
            status = "step \(core.step) of \(core.lastStep) (replayed)"
            return
        }
        let before = core.step, eventsBefore = core.eventCount
        let leader = leaderName
        if let error = session.run(.step(1)) { status = explained(error); return }
        if core.step == before, let limit = session.scenario.limitReached {
            status = explained(limit)
            return
        }
        status = core.step == before ? "nothing to process: no message in flight and no timer due"
            : notes(since: eventsBefore) ?? ""
        if core.step != before { observeForLesson(.step(1), leaderBefore: leader) } else { checkLessonTrack() }
    }

    /// The notes the last action recorded (`B: refuses Prepare 1.A: ...`),
    /// for the status line: where the event text does not fit (80 columns
    /// with a lesson), this is where the trace's explanations are read.
    func notes(since start: Int) -> String? {
        let texts = (start..<core.eventCount).compactMap { i -> String? in
            let e = core.event(i)
            guard e.kind == .note || e.kind == .violation, let text = e.text else { return nil }
            return (e.node.map { core.cluster.name($0) + ": " } ?? "") + text
        }
        return texts.isEmpty ? nil : texts.suffix(3).joined(separator: " · ")
    }

    private mutating func back() {
        guard core.step > 0 else { status = "at the start of the run"; return }
        session.go(to: core.step - 1)
        cursor = nil
        status = "back to step \(core.step) of \(core.lastStep)"
    }

    /// Run a command that changes the run; in the past this forks.
    mutating func act(_ command: Command) {
        let forking = core.step < core.lastStep
        let leader = leaderName
        let eventsBefore = core.eventCount
        if let error = session.run(command) {
            status = explained(error)
        } else {
            status = command.text(core.cluster) + (forking ? " (history forked here)" : "")
                + (notes(since: eventsBefore).map { " · " + $0 } ?? "")
            observeForLesson(command, leaderBefore: leader)
        }
    }

    /// Whether the diagram shows the event text before `E` is pressed.
    static func eventTextByDefault(_ state: AppState) -> Bool {
        guard let layout = Layout(width: state.width, height: state.height, lesson: state.lesson != nil) else { return true }
        return DiagramView(state: state, rect: layout.diagram).showsText
    }

    /// An engine error with the key that deals with it, where there is one.
    private func explained(_ error: String) -> String {
        core.eventCount >= core.config.eventsMax ? error + " (e exports it)" : error
    }

    private mutating func onSelected(_ command: (MessageID) -> Command) {
        guard let id = selectedMessage else { status = "no message in flight"; return }
        act(command(id))
    }

    private mutating func cycleMessage(by delta: Int) {
        let ids = core.inflight.map(\.id)
        guard !ids.isEmpty else { status = "no message in flight"; return }
        let at = selectedMessage.flatMap { ids.firstIndex(of: $0) } ?? (delta > 0 ? -1 : 0)
        selectedMessage = ids[(at + delta + ids.count) % ids.count]
        selectionPinned = true
        if let id = selectedMessage, let m = core.messageInfo(id) {
            status = "#\(id) \(core.cluster.name(m.from))→\(core.cluster.name(m.to)) \(m.typeName) selected: "
                + "d drops it, enter delivers it now, l delays it, u duplicates it"
        }
    }

    func isIsolated(_ node: Int) -> Bool {
        let links = core.blockedLinks
        return (0..<core.cluster.count).allSatisfy { other in
            other == node || (links.contains { $0.0.index == node && $0.1.index == other }
                              && links.contains { $0.0.index == other && $0.1.index == node })
        } && core.cluster.count > 1
    }

    private mutating func inspect() {
        let row = focusRow
        guard core.eventCount > 0, core.vclock(ofEvent: row) != nil else {
            status = "this event is not at a node; choose another with ↑ ↓"
            return
        }
        if let a = inspectA, inspectB == nil, a != row {
            inspectB = row
            let relation = CausalRelation.between(core.vclock(ofEvent: a)!, core.vclock(ofEvent: row)!)
            status = "event \(a + 1) \(relation.rawValue) event \(row + 1)"
        } else if inspectA == nil {
            inspectA = row
            status = "event \(row + 1): causal past and future highlighted (i on another event compares)"
        } else {
            inspectA = nil
            inspectB = nil
            status = ""
        }
    }

    private mutating func cycleFilter() {
        let codes = Primitive.allCases.filter { p in core.descriptor.messages.contains { $0.tags.codes.contains(p) } }
        guard !codes.isEmpty else { return }
        if let f = filter, let i = codes.firstIndex(of: f) {
            filter = i + 1 < codes.count ? codes[i + 1] : nil
        } else {
            filter = codes[0]
        }
        status = filter.map { "highlighting \($0.code) \($0.familyName), \($0.variantName)" } ?? "no highlight"
    }
}
