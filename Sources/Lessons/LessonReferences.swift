/// Cross-references between lessons: `[Raft: the split vote](raft-split-vote)`
/// in prose, the title as the learner sees it and the id that finds the
/// lesson. Ids do not move when lessons are added; `baton lint` checks that
/// each id exists and that the title is still that lesson's.
public struct LessonReference: Equatable, Sendable {
    public let title: String
    public let id: String

    /// The references in a paragraph, in order.
    public static func all(in text: String) -> [LessonReference] {
        var found: [LessonReference] = []
        var rest = Substring(text)
        // Bounded: each turn consumes at least up to the next `](`.
        while let close = rest.range(of: "](") {
            guard let open = rest[..<close.lowerBound].lastIndex(of: "["),
                  let end = rest[close.upperBound...].firstIndex(of: ")") else {
                rest = rest[close.upperBound...]
                continue
            }
            let title = rest[rest.index(after: open)..<close.lowerBound]
            let id = rest[close.upperBound..<end]
            if !id.isEmpty, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
                found.append(LessonReference(title: String(title), id: String(id)))
            }
            rest = rest[rest.index(after: end)...]
        }
        return found
    }

    /// The paragraph as the learner reads it: each reference is its title,
    /// quoted and in bold (a title inside a sentence reads as one name).
    public static func rendered(_ text: String) -> String {
        var out = text
        for r in all(in: text) { out = out.replacingOccurrences(of: "[\(r.title)](\(r.id))", with: "“**\(r.title)**”") }
        return out
    }
}

extension LessonLint {
    /// Every cross-reference of `lesson` names a lesson of `known` by id,
    /// with that lesson's current title.
    public static func references(_ lesson: Lesson, known: [LessonMeta]) -> [LessonError] {
        var errors: [LessonError] = []
        for (i, item) in lesson.items.enumerated() {
            guard case .prose(let text) = item else { continue }
            for r in LessonReference.all(in: text) {
                let line = i < lesson.lines.count ? lesson.lines[i] : 1
                guard let target = known.first(where: { $0.id == r.id }) else {
                    errors.append(LessonError(file: lesson.file, line: line, column: 1,
                                              message: "no lesson has the id `\(r.id)` (known: "
                                                + known.map(\.id).joined(separator: ", ") + ")"))
                    continue
                }
                let words = { (s: String) in s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                if words(r.title) != words(target.title) {
                    errors.append(LessonError(file: lesson.file, line: line, column: 1,
                                              message: "`\(r.id)` is titled \"\(target.title)\", not \"\(words(r.title))\""))
                }
            }
        }
        return errors
    }
}
