/// Words for learners: what a lesson waits for, with the keys that do it,
/// and its conditions in words rather than query syntax.
public enum LessonText {
    /// `drop one Promise (tab to select it, then d)`.
    /// `solved`: the wait has a `solve=` (stepping alone cannot meet it),
    /// so the words do not promise that space will.
    public static func describe(_ action: WaitAction, solved: Bool = false) -> String {
        switch action {
        case .until(let query) where solved: return "get to where \(condition(query)) (space alone will not: h for a hint)"
        case .step(let n): return n == 1 ? "step once (space)" : "step \(n) times (space)"
        case .crash(let node):
            return node == "leader" ? "crash the leader (its number, then c)" : "crash \(node) (its number, then c)"
        case .restart(let node): return "restart \(node) (its number, then c)"
        case .fault(let kind, let type):
            let what = type.map { "one \($0)" } ?? "a message"
            let key = ["drop": "d", "delay": "l", "duplicate": "u", "deliver": "enter"][kind] ?? kind
            return "\(kind) \(what) (tab to select it, then \(key))"
        case .timeout(let node): return "fire \(node)'s timer (its number, then t)"
        case .isolate(let node): return "isolate \(node) (its number, then x)"
        case .heal: return "heal the network (H)"
        case .until(let query): return "wait until \(condition(query)) (space steps)"
        }
    }

    /// `leader` → "a leader is elected"; `B.commitLength=4` → "B's
    /// commitLength is 4"; `decided=x` → "x is decided".
    public static func condition(_ query: String) -> String {
        let parts = query.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts[0], value = parts.count > 1 ? parts[1] : nil
        switch (name, value) {
        case ("leader", nil): return "a leader is elected"
        case ("leader", let v?): return "\(v) is the leader"
        case ("decided", nil): return "a value is decided"
        case ("decided", let v?): return "\(v) is decided"
        case ("violations", "none"?): return "no invariant is broken"
        case ("violations", let v?): return "the invariant " + v.replacingOccurrences(of: ",", with: " and ") + " is broken"
        case ("assumptions", "none"?): return "no assumption is broken"
        case ("assumptions", let v?): return "the assumption " + v.replacingOccurrences(of: ",", with: " and ") + " is broken"
        default: break
        }
        if let dot = name.firstIndex(of: ".") {
            let node = name[..<dot], variable = name[name.index(after: dot)...]
            return value.map { "\(node)'s \(variable) is \($0)" } ?? "\(node)'s \(variable) holds"
        }
        return value.map { "\(name) is \($0)" } ?? "\(name) holds"
    }
}
