import Lessons
import Sim

extension AppState {
    /// `render(state)`: the whole frame from state alone.
    public func render() -> ScreenBuffer {
        var screen = ScreenBuffer(width: width, height: height)
        guard let layout = Layout(width: width, height: height, lesson: lesson != nil) else {
            drawTooSmall(&screen)
            return screen
        }
        drawFrame(&screen, layout)
        let (diagram, strip) = StateStripView.split(layout.diagram, state: self)
        DiagramView(state: self, rect: diagram).draw(&screen)
        if let strip { StateStripView(state: self, rect: strip).draw(&screen) }
        if lesson != nil {
            let used = LessonPanel(state: self, rect: layout.side).draw(&screen)
            let rest = Rect(x: layout.side.x, y: layout.side.y + used, width: layout.side.width,
                            height: layout.side.height - used)
            if rest.height >= 4 { SidePanel(state: self, rect: rest).draw(&screen) }
        } else {
            SidePanel(state: self, rect: layout.side).draw(&screen)
        }
        drawFooter(&screen, layout.footer)
        if showHelp { drawHelp(&screen, layout) }
        return screen
    }

    func style(_ color: Color, bold: Bool = false, dim: Bool = false, reverse: Bool = false,
               underline: Bool = false) -> Style {
        Style(color: self.color ? color : .normal, bold: bold, dim: dim, reverse: reverse, underline: underline)
    }

    private func drawTooSmall(_ screen: inout ScreenBuffer) {
        let message = "terminal too small (need \(Layout.minWidth)×\(Layout.minHeight), have \(width)×\(height))"
        let text = glyphs.text(message)
        let lines = width >= TextWidth.of(text) ? [text] : [glyphs.text("terminal too small"),
                                                              glyphs.text("need \(Layout.minWidth)×\(Layout.minHeight)")]
        for (i, line) in lines.enumerated() {
            let x = max(0, (width - TextWidth.of(line)) / 2)
            screen.write(line, x: x, y: height / 2 - lines.count / 2 + i, style: style(.yellow, bold: true))
        }
    }

    private func drawFrame(_ screen: inout ScreenBuffer, _ layout: Layout) {
        let g = glyphs
        let border = style(.gray)
        let corners: (Character, Character, Character, Character, Character, Character, Character, Character) =
            g.isASCII ? ("+", "+", "+", "+", "+", "+", "+", "+") : ("┌", "┐", "└", "┘", "├", "┤", "┬", "┴")
        for x in 0..<width {
            screen.put(g.boxH, x: x, y: 0, style: border)
            screen.put(g.boxH, x: x, y: height - 1, style: border)
            screen.put(g.boxH, x: x, y: layout.footer.y - 1, style: border)
        }
        for y in 1..<(height - 1) {
            screen.put(g.boxV, x: 0, y: y, style: border)
            screen.put(g.boxV, x: width - 1, y: y, style: border)
        }
        for y in 1..<(layout.footer.y - 1) { screen.put(g.boxV, x: layout.separatorX, y: y, style: border) }
        screen.put(corners.0, x: 0, y: 0, style: border)
        screen.put(corners.1, x: width - 1, y: 0, style: border)
        screen.put(corners.2, x: 0, y: height - 1, style: border)
        screen.put(corners.3, x: width - 1, y: height - 1, style: border)
        screen.put(corners.4, x: 0, y: layout.footer.y - 1, style: border)
        screen.put(corners.5, x: width - 1, y: layout.footer.y - 1, style: border)
        screen.put(corners.6, x: layout.separatorX, y: 0, style: border)
        screen.put(corners.7, x: layout.separatorX, y: layout.footer.y - 1, style: border)
        // Cut with an ellipsis and a blank kept each side, so a long title reads as cut
        // rather than running into the corner (`t=0─┐`).
        let title = TextWidth.clip(g.text(titleText(fitting: width - 6)), to: max(1, width - 6), ellipsis: g.ellipsis)
        screen.write(" " + title + " ", x: 2, y: 0, style: style(.normal, bold: true), maxX: width - 2)
    }

    var lessonHint: String {
        switch lesson?.blocked {
        case .pause?: return "space: go on with the lesson"
        case .wait(let action, let solve, let hint, _)?:
            return "now: " + LessonText.describe(action, solved: solve != nil) + (hint != nil && solve == nil ? "  (h: hint)" : "")
        case .quiz?: return "answer with 1, 2, ...  (h: hint)"
        case nil: return lesson?.finished == true ? "lesson complete: q to leave" : ""
        }
    }

