import Lessons
import Sim

/// The lesson beside the diagram: progress, the narration so far (with
/// **bold** and `code`), and what the learner is asked to do now.
struct LessonPanel {
    let state: AppState
    let rect: Rect

    var g: Glyphs { state.glyphs }

    typealias Row = [(String, Style)]

    /// The rows the lesson takes: three quarters of the side, the rest is
    /// the nodes and messages; on a short screen all of it (a quarter there
    /// is too few rows for the nodes, and they were left blank).
    var height: Int { rect.height < 24 ? rect.height : max(6, rect.height * 3 / 4) }

    /// The title's rows (it wraps to two rather than being cut).
    func titleRows(_ run: LessonRun) -> Int {
        wrap("Lesson \(run.progress) · \(run.lesson.meta.title)", rect.width - 1, base: .plain).prefix(2).count
    }

    /// Draws at the top of `rect`; returns the rows used. The story so far
    /// scrolls (`[` `]`) above what the learner is asked now, which stays
    /// in view; a new section is shown from its start.
    func draw(_ screen: inout ScreenBuffer) -> Int {
        guard let run = state.lesson else { return 0 }
        let width = rect.width - 2
        let prompt = promptRows(run, width: width)
        let (story, anchor) = storyRows(run, width: width)
        let region = region(promptRows: prompt.count + titleRows(run))
        let (top, shown) = window(total: story.count, anchor: anchor, region: region)
        var y = rect.y
        // The title wraps rather than being cut (it names the lesson).
        let heading = "Lesson \(run.progress) · \(run.lesson.meta.title)"
        for (i, line) in wrap(heading, rect.width - 1, base: .plain).prefix(2).enumerated() {
            let text = line.map(\.0).joined()
            screen.write(g.text(text), x: rect.x + (i == 0 ? 0 : 2), y: y,
                         style: state.style(.normal, bold: true, underline: true), maxX: rect.maxX)
            y += 1
        }
        let mark = state.style(.gray, dim: true)
        if top > 0 { put([(g.text("▲ more above ([)"), mark)], &screen, y: &y) }
        for row in story[top..<(top + shown)] { put(row, &screen, y: &y) }
        if top + shown < story.count { put([(g.text("▼ more below (])"), mark)], &screen, y: &y) }
        for row in prompt { put(row, &screen, y: &y) }
        return y - rect.y + 1
    }

    /// The values of `lessonScroll` that move the view (beyond them it would
    /// not move), so `[` after the top is reached is undone by one `]`.
    static func scrollRange(_ state: AppState) -> ClosedRange<Int> { scrolling(state).range }

    /// The useful values of `lessonScroll`, and how far one `[` or `]` moves:
    /// the rows in view less one, so that no line is ever skipped.
    static func scrolling(_ state: AppState) -> (range: ClosedRange<Int>, page: Int) {
        guard let run = state.lesson, let layout = Layout(width: state.width, height: state.height, lesson: true)
        else { return (0...0, 1) }
        let panel = LessonPanel(state: state, rect: layout.side)
        let width = layout.side.width - 2
        let (story, anchor) = panel.storyRows(run, width: width)
        let region = panel.region(promptRows: panel.promptRows(run, width: width).count + panel.titleRows(run))
        guard story.count > region else { return (0...0, 1) }
        let auto = autoTop(state, total: story.count, anchor: anchor, region: region)
        let page = max(1, region - 3)
        return ((-auto)...(maxTop(total: story.count, region: region) - auto), page)
    }

    /// Story rows under the title, above what is asked now (`fixedRows`:
    /// the title's and the prompt's): at least three.
    func region(promptRows fixedRows: Int) -> Int { max(3, height - fixedRows) }

    private func put(_ row: Row, _ screen: inout ScreenBuffer, y: inout Int) {
        guard y < rect.maxY else { return }
        var x = rect.x + 1
        for (text, style) in row { x = screen.write(g.text(text), x: x, y: y, style: style, maxX: rect.maxX) }
        y += 1
    }

    /// The first story row shown and how many: from the anchor (or the end,
    /// when the lesson has said something back), moved by `[` `]`, with a
    /// row given up for each "more" mark needed.
    func window(total: Int, anchor: Int, region: Int) -> (top: Int, count: Int) {
        guard total > region else { return (0, total) }
        let top = min(max(0, Self.autoTop(state, total: total, anchor: anchor, region: region) + state.lessonScroll),
                      Self.maxTop(total: total, region: region))
        return (top, Self.count(top: top, total: total, region: region))
    }

    /// Rows of story shown from `top`: the region less a row for each mark.
    static func count(top: Int, total: Int, region: Int) -> Int {
        let above = top > 0 ? 1 : 0
        let below = top + region - above < total ? 1 : 0
        return min(total - top, max(1, region - above - below))
    }

    /// The last top worth scrolling to: the end of the story in view.
    static func maxTop(total: Int, region: Int) -> Int { max(0, total - max(1, region - 1)) }

