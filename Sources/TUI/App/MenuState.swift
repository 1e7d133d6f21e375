import Lessons
import Protocols
import Sim

/// The lesson menu `baton` opens: the course in order with completion
/// marks, then free play for each protocol.
public struct MenuState: Sendable {
    public enum Entry: Sendable {
        case lesson(Lesson, done: Bool)
        case freePlay(protocolID: String, title: String)
    }

    public enum Choice: Equatable, Sendable {
        case lesson(String)
        case freePlay(String)
        case quit
    }

    public var entries: [Entry]
    public var selected = 0
    public var width: Int
    public var height: Int
    public var glyphs: Glyphs
    public var color: Bool
    public var status = ""

    public init(library: LessonLibrary, completed: [String], width: Int, height: Int, glyphs: Glyphs = .unicode,
                color: Bool = true) {
        entries = library.lessons.map { .lesson($0, done: completed.contains($0.meta.id)) }
            + ProtocolCatalog.entries.map { .freePlay(protocolID: $0.id, title: $0.title) }
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.color = color
        if let first = library.broken.first { status = "a lesson file is broken: \(first)" }
        // Start on the first lesson not yet done.
        selected = entries.firstIndex { if case .lesson(_, false) = $0 { return true }; return false } ?? 0
    }

    public mutating func reduce(_ key: Key) -> Choice? {
        switch key {
        case .up, .char("k"): selected = max(0, selected - 1)
        case .down, .char("j"): selected = min(entries.count - 1, selected + 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(entries.count - 1, selected + 10)
        case .home: selected = 0
        case .end: selected = entries.count - 1
        case .resize(let w, let h): width = w; height = h
        case .enter, .char(" "), .right:
            switch entries[selected] {
            case .lesson(let lesson, _): return .lesson(lesson.meta.id)
            case .freePlay(let id, _): return .freePlay(id)
            }
        case .char("q"), .escape: return .quit
        default: break
        }
        return nil
    }

    /// A lesson completed: marked, and the menu moves on to the next one.
    public mutating func markDone(_ id: String) {
        for i in entries.indices {
            if case .lesson(let lesson, _) = entries[i], lesson.meta.id == id {
                entries[i] = .lesson(lesson, done: true)
                if i + 1 < entries.count, case .lesson = entries[i + 1] { selected = i + 1 }
            }
        }
    }

    /// What the selected lesson's primitive codes mean (seed 000's catalog).
    var legend: String {
        guard case .lesson(let lesson, _) = entries[selected] else { return "" }
        return lesson.meta.primitives.compactMap { Primitive(code: $0) }
            .map { "\($0.code) \($0.familyName), \($0.variantName)" }.joined(separator: " · ")
    }

    func style(_ c: Color, bold: Bool = false, reverse: Bool = false) -> Style {
        Style(color: color ? c : .normal, bold: bold, reverse: reverse)
    }

    public func render() -> ScreenBuffer {
        var screen = ScreenBuffer(width: width, height: height)
        guard width >= 40, height >= 8 else {
            screen.write(glyphs.text("terminal too small"), x: 0, y: 0, style: style(.yellow, bold: true))
            return screen
        }
        screen.write(glyphs.text("Baton · learn distributed protocols one message at a time"), x: 2, y: 0,
                     style: style(.normal, bold: true))
        let rows = height - 5
        let top = min(max(0, selected - rows / 2), max(0, entries.count - rows))
        var lessonNumber = 0
        for (i, entry) in entries.enumerated() {
            if case .lesson = entry { lessonNumber += 1 }
            guard i >= top, i < top + rows else { continue }
            let y = 2 + i - top
            let marker = i == selected ? String(glyphs.selected) : " "
            let text: String
            switch entry {
            case .lesson(let lesson, let done):
                text = "\(marker) \(done ? String(glyphs.ok) : " ") \(lessonNumber). \(lesson.meta.title)  ["
                    + lesson.meta.primitives.joined(separator: " ") + "]"
            case .freePlay(let id, let title):
                text = "\(marker)   free play: \(title) (\(id))"
            }
            screen.write(glyphs.text(text), x: 1, y: y, style: style(i == selected ? .cyan : .normal,
                                                                         bold: i == selected), maxX: width - 1)
        }
        let footer = status.isEmpty ? "↑ ↓ choose · enter open · q quit · [codes]: the patterns a lesson shows" : status
        screen.write(glyphs.text(legend), x: 2, y: height - 2, style: style(.cyan), maxX: width - 1)
        screen.write(glyphs.text(footer), x: 2, y: height - 1, style: style(.gray), maxX: width - 1)
        return screen
    }
}
