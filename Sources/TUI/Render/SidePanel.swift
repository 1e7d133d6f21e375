import Export
import Protocols
import Sim

/// The right-hand panels: nodes, messages in flight, the selected message's
/// primitive, open exchanges, and invariants.
struct SidePanel {
    let state: AppState
    let rect: Rect

    var core: any SessionCore { state.core }
    var g: Glyphs { state.glyphs }

    func draw(_ screen: inout ScreenBuffer) {
        var y = rect.y
        let maxY = rect.maxY
        var dropped = 0
        func line(_ text: String, _ style: Style = .plain, indent: Int = 1) {
            guard y < maxY else { dropped += 1; return }
            // Cut with `…`, never mid-word without a sign (`4c monotonic ordering tok`).
            let fitted = TextWidth.clip(g.text(text), to: max(0, rect.maxX - rect.x - indent), ellipsis: g.ellipsis)
            screen.write(fitted, x: rect.x + indent, y: y, style: style, maxX: rect.maxX)
            y += 1
        }
        var headingY = -1
        func heading(_ text: String) {
            headingY = y
            line(text, state.style(.normal, bold: true, underline: true), indent: 0)
        }

        // The event under the cursor in full: the event text beside the
        // diagram is cut to its column, or not shown at all on narrow screens.
        if let row = state.cursor, row < core.eventCount {
            heading("Event \(row + 1)/\(core.eventCount)")
            let name = state.session.scenario.names.nameByEvent[row].map { $0 + ": " } ?? ""
            for wrapped in wrap(name + EventText.describe(core, row), width: rect.width - 2, lines: 4) {
                line(wrapped, state.style(.cyan))
            }
        }
        heading("Nodes")
        // A summary that does not fit goes on under its node, indented, while
        // the panel keeps room for the rest (Paxos: promised= and accepted=).
        let count = core.cluster.count
        for (i, name) in core.cluster.names.enumerated() {
            let node = NodeID(i)
            let mark = i == state.selectedNode ? String(g.selected) : " "
            let summary = core.summary(of: node).map { "\($0.name)=\($0.value.rendered)" }.joined(separator: " ")
            let down = core.isCrashed(node)
            let cut = !down && state.isIsolated(i) ? "isolated  " : ""
            let style = state.style(down ? .red : .normal, bold: i == state.selectedNode)
            // (The mark stays out of the wrap: a blank one would be lost.)
            let lines = wrap("\(name) " + (down ? "\(g.crash) crashed  " : "") + cut + summary, width: rect.width - 2)
            let rest = wrap(lines.dropFirst().joined(separator: " "), width: rect.width - 5)
            let spare = (maxY - y) - (count - i) - 6
            line(mark + (lines.first ?? name), style)
            for more in fitted(rest, width: rect.width - 5, lines: max(0, min(2, spare))) { line("   " + more, style) }
        }
        // Every variable of the selected node (Raft's sentLength and ackedLength
        // are the numbers behind the commit rule), as room allows, then the legend.
        let room = max(3, (maxY - y) / 2 - 1)
        for wrapped in wrap(variablesLine(), width: rect.width - 2, lines: room) { line(wrapped, state.style(.gray)) }
        line(g.isASCII ? "(# durable, - volatile)" : "(■ durable, □ volatile)", state.style(.gray, dim: true))

        let blocked = core.blockedLinks
        if !blocked.isEmpty {
            let links = blocked.map { "\(core.cluster.name($0.0))→\(core.cluster.name($0.1))" }
            for wrapped in wrap("Network cut: " + links.joined(separator: " "), width: rect.width - 1, lines: 2) {
                line(wrapped, state.style(.yellow, bold: true), indent: 0)
            }
        }
        let flights = core.inflight
        let shown = min(flights.count, max(1, (maxY - y - 1) / 3))
        // How many of them the rows below list (tab moves the window with the selection).
        heading("In flight (\(flights.count)" + (shown < flights.count ? ", \(shown) shown)" : ")"))
        let selectedAt = flights.firstIndex { $0.id == state.selectedMessage } ?? 0
        let first = min(max(0, selectedAt - shown / 2), max(0, flights.count - shown))
        for f in flights[first..<(first + shown)] {
            guard let m = core.messageInfo(f.id) else { continue }
            let mark = f.id == state.selectedMessage ? String(g.selected) : " "
            let selected = f.id == state.selectedMessage
            // The type name gives way first: a cut due time would mislead.
            let head = "\(mark)#\(f.id) \(core.cluster.name(m.from))→\(core.cluster.name(m.to)) ", tail = " due \(f.due)"
            let room = rect.width - 1 - TextWidth.of(g.text(head)) - TextWidth.of(tail)
            // The learner's label beside the type; else the message's own
            // summary (`Promise 2.B accepted=1.A:x`) when it fits whole.
            let described = m.label.map { "\(m.typeName) \($0)" }
                ?? (TextWidth.of(g.text(m.summary)) <= room ? m.summary : m.typeName)
            let name = TextWidth.clip(described, to: max(1, room), ellipsis: g.ellipsis)
            line(head + name + tail, state.style(state.hue(of: m.typeName), bold: selected, reverse: selected))
        }
        if flights.isEmpty { line("none", state.style(.gray)) }

        drawPrimitive(line: line, heading: heading)

        let open = core.openExchanges
        if !open.isEmpty {
            heading("Exchanges")
            for x in open.suffix(3) {
                line("\(core.cluster.name(x.opener)) \(x.primitive.code) \(x.primitive.familyName) \(x.progress)")
            }
        }
        // A broken assumption is not the algorithm's fault: said apart.
        if core.descriptor.queries.contains("assumptions"), case .list(let broken)? = core.globalQuery("assumptions"),
           !broken.isEmpty {
            for wrapped in wrap("\(g.bad) assumption violated: " + broken.joined(separator: ", ") + " (see the trace)",
                                width: rect.width - 1) {
                line(wrapped, state.style(.yellow, bold: true), indent: 0)
            }
        }
        // Blocked is not broken (2PC: a yes vote waits for a coordinator that is down): said apart.
        if core.descriptor.queries.contains("blocked"), case .list(let blocked)? = core.globalQuery("blocked"),
           !blocked.isEmpty {
            for wrapped in wrap("blocked: " + blocked.joined(separator: ", ") + " voted yes and wait for the "
                                + "coordinator, which is down", width: rect.width - 1) {
                line(wrapped, state.style(.yellow, bold: true), indent: 0)
            }
        }
        // All holding: one line. Broken: each one, in red, first.
        let names = invariantNames
        if core.violated.isEmpty {
            for wrapped in wrap("\(g.ok) invariants hold: " + names.joined(separator: ", "), width: rect.width - 1) {
                line(wrapped, state.style(.green), indent: 0)
            }
        } else {
            heading("Invariants")
            for name in names.filter(core.violated.contains) + names.filter({ !core.violated.contains($0) }) {
                let broken = core.violated.contains(name)
                line("\(broken ? g.bad : g.ok) \(name)", state.style(broken ? .red : .green, bold: broken), indent: 1)
            }
        }
        // What the height left out is said, on the last row: a list cut by the
        // panel's bottom must not read as whole.
        // A heading left with nothing under it goes too.
        if dropped > 0, rect.height > 2 {
            let at = headingY == maxY - 2 ? maxY - 2 : maxY - 1
            let more = dropped + maxY - at
            screen.fill(Rect(x: rect.x, y: at, width: rect.width, height: maxY - at), with: " ", style: .plain)
            screen.write(g.text("\(g.ellipsis) \(more) more lines"), x: rect.x,
                         y: at, style: state.style(.gray, dim: true), maxX: rect.maxX)
        }
    }

