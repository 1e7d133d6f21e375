import Sim

/// The events a scenario can name in happens-before queries (DESIGN §4):
/// the label of `local A a` and of `send A B m1` (a message's label names its
/// send), and any command's `@name`. Kept beside the run, caught up with the
/// trace incrementally, so `run until a -> b` stays linear in the run.
public struct EventNames: Sendable, Equatable {
    /// `@name` → trace index of the event the command caused.
    private(set) var named: [String: Int] = [:]
    /// label → trace index of the first event carrying it.
    private var labels: [String: Int] = [:]
    /// Events before this index are in `labels`.
    private var indexed = 0

    public init() {}

    /// The trace index of the event called `name` (`@` optional), if any.
    public func event(_ name: String) -> Int? {
        let bare = name.hasPrefix("@") ? String(name.dropFirst()) : name
        return named[bare] ?? labels[bare]
    }

    /// Every `@name` by the trace index of its event (for the diagram,
    /// which writes the name beside the event).
    public var nameByEvent: [Int: String] {
        Dictionary(named.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether `name` was given by `@name` (labels may repeat; names not).
    func isNamed(_ name: String) -> Bool { named[name] != nil }

    /// Every name and label, for an error message.
    var known: [String] { (named.keys.map { "@" + $0 } + labels.keys).sorted() }

    /// Every name and label with its event (a `@name` before a label).
    var all: [(String, Int)] {
        named.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
            + labels.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
    }

    /// Give the event at `index` a name; false when the name is taken.
    mutating func name(_ name: String, event index: Int) -> Bool {
        guard named[name] == nil else { return false }
        named[name] = index
        return true
    }

    /// Index the labels of events recorded since the last call.
    mutating func catchUp(_ core: any SessionCore) {
        if indexed > core.eventCount { forget(from: core.eventCount) }
        while indexed < core.eventCount {
            if let label = Self.label(core, indexed), labels[label] == nil { labels[label] = indexed }
            indexed += 1
        }
    }

    /// The run went back (a rewind or a fork): names of events that no
    /// longer exist are dropped.
    mutating func forget(from count: Int) {
        named = named.filter { $0.value < count }
        labels = labels.filter { $0.value < count }
        indexed = min(indexed, count)
    }

    /// A local event's label, or a send's message label; other events are
    /// named only by `@name`. Only events in happens-before (they tick).
    static func label(_ core: any SessionCore, _ index: Int) -> String? {
        let e = core.event(index)
        switch e.kind {
        case .local: return e.text
        case .send: return e.message.flatMap { core.messageInfo($0, withSummary: false)?.label }
        default: return nil
        }
    }

    /// The first event in `range` that takes part in happens-before (a
    /// deliver's receive, a request's send or local step), else the first.
    static func causedEvent(_ core: any SessionCore, in range: Range<Int>) -> Int? {
        range.first { core.event($0).ticks } ?? range.first
    }
}