    /// The teaching variants that are on (`UNSAFE double-vote`): a run that
    /// breaks on purpose must say so where the eye goes first.
    var unsafeOptions: [String] {
        session.spec.options.compactMap { given in
            let option = core.descriptor.option(given.key)
            guard option?.unsafe.contains(where: { $0.value == given.value }) == true else { return nil }
            return given.key == "unsafe" ? "UNSAFE \(given.value)" : "UNSAFE \(given.key)=\(given.value)"
        }
    }

    var titleText: String { titleText(fitting: Int.max) }

    /// The title in `columns` if it can be: the seed goes first, then the
    /// mode's words after its first two (`free play from split-vote` →
    /// `free play`), so that the step, the time and `in the past` stay.
    func titleText(fitting columns: Int) -> String {
        var status = ["step \(core.step)/\(core.lastStep)", "t=\(core.time)"]
        if playing { status.append("playing \(1 << speed)/s") }
        if core.step < core.lastStep { status.append("in the past") }
        let short = mode.split(separator: " ").prefix(2).joined(separator: " ")
        let choices = [[mode, "seed \(core.config.seed)"], [mode], [short]]
        for (k, middle) in choices.enumerated() {
            let text = ([core.protocolTitle] + unsafeOptions + middle + status).joined(separator: " · ")
            if TextWidth.of(glyphs.text(text)) <= columns || k == choices.count - 1 { return text }
        }
        return ""
    }

    private func drawFooter(_ screen: inout ScreenBuffer, _ rect: Rect) {
        if let prompt, prompt.kind == .command {
            drawCommandLine(&screen, rect, prompt)
            return
        }
        let line1: String
        var line2 = keyBar(width: rect.width - 2), line2Style = style(.gray, dim: true)
        if let prompt, prompt.kind == .goal {
            line1 = "/ explore to: \(prompt.text)_" + (prompt.error == nil
                ? "  (a query like leaders or violations=election-safety; empty: any violation; enter, esc)" : "")
            // The error under the goal, where the keys were: appended to the hint it was clipped away.
            if let error = prompt.error { (line2, line2Style) = (error.message, style(.red, bold: true)) }
        } else if let prompt {
            line1 = "delay #\(selectedMessage ?? 0) by how many ticks? \(prompt.text)_  (enter to apply, esc to cancel)"
        } else if status.isEmpty && lesson != nil {
            line1 = lessonHint
        } else if status.isEmpty {
            line1 = session.core.descriptor.hasTimer ? "t fires the selected node's timer; a makes a request; h for a tip"
                : "a makes a request; space steps; tab picks a message in flight; h for a tip"
        } else {
            line1 = status
        }
        // Clipped with an ellipsis, so that a cut line reads as cut.
        let room = rect.width - 2
        screen.write(TextWidth.clip(glyphs.text(line1), to: room, ellipsis: glyphs.ellipsis), x: rect.x + 1, y: rect.y,
                     style: style(.normal, bold: prompt != nil), maxX: rect.maxX - 1)
        screen.write(TextWidth.clip(glyphs.text(line2), to: room, ellipsis: glyphs.ellipsis), x: rect.x + 1,
                     y: rect.y + 1, style: line2Style, maxX: rect.maxX - 1)
    }

    /// As many keys as fit, most used first, always ending in `? help  q quit`.
    func keyBar(width: Int) -> String {
        let items = ["space step", "b back", "tab select", "d drop", "a request", ": command", "c crash", "h hint",
                     "S state", "v view"]
        let end = "? help  q quit"
        var bar = ""
        for item in items where TextWidth.of(bar + item + "  " + end) <= width { bar += item + "  " }
        return bar + end
    }

    /// `: send A B m1_` with, under it, the error pointing at its column,
    /// what tab found, or how the line works.
    private func drawCommandLine(_ screen: inout ScreenBuffer, _ rect: Rect, _ prompt: Prompt) {
        let room = rect.width - 4
        // Long lines scroll left so that the cursor stays in view.
        let shown = TextWidth.of(prompt.text) + 1 > room ? String(prompt.text.suffix(room - 2)) : prompt.text
        let offset = prompt.text.count - shown.count
        let end = screen.write(": " + glyphs.text(shown), x: rect.x + 1, y: rect.y, style: style(.normal, bold: true),
                               maxX: rect.maxX - 1)
        screen.put("_", x: end, y: rect.y, style: style(.normal, bold: true))
        let y = rect.y + 1
        if let error = prompt.error {
            let caret = max(0, error.column - 1 - offset)
            let x = rect.x + 3 + caret
            let text = TextWidth.of(error.message) + caret + 6 <= rect.width ? "^ " + error.message : error.message
            screen.write(glyphs.text(text), x: text.hasPrefix("^") ? x : rect.x + 1, y: y,
                         style: style(.red, bold: true), maxX: rect.maxX - 1)
        } else if !prompt.candidates.isEmpty {
            screen.write(glyphs.text(prompt.candidates.joined(separator: "  ")), x: rect.x + 1, y: y,
                         style: style(.cyan), maxX: rect.maxX - 1)
        } else {
            screen.write(glyphs.text("enter runs  tab completes  ↑ ↓ history  esc cancels  (any scenario command)"),
                         x: rect.x + 1, y: y, style: style(.gray, dim: true), maxX: rect.maxX - 1)
        }
    }

