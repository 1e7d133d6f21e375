import Lessons
import Sim

/// The lesson beside the diagram: progress, the narration so far (with
/// **bold** and `code`), and what the learner is asked to do now.
struct LessonPanel {
    let state: AppState
    let rect: Rect

    var g: Glyphs { state.glyphs }

    /// Draws at the top of `rect`; returns the rows used.
    func draw(_ screen: inout ScreenBuffer) -> Int {
        guard let run = state.lesson else { return 0 }
        let width = rect.width - 2
        var rows: [[(String, Style)]] = []
        var prompt: [[(String, Style)]] = []
        let heading = "Lesson \(run.progress) · \(run.lesson.meta.title)"
        switch run.blocked {
        case .pause?: prompt = wrap("▶ press space to go on", width, base: state.style(.yellow, bold: true))
        case .wait(let action, _, _)?:
            prompt = wrap("▶ now: " + LessonText.describe(action), width, base: state.style(.yellow, bold: true))
        case .quiz(let quiz, _)?:
            prompt = wrap("? " + quiz.question, width, base: state.style(.yellow, bold: true))
            for (i, choice) in quiz.choices.enumerated() {
                prompt += wrap("  \(i + 1)) \(choice)", width, base: state.style(.normal, bold: true))
            }
        case nil:
            if run.finished { prompt = wrap("\(g.ok) Lesson complete", width, base: state.style(.green, bold: true)) }
        }
        let budget = max(3, rect.height * 2 / 3) - 1 - prompt.count
        let paragraphs = run.narration(atStep: state.core.step)
        for (i, paragraph) in paragraphs.enumerated() {
            rows += wrap(paragraph, width, base: state.style(.normal))
            // List items stay together; other paragraphs get a blank line.
            let nextIsItem = i + 1 < paragraphs.count && paragraphs[i + 1].hasPrefix("- ")
            if !(paragraph.hasPrefix("- ") && nextIsItem) { rows.append([]) }
        }
        if state.core.step < state.core.lastStep {
            prompt = wrap("(in the past: space replays, End returns)", width, base: state.style(.gray))
        }
        let visible = Array(rows.suffix(max(0, budget)))
        var y = rect.y
        screen.write(g.text(heading), x: rect.x, y: y, style: state.style(.normal, bold: true, underline: true),
                     maxX: rect.maxX)
        y += 1
        for row in visible + prompt where y < rect.maxY {
            var x = rect.x + 1
            for (text, style) in row { x = screen.write(g.text(text), x: x, y: y, style: style, maxX: rect.maxX) }
            y += 1
        }
        return y - rect.y + 1
    }

    /// Word-wrap a paragraph, keeping **bold** and `code` styles. A heading
    /// (`## ...`) is bold; a list item keeps its bullet.
    func wrap(_ text: String, _ width: Int, base: Style) -> [[(String, Style)]] {
        var base = base
        var body = Substring(text)
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
            if c == "`" { flush(); code.toggle(); continue }
            if c == " " { flush(); space = true; continue }
            current.append(c)
        }
        flush()
        var lines: [[(String, Style)]] = []
        var line: [(String, Style)] = []
        var used = 0
        for (word, style, spaced) in words {
            let w = TextWidth.of(word)
            let gap = spaced && used > 0 ? 1 : 0
            if used > 0 && used + gap + w > width {
                lines.append(line)
                line = []
                used = 0
            } else if gap == 1 {
                line.append((" ", base))
                used += 1
            }
            line.append((TextWidth.clip(word, to: width, ellipsis: g.ellipsis), style))
            used += min(w, width)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
