/// A key press, decoded by the terminal layer.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace
    /// Ctrl-U: clear the line being typed.
    case clearLine
    case resize(width: Int, height: Int)
}

/// What the user asked for (the Elm architecture's messages).
public enum AppAction: Equatable, Sendable {
    case step, back
    case togglePlay, faster, slower, tick
    case selectNextMessage, selectPreviousMessage
    case deliverSelected, dropSelected, delaySelected(Int), askDelay, duplicateSelected
    case selectNode(Int)
    case crashOrRestart, isolateOrHeal, healAll, fireTimeout
    /// `a`: the command line, prefilled with the selected node's client request.
    case clientAction
    /// `:`: the command line, empty.
    case openCommandLine
    /// `/`: ask for a goal to explore for (issue 19).
    case openGoalPrompt
    /// `h`: the lesson's hint, or in free play a tip for this protocol.
    case hint
    /// `Esc`: clear inspection, filter and the pinned selection.
    case clearMarks
    /// `[` (-1) and `]` (+1): scroll the lesson text by a few lines.
    case lessonScroll(Int)
    /// `r`: back to where the lesson and the run last agreed.
    case rewind
    case inspect, cycleFilter, toggleView, toggleEventText, toggleStateStrip
    case export
    case toggleHelp
    case quit
    case scrollUp(Int), scrollDown(Int), scrollHome, scrollEnd
    case resize(width: Int, height: Int)
    case promptInput(Character), promptBackspace, promptSubmit, promptCancel, promptClear
    /// Tab in the command line: complete the word under the cursor.
    case promptComplete
    /// ↑ (-1) and ↓ (+1) in the command line: walk the history.
    case promptHistory(Int)
}

/// DESIGN.md §9, the key map (a contract: the end-to-end tests drive it).
public enum KeyMap {
    /// The action for `key`; `prompt` is the kind of line being typed, if any.
    public static func action(for key: Key, prompt: Prompt.Kind?) -> AppAction? {
        switch prompt {
        case .ticks?:
            switch key {
            case .char(let c) where c.isNumber: return .promptInput(c)
            case .backspace: return .promptBackspace
            case .enter: return .promptSubmit
            case .escape, .char("q"): return .promptCancel
            case .resize(let w, let h): return .resize(width: w, height: h)
            default: return nil
            }
        case .goal?:
            switch key {
            case .char(let c): return .promptInput(c)
            case .backspace: return .promptBackspace
            case .enter: return .promptSubmit
            case .escape: return .promptCancel
            case .clearLine: return .promptClear
            case .resize(let w, let h): return .resize(width: w, height: h)
            default: return nil
            }
        case .command?:
            switch key {
            case .char(let c): return .promptInput(c)
            case .backspace: return .promptBackspace
            case .enter: return .promptSubmit
            case .escape: return .promptCancel
            case .tab: return .promptComplete
            case .clearLine: return .promptClear
            case .up: return .promptHistory(-1)
            case .down: return .promptHistory(1)
            case .resize(let w, let h): return .resize(width: w, height: h)
            default: return nil
            }
        case nil:
            return action(for: key)
        }
    }

    /// Outside a prompt.
    static func action(for key: Key) -> AppAction? {
        switch key {
        case .char(" "), .char("n"), .right: return .step
        case .char("b"), .left: return .back
        case .char("p"): return .togglePlay
        case .char("+"), .char("="): return .faster
        case .char("-"): return .slower
        case .tab: return .selectNextMessage
        case .backTab: return .selectPreviousMessage
        case .enter: return .deliverSelected
        case .char("d"): return .dropSelected
        case .char("l"): return .delaySelected(5)
        case .char("L"): return .askDelay
        case .char("u"): return .duplicateSelected
        case .char(let c) where ("1"..."9").contains(c): return .selectNode(Int(String(c))! - 1)
        case .char("c"): return .crashOrRestart
        case .char("x"): return .isolateOrHeal
        case .char("H"): return .healAll
        case .char("h"): return .hint
        case .char("a"): return .clientAction
        case .char(":"): return .openCommandLine
        case .char("/"): return .openGoalPrompt
        case .char("["): return .lessonScroll(-1)
        case .char("]"): return .lessonScroll(1)
        case .char("r"): return .rewind
        case .char("t"): return .fireTimeout
        case .char("i"): return .inspect
        case .char("f"): return .cycleFilter
        case .char("v"): return .toggleView
        case .char("E"): return .toggleEventText
        case .char("S"): return .toggleStateStrip
        case .char("e"): return .export
        case .char("?"): return .toggleHelp
        case .char("q"): return .quit
        case .up: return .scrollUp(1)
        case .down: return .scrollDown(1)
        case .pageUp: return .scrollUp(10)
        case .pageDown: return .scrollDown(10)
        case .home: return .scrollHome
        case .end: return .scrollEnd
        case .escape: return .clearMarks
        case .resize(let w, let h): return .resize(width: w, height: h)
        default: return nil
        }
    }

    /// What the diagram's marks mean (beside the keys in `?`).
    public static let legend: [(String, String)] = [
        ("▶ ◀", "a message received (its line starts at the send)"),
        ("▷ ◁ ╌", "a message in flight (dashed, on its send row)"),
        ("╳", "a message lost, short of its receiver, with why"),
        ("●", "a local event; in the sequence view, a send"),
        ("◎", "a timer fired; ◎5 in a header: next timer in 5 ticks"),
        ("◆", "delivered to the application (committed, decided)"),
        ("✕ ┆ ↻", "crash, a crashed node's lifeline, restart"),
        ("·", "a note from the protocol (see the event text)"),
        ("#5 1b·4b", "message 5 and its primitive tags"),
        ("t3", "in a header or the state strip: term 3"),
        ("■ □", "durable (survives a crash), volatile"),
    ]

    /// The help screen, in the key map's order.
    public static let help: [(String, String)] = [
        ("space n →", "step: process the next event"),
        ("b ←", "step back (exact); acting in the past forks"),
        ("p  + -", "autoplay on/off, faster, slower"),
        ("tab shift-tab", "select the next / previous message in flight"),
        ("enter", "deliver the selected message now (reorder)"),
        ("d", "drop the selected message"),
        ("l  L", "delay it by 5 ticks, or by a typed amount"),
        ("u", "duplicate it"),
        ("1..9", "select a node"),
        ("a", "the selected node's request (send, propose, ...)"),
        (":", "command line: any scenario command"),
        ("c", "crash or restart the selected node"),
        ("x", "isolate the selected node (again: heal)"),
        ("H", "heal all links"),
        ("t", "fire the selected node's timeout"),
        ("h", "hint (in a lesson); a tip for this protocol"),
        ("[ ]", "scroll the lesson text"),
        ("r", "rewind to where the lesson and the run last agreed"),
        ("↑ ↓ PgUp PgDn Home End", "move the cursor through history"),
        ("i", "inspect: causal past and future of the cursor"),
        ("esc", "clear inspection, filter and selection"),
        ("f", "highlight messages of one primitive (cycles)"),
        ("v", "switch view: space-time lines / sequence arrows"),
        ("E", "show or hide the event-text column"),
        ("S", "show or hide the state strip (every node's log or state)"),
        ("/", "explore: find a schedule to a goal or a violation, and apply it"),
        ("e", "export the session"),
        ("?", "this help"),
        ("q", "quit"),
    ]
}