    private func drawHelp(_ screen: inout ScreenBuffer, _ layout: Layout) {
        let keys = KeyMap.help, legend = KeyMap.legend
        func widths(_ rows: [(String, String)]) -> (Int, Int) {
            (rows.map { TextWidth.of(glyphs.text($0.0)) }.max() ?? 10, rows.map { TextWidth.of(glyphs.text($0.1)) }.max() ?? 30)
        }
        let (keyWidth, descWidth) = widths(keys), (markWidth, meaningWidth) = widths(legend)
        let keysColumn = keyWidth + descWidth + 4, legendColumn = markWidth + meaningWidth + 4
        // The legend beside the keys when there is room, else under them.
        let side = width - 2 >= keysColumn + legendColumn + 3
        let rows = side ? keys : keys + [("", "")] + legend.map { ($0.0, $0.1) }
        let boxWidth = min(width - 2, (side ? keysColumn + legendColumn + 3 : max(keysColumn, legendColumn)) + 3)
        let boxHeight = min(height - 2, (side ? max(keys.count, legend.count + 2) : rows.count) + 4)
        let rect = Rect(x: (width - boxWidth) / 2, y: max(1, (height - boxHeight) / 2), width: boxWidth,
                        height: boxHeight)
        let border = style(.cyan, bold: true)
        screen.fill(rect, with: " ")
        for x in rect.x..<rect.maxX {
            screen.put(glyphs.boxH, x: x, y: rect.y, style: border)
            screen.put(glyphs.boxH, x: x, y: rect.maxY - 1, style: border)
        }
        for y in rect.y..<rect.maxY {
            screen.put(glyphs.boxV, x: rect.x, y: y, style: border)
            screen.put(glyphs.boxV, x: rect.maxX - 1, y: y, style: border)
        }
        let corners: [Character] = glyphs.isASCII ? ["+", "+", "+", "+"] : ["┌", "┐", "└", "┘"]
        for (i, (x, y)) in [(rect.x, rect.y), (rect.maxX - 1, rect.y), (rect.x, rect.maxY - 1),
                            (rect.maxX - 1, rect.maxY - 1)].enumerated() {
            screen.put(corners[i], x: x, y: y, style: border)
        }
        screen.write(glyphs.text(" Keys (? or esc closes) "), x: rect.x + 2, y: rect.y, style: border)
        // Rows that do not fit scroll (↑ ↓), with a mark saying so.
        let fits = rows.count <= rect.height - 3
        let skip = fits ? 0 : min(helpScroll, max(0, rows.count - (rect.height - 4)))
        if !fits {
            let more = skip + (rect.height - 4) < rows.count ? "↓ more" : "↑ back"
            screen.write(glyphs.text(" \(more) "), x: rect.maxX - 11, y: rect.maxY - 1, style: border)
        }
        func column(_ rows: [(String, String)], x: Int, y: Int, keyWidth: Int, maxX: Int) {
            for (i, row) in rows.dropFirst(skip).prefix(max(0, rect.maxY - 1 - y)).enumerated() {
                screen.write(glyphs.text(row.0), x: x, y: y + i, style: style(.cyan, bold: true), maxX: maxX)
                screen.write(glyphs.text(row.1), x: x + 2 + keyWidth, y: y + i, maxX: maxX)
            }
        }
        column(rows, x: rect.x + 2, y: rect.y + 2, keyWidth: max(keyWidth, side ? 0 : markWidth),
               maxX: side ? rect.x + 2 + keysColumn : rect.maxX - 1)
        if side {
            let x = rect.x + 2 + keysColumn + 2
            screen.write(glyphs.text("What the marks mean"), x: x, y: rect.y + 2, style: style(.normal, bold: true),
                         maxX: rect.maxX - 1)
            column(legend, x: x, y: rect.y + 4, keyWidth: markWidth, maxX: rect.maxX - 1)
        }
    }
}
