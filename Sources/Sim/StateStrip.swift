/// One node's row in the state strip (`S` in the TUI): the protocol's main
/// state, drawn for every node side by side, as RaftScope draws the logs.
/// A protocol with a log gives its entries (the last `entriesMax` of them),
/// its commit point and a note; one without gives its main variables as the
/// note.
public struct StripRow: Equatable, Sendable {
    /// The last entries of the node's log, oldest first.
    public var entries: [StripEntry]
    /// The log index (from 0) of `entries.first`: how many are not shown.
    public var firstIndex: Int
    /// How many entries, from the log's start, are committed; nil when the
    /// protocol has no commit point.
    public var committed: Int?
    /// Words after the entries (Raft's leader: `sent 3,3 acked 3,2`).
    public var note: String

    public init(entries: [StripEntry] = [], firstIndex: Int = 0, committed: Int? = nil, note: String = "") {
        self.entries = entries
        self.firstIndex = firstIndex
        self.committed = committed
        self.note = note
    }
}

/// A log entry in the strip: its text and the group that picks its colour
/// (Raft: the term it was appended in).
public struct StripEntry: Equatable, Sendable {
    public let text: String
    public let group: Int

    public init(_ text: String, group: Int) {
        self.text = text
        self.group = group
    }
}

extension NodeProtocol {
    /// By default the strip shows every variable, `name=value`.
    public func strip(of state: State, entriesMax: Int) -> StripRow {
        StripRow(note: variables(of: state).map { "\($0.name)=\($0.value.rendered)" }.joined(separator: " "))
    }
}
