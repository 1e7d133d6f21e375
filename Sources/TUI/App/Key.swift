/// A key press, decoded by the terminal layer.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace
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
    case inspect, cycleFilter, toggleView, toggleEventText, toggleStateStrip
    case export
    case toggleHelp
    case quit
    case scrollUp(Int), scrollDown(Int), scrollHome, scrollEnd
    case resize(width: Int, height: Int)
    case promptInput(Character), promptBackspace, promptSubmit, promptCancel
}

/// DESIGN.md §9, the key map (a contract: the end-to-end tests drive it).
public enum KeyMap {
    public static func action(for key: Key, prompting: Bool) -> AppAction? {
        if prompting {
            switch key {
            case .char(let c) where c.isNumber: return .promptInput(c)
            case .backspace: return .promptBackspace
            case .enter: return .promptSubmit
            case .escape, .char("q"): return .promptCancel
            case .resize(let w, let h): return .resize(width: w, height: h)
            default: return nil
            }
        }
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
        case .char("h"): return .healAll
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
        case .escape: return .promptCancel
        case .resize(let w, let h): return .resize(width: w, height: h)
        default: return nil
        }
    }

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
        ("c", "crash or restart the selected node"),
        ("x", "isolate the selected node (again: heal)"),
        ("h", "heal all links"),
        ("t", "fire the selected node's timeout"),
        ("↑ ↓ PgUp PgDn Home End", "move the cursor through history"),
        ("i", "inspect: causal past and future of the cursor"),
        ("f", "highlight messages of one primitive (cycles)"),
        ("v", "switch view: space-time lines / sequence arrows"),
        ("E", "show or hide the event-text column"),
        ("S", "show or hide the state strip (every node's log or state)"),
        ("e", "export the session"),
        ("?", "this help"),
        ("q", "quit"),
    ]
}
