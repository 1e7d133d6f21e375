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
        screen.write(" " + g.text(titleText) + " ", x: 2, y: 0, style: style(.normal, bold: true), maxX: width - 2)
    }

    var lessonHint: String {
        switch lesson?.blocked {
        case .pause?: return "space: go on with the lesson"
        case .wait(let action, _, let hint)?: return "now: " + LessonText.describe(action) + (hint != nil ? "  (h: hint)" : "")
        case .quiz?: return "answer with 1, 2, ...  (h: hint)"
        case nil: return lesson?.finished == true ? "lesson complete: q returns to the menu" : ""
        }
    }

    var titleText: String {
        var parts = [core.protocolTitle, mode, "seed \(core.config.seed)", "step \(core.step)/\(core.lastStep)",
                     "t=\(core.time)"]
        if playing { parts.append("playing \(1 << speed)/s") }
        if core.step < core.lastStep { parts.append("in the past") }
        return parts.joined(separator: " · ")
    }

    private func drawFooter(_ screen: inout ScreenBuffer, _ rect: Rect) {
        let line1: String
        if let prompt {
            line1 = "delay #\(selectedMessage ?? 0) by how many ticks? \(prompt)_  (enter to apply, esc to cancel)"
        } else if status.isEmpty && lesson != nil {
            line1 = lessonHint
        } else if status.isEmpty {
            line1 = session.core.descriptor.hasTimer ? "t fires the selected node's timer; tab picks a message in flight"
                : "space steps; tab picks a message in flight, then d drops it"
        } else {
            line1 = status
        }
        screen.write(glyphs.text(line1), x: rect.x + 1, y: rect.y, style: style(.normal, bold: prompt != nil),
                     maxX: rect.maxX - 1)
        let keys = "space step  b back  tab select  d drop  l delay  c crash  x isolate  e export  ? help  q quit"
        screen.write(keys, x: rect.x + 1, y: rect.y + 1, style: style(.gray, dim: true), maxX: rect.maxX - 1)
    }

    private func drawHelp(_ screen: inout ScreenBuffer, _ layout: Layout) {
        let rows = KeyMap.help
        let keyWidth = rows.map { TextWidth.of(glyphs.text($0.0)) }.max() ?? 10
        let descWidth = rows.map { TextWidth.of(glyphs.text($0.1)) }.max() ?? 30
        let boxWidth = min(width - 2, keyWidth + descWidth + 7)
        let boxHeight = min(height - 2, rows.count + 4)
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
        for (i, row) in rows.prefix(boxHeight - 3).enumerated() {
            let y = rect.y + 2 + i
            screen.write(glyphs.text(row.0), x: rect.x + 2, y: y, style: style(.cyan, bold: true), maxX: rect.maxX - 1)
            screen.write(glyphs.text(row.1), x: rect.x + 4 + keyWidth, y: y, maxX: rect.maxX - 1)
        }
    }
}