    /// Where the panel puts itself: the section's start, or the end when the
    /// lesson has said something back.
    static func autoTop(_ state: AppState, total: Int, anchor: Int, region: Int) -> Int {
        state.lessonFeedback.isEmpty ? min(anchor, maxTop(total: total, region: region)) : maxTop(total: total, region: region)
    }

    /// The narration so far and what the lesson said back, wrapped; and the
    /// row where the current section starts (its heading when that fits).
    func storyRows(_ run: LessonRun, width: Int) -> (rows: [Row], anchor: Int) {
        var rows: [Row] = []
        var starts: [Int] = []
        let paragraphs = run.narration(atStep: state.core.step)
        for (i, paragraph) in paragraphs.enumerated() {
            starts.append(rows.count)
            rows += wrap(paragraph, width, base: state.style(.normal))
            // List items stay together; other paragraphs get a blank line.
            let nextIsItem = i + 1 < paragraphs.count && paragraphs[i + 1].hasPrefix("- ")
            if !(paragraph.hasPrefix("- ") && nextIsItem) { rows.append([]) }
        }
        for feedback in state.lessonFeedback {
            rows += wrap(feedback, width, base: state.style(.cyan, bold: true))
            rows.append([])
        }
        let first = min(run.sectionStart, paragraphs.count)
        var anchor = first < starts.count ? starts[first] : max(0, rows.count - 1)
        // The answer to the question just passed opens the new section.
        if let answer = state.lessonAnswer {
            let at = first < starts.count ? starts[first] : rows.count
            let answerRows = wrap(answer, width, base: state.style(.cyan, bold: true)) + [[]]
            rows.insert(contentsOf: answerRows, at: at)
            return (rows, at)
        }
        if let heading = paragraphs[..<first].lastIndex(where: { $0.hasPrefix("#") }), first < starts.count,
           anchor - starts[heading] <= 6 {
            anchor = starts[heading]
        }
        return (rows, anchor)
    }

    /// What the learner is asked now: go on, an action with its keys, or a question.
    func promptRows(_ run: LessonRun, width: Int) -> [Row] {
        if state.core.step < state.core.lastStep {
            return wrap("(in the past: space replays, End returns)", width, base: state.style(.gray))
        }
        switch run.blocked {
        case .pause?: return wrap("▶ press space to go on", width, base: state.style(.yellow, bold: true))
        case .wait(let action, let solve, _, _)?:
            return wrap("▶ now: " + LessonText.describe(action, solved: solve != nil), width,
                        base: state.style(.yellow, bold: true))
        case .quiz(let quiz, _)?:
            var rows = wrap("? " + quiz.question, width, base: state.style(.yellow, bold: true))
            for (i, choice) in quiz.choices.enumerated() {
                rows += wrap("  \(i + 1)) \(choice)", width, base: state.style(.normal, bold: true))
            }
            return rows
        case nil:
            return run.finished ? wrap("\(g.ok) Lesson complete", width, base: state.style(.green, bold: true)) : []
        }
    }

    /// Word-wrap a paragraph, keeping **bold** and `code` styles. A heading
    /// (`## ...`) is bold; a list item keeps its bullet.
    func wrap(_ text: String, _ width: Int, base: Style) -> [[(String, Style)]] {
        var base = base
        var body = Substring(LessonReference.rendered(text))
        if body.hasPrefix("#") {
            body = body.drop { $0 == "#" }.drop { $0 == " " }
            base.bold = true
        }
        // Segments: (text, style, preceded by a space).
        var words: [(String, Style, Bool)] = []
        var bold = false, code = false, space = false
        var current = ""
        var chars = Array(body)[...]
        func style() -> Style {
            var s = base
            if bold { s.bold = true }
            if code { s = state.style(.cyan, bold: s.bold) }
            return s
        }
        func flush() {
            if !current.isEmpty { words.append((current, style(), space)); current = ""; space = false }
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "*" && chars.first == "*" { flush(); chars = chars.dropFirst(); bold.toggle(); continue }
            if c == "*" && !code { flush(); continue }   // *emphasis*: the words alone
            if c == "`" { flush(); code.toggle(); continue }
            if c == " " { flush(); space = true; continue }
            current.append(c)
        }
        flush()
        // Segments not preceded by a space stay on the line of the one
        // before them: "(**4b**," breaks as one word.
        var groups: [(segments: [(String, Style)], spaced: Bool)] = []
        for (word, style, spaced) in words {
            if spaced || groups.isEmpty { groups.append(([(word, style)], spaced)) }
            else { groups[groups.count - 1].segments.append((word, style)) }
        }
        var lines: [[(String, Style)]] = []
        var line: [(String, Style)] = []
        var used = 0
        for group in groups {
            let w = group.segments.reduce(0) { $0 + TextWidth.of($1.0) }
            let gap = used > 0 ? 1 : 0
            if used > 0 && used + gap + w > width {
                lines.append(line)
                line = []
                used = 0
            } else if gap == 1 {
                line.append((" ", base))
                used += 1
            }
            for (text, style) in group.segments {
                let room = max(1, width - used)
                line.append((TextWidth.clip(text, to: room, ellipsis: g.ellipsis), style))
                used += min(TextWidth.of(text), room)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