    private func drawPrimitive(line: (String, Style, Int) -> Void, heading: (String) -> Void) {
        guard let id = state.selectedMessage, let m = core.messageInfo(id), let p = m.tags.codes.first else { return }
        heading("Primitive" + (m.tags.closest ? " (closest)" : ""))
        line("\(m.typeName): " + m.tags.codes.map(\.code).joined(separator: " "), state.style(.cyan, bold: true), 1)
        let text = PrimitiveTexts.all[p.code]
        line("\(p.code) \(p.familyName), \(p.variantName)", state.style(.normal, bold: false), 1)
        for wrapped in wrap(text?.summary ?? p.variantName, width: rect.width - 2, lines: 2) { line(wrapped, .plain, 1) }
        // Other protocols first: the point is that the same shape recurs.
        var others: [String] = []
        let types = ProtocolCatalog.messageTypes.filter { $0.tags.codes.contains(p) }
        for t in types.filter({ $0.protocolID != core.protocolID }) + types.filter({ $0.protocolID == core.protocolID }) {
            let name = "\(t.protocolID) " + (t.typeName.split(separator: " ").first.map(String.init) ?? t.typeName)
            if !others.contains(name) && name != "\(core.protocolID) \(m.typeName)" { others.append(name) }
        }
        if !others.isEmpty {
            for wrapped in wrap("also used by: " + others.joined(separator: ", "), width: rect.width - 2, lines: 2) {
                line(wrapped, state.style(.gray), 1)
            }
        }
    }

    /// The selected node's variables, ■ durable, □ volatile.
    private func variablesLine() -> String {
        let node = NodeID(state.selectedNode)
        let durable: Character = g.isASCII ? "#" : "■", volatile: Character = g.isASCII ? "-" : "□"
        return core.cluster.name(node) + ": " + core.variables(of: node).map {
            "\($0.durable ? durable : volatile)\($0.name)=\($0.value.rendered)"
        }.joined(separator: " ")
    }

    /// The protocol's invariants, from its descriptor.
    private var invariantNames: [String] { core.descriptor.invariants }

    /// `text` wrapped to at most `lines` lines, the last ending in `…`
    /// when some of it is left out (a list or sentence cut mid-way must
    /// not read as whole).
    func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        fitted(wrap(text, width: width), width: width, lines: lines)
    }

    /// `wrapped` (lines of at most `width` columns) kept to `lines`, the last ending in `…` if any were left out.
    func fitted(_ wrapped: [String], width: Int, lines: Int) -> [String] {
        guard lines > 0 else { return [] }
        guard wrapped.count > lines else { return wrapped }
        var kept = Array(wrapped.prefix(lines))
        kept[lines - 1] = TextWidth.clip(kept[lines - 1] + " " + wrapped[lines], to: width, ellipsis: g.ellipsis)
        return kept
    }

    /// Greedy word wrap to `width` columns.
    func wrap(_ text: String, width: Int) -> [String] {
        guard width > 4 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) }
            else if TextWidth.of(current) + 1 + TextWidth.of(String(word)) <= width { current += " " + word }
            else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { TextWidth.clip($0, to: width, ellipsis: g.ellipsis) }
    }
}
