import Export
import Sim

extension AppState {
    /// The hues message types take, in the order the descriptor lists the
    /// types (red is kept for losses and violations, gray for what recedes).
    static let messageHues: [Color] = [.cyan, .magenta, .yellow, .green, .blue]

    /// A message type's own hue, the same in the diagram, the in-flight list
    /// and the event text: the type's place in the descriptor picks it.
    func hue(of typeName: String) -> Color {
        let types = core.descriptor.messages
        guard let i = types.firstIndex(where: { $0.typeName == typeName }) else { return .normal }
        return Self.messageHues[i % Self.messageHues.count]
    }

    /// How event `row` relates to the inspected event (`i`): nil when
    /// nothing is inspected; `.same` for the inspected events themselves.
    func inspection(ofRow row: Int) -> CausalRelation? {
        guard let a = inspectA, let va = core.vclock(ofEvent: a) else { return nil }
        if row == a || row == inspectB { return .same }
        guard let v = core.vclock(ofEvent: row) else { return .concurrent }
        return CausalRelation.between(v, va)
    }

    /// Inspection emphasis over a base style: the inspected event reversed,
    /// its causal past bold, its future underlined, the rest dimmed (so it
    /// reads without colour).
    func inspected(_ base: Style, row: Int) -> Style {
        var style = base
        switch inspection(ofRow: row) {
        case nil: break
        case .same?: style.bold = true; style.reverse = true
        case .before?: style.bold = true
        case .after?: style.underline = true
        default: style.dim = true
        }
        return style
    }
}

extension DiagramView {
    /// A message's style, in both views: its type's hue; under inspection,
    /// the emphasis of its send event; under the primitive filter, bold when
    /// tagged with it and gray otherwise; selected (or under the cursor),
    /// bold and reversed, line and label alike.
    func messageStyle(_ m: MessageInfo, start: Int, end: Int) -> Style {
        var style = state.style(state.hue(of: m.typeName))
        if let f = state.filter {
            style = m.tags.codes.contains(f) ? state.style(state.hue(of: m.typeName), bold: true)
                : state.style(.gray, dim: true)
        } else {
            style = state.inspected(style, row: start)
        }
        if m.id == state.selectedMessage || (state.cursor != nil && (start == state.focusRow || end == state.focusRow)) {
            style.bold = true
            style.reverse = true
            style.dim = false
        }
        return style
    }
}
