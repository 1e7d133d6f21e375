import Foundation
import Lessons
import Scenario
import Testing
import TestSupport

/// Every built-in lesson is also a test: it parses, runs headless with each
/// wait performed and each quiz answered, and every `expect` holds.
@Suite struct BuiltinLessonTests {
    @Test func theCourseIsComplete() {
        let library = LessonLibrary(userDirectory: "/nonexistent")
        #expect(library.broken.isEmpty, "\(library.broken)")
        #expect(library.lessons.count >= 14)
        // Every primitive variant the implemented protocols use appears in a lesson.
        let taught = Set(library.lessons.flatMap(\.meta.primitives))
        for code in ["1a", "1b", "2b", "3b", "4b", "4c", "5b", "5c", "6b", "7b"] {
            #expect(taught.contains(code), "no lesson shows \(code)")
        }
    }

    @Test(arguments: LessonLibrary(userDirectory: "/nonexistent").lessons.map(\.meta.id))
    func lintsClean(_ id: String) throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lesson(id: id))
        #expect(LessonLint.check(lesson).map(\.description) == [])
        let known = LessonLibrary(userDirectory: "/nonexistent").lessons.map(\.meta)
        #expect(LessonLint.references(lesson, known: known).map(\.description) == [])
        #expect(lesson.items.contains { if case .quiz = $0 { return true }; return false }, "\(id) has no quiz")
        #expect(lesson.items.contains { if case .wait = $0 { return true }; return false }, "\(id) has no wait")
    }

    /// A lesson saved with Windows (CRLF) or old Mac (CR) line ends reads as
    /// the same lesson (issue 17, DESIGN §4).
    @Test func everyLineEndingReadsTheSameLesson() throws {
        let lesson = try #require(LessonLibrary(userDirectory: "/nonexistent").lessons.first)
        let text = try String(contentsOfFile: Paths.packageRoot + "/lessons/01-happens-before.md", encoding: .utf8)
        let lf = try LessonParser.parse(file: "l.md", text: text).get()
        for ending in ["\r\n", "\r"] {
            let other = try LessonParser.parse(file: "l.md", text: text.replacingOccurrences(of: "\n", with: ending)).get()
            #expect(other.meta == lf.meta && other.items.count == lf.items.count)
            #expect(LessonLint.check(other).map(\.description) == [])
        }
        _ = lesson
    }

    /// A reference to a lesson that does not exist, or by an old title, fails
    /// lint with the line; a good one is shown as its title.
    @Test func crossReferencesAreChecked() throws {
        let text = """
        ---
        id: refs
        title: References
        protocol: lamport
        primitives: 1a
        order: 99
        ---

        See [Raft: the split vote](raft-split-vote), [Raft: split votes](raft-split-vote) and [Gone](no-such-lesson).

        ```baton
        cluster lamport nodes=2
        pause
        ```
        """
        let lesson = try LessonParser.parse(file: "refs.md", text: text).get()
        let known = LessonLibrary(userDirectory: "/nonexistent").lessons.map(\.meta)
        let errors = LessonLint.references(lesson, known: known).map(\.description)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("refs.md:9:1:") && $0.contains("titled \"Raft: the split vote\"") })
        #expect(errors.contains { $0.contains("no lesson has the id `no-such-lesson`") })
        #expect(LessonReference.rendered("see [A b](x-1).") == "see “**A b**”.")
    }

    @Test func embeddedLessonsMatchTheFiles() throws {
        let dir = Paths.packageRoot + "/lessons"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".md") && $0 != "README.md" }
        let library = LessonLibrary(userDirectory: "/nonexistent")
        #expect(library.lessons.count == files.count, "the EmbedText build plugin did not embed every lesson in lessons/")
        for name in files {
            let disk = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            let lesson = LessonParser.parse(file: "lessons/" + name, text: disk)
            let embedded = try lesson.get()
            #expect(library.lesson(id: embedded.meta.id)?.items == embedded.items,
                    "\(name) differs from its embedded copy (the EmbedText build plugin)")
        }
    }
}

/// Broken lessons are reported precisely (file:line:column and what to do).
@Suite struct BrokenLessonTests {
    static let good = """
        ---
        id: t
        title: T
        protocol: raft
        primitives: 1b
        order: 1
        ---

        Text.

        ```baton
        cluster raft nodes=3 seed=7 election-timeout=30..50
        timeout A
        wait step 2
        quiz "Who?" choices=A,B answer=A
        ```
        """

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let text: String
        let at: String
        let says: String
        var description: String { name }
    }

    static func replacing(_ old: String, _ new: String) -> String { good.replacingOccurrences(of: old, with: new) }

    static let cases: [Case] = [
        Case(name: "no front matter", text: "Hello\n", at: "1:1", says: "starts with front matter"),
        Case(name: "unclosed front matter", text: "---\nid: a\n", at: "1:1", says: "not closed"),
        Case(name: "missing key", text: replacing("order: 1\n", ""), at: "6:1", says: "lacks `order`"),
        Case(name: "unknown key", text: replacing("order: 1", "order: 1\nauthor: me"), at: "7:1", says: "unknown front matter key"),
        Case(name: "bad order", text: replacing("order: 1", "order: first"), at: "6:8", says: "whole number"),
        Case(name: "unknown protocol", text: replacing("protocol: raft", "protocol: zab"), at: "4:11", says: "unknown protocol `zab`"),
        Case(name: "unknown primitive", text: replacing("primitives: 1b", "primitives: 9z"), at: "5:13", says: "unknown primitive"),
        Case(name: "cluster of another protocol", text: replacing("cluster raft nodes=3 seed=7 election-timeout=30..50", "cluster paxos nodes=3"), at: "12:9", says: "front matter says raft"),
        Case(name: "command before cluster", text: replacing("cluster raft nodes=3 seed=7 election-timeout=30..50\n", "step\n"), at: "12:1", says: "first command"),
        Case(name: "unknown command", text: replacing("timeout A", "tmeout A"), at: "13:1", says: "did you mean `timeout`"),
        Case(name: "unknown node", text: replacing("timeout A", "timeout Z"), at: "13:9", says: "unknown node `Z`"),
        Case(name: "unterminated block", text: String(good.dropLast(3)), at: "11:1", says: "unterminated"),
        Case(name: "quiz answer not a choice", text: replacing("answer=A", "answer=C"), at: "15:32", says: "not one of the choices"),
        Case(name: "quiz with one choice", text: replacing("choices=A,B", "choices=A"), at: "15:1", says: "at least two choices"),
        Case(name: "unknown wait", text: replacing("wait step 2", "wait forever"), at: "14:6", says: "unknown wait"),
        Case(name: "wait on an unknown message type", text: replacing("wait step 2", "wait drop type=Prepare"), at: "14:11", says: "no message type `Prepare`"),
        Case(name: "hint with nothing before", text: replacing("timeout A", "hint \"x\""), at: "13:1", says: "follows a wait or a quiz"),
        Case(name: "expect that fails", text: replacing("wait step 2", "expect A.currentTerm=7"), at: "14:8", says: "expected 7, actual 1"),
        Case(name: "wait that can never be satisfied", text: replacing("wait step 2", "wait until leader=C"), at: "14:1", says: "never satisfied"),
        Case(name: "lesson command typo in a wait", text: replacing("wait step 2", "wait step zero"), at: "14:11", says: "count"),
        Case(name: "a wait's event name with a bad character", text: replacing("wait step 2", "wait step 2 @c-d"), at: "14:13", says: "letters, digits or `_`"),
        Case(name: "a lesson run too long to wait for", text: replacing("timeout A", "run max=10000000"), at: "13:1", says: "at most max=20000"),
        Case(name: "a name on wait until", text: replacing("wait step 2", "wait until leader @c"), at: "14:19", says: "causes no event of its own"),
    ]

    @Test func atLeastFifteenCases() { #expect(Self.cases.count >= 15) }

    @Test(arguments: cases)
    func reportsPrecisely(_ c: Case) {
        var errors: [String] = []
        switch LessonParser.parse(file: "x.md", text: c.text) {
        case .failure(let e): errors = [e.description]
        case .success(let lesson): errors = LessonLint.check(lesson).map(\.description)
        }
        #expect(errors.first?.hasPrefix("x.md:\(c.at): error: ") == true, "\(c.name): \(errors)")
        #expect(errors.first?.contains(c.says) == true, "\(c.name): \(errors)")
    }

    @Test func notUTF8() {
        let bytes = Array(Self.good.utf8.prefix(40)) + [0xC3, 0x28, 0x0A]
        guard case .failure(let e) = LessonParser.parse(file: "x.md", bytes: bytes) else {
            Issue.record("a non-UTF-8 lesson parsed")
            return
        }
        #expect(e.description.contains("not valid UTF-8"))
    }

    @Test func aWaitMayNameTheEventItWaitsFor() throws {
        let lesson = try LessonParser.parse(file: "x.md", text: Self.replacing("wait step 2", "wait step 2 @c")).get()
        #expect(lesson.items.contains(.wait(.step(2), solve: nil, hint: nil, name: "c")))
        #expect(LessonLint.check(lesson).isEmpty)
    }

    @Test func theGoodOneLints() throws {
        let lesson = try LessonParser.parse(file: "x.md", text: Self.good).get()
        #expect(LessonLint.check(lesson).isEmpty)
    }
}

@Suite struct ProgressTests {
    @Test func savesAtomicallyAndSetsAsideACorruptFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-progress-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/baton/progress.json"
        var store = ProgressStore(path: path)
        #expect(store.completed.isEmpty && store.warning == nil)
        try store.markComplete("raft-election")
        #expect(ProgressStore(path: path).isComplete("raft-election"))
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        let broken = ProgressStore(path: path)
        #expect(broken.completed.isEmpty)
        #expect(broken.warning?.contains("moved to") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Two baton processes (two menus) that both saw an empty file each
    /// complete a lesson: the file ends with both, merged under a lock.
    @Test func twoWritersLoseNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-progress-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/progress.json"
        var first = ProgressStore(path: path), second = ProgressStore(path: path)
        try first.markComplete("raft-election")
        try second.markComplete("paxos-phases")
        #expect(Set(ProgressStore(path: path).completed) == ["raft-election", "paxos-phases"])
    }

    /// A save that cannot happen says why, in words.
    @Test func aFailedSaveSaysWhy() throws {
        var store = ProgressStore(path: "/proc/baton-cannot-be-here/progress.json")
        #expect(throws: ProgressStore.Failure.self) { try store.markComplete("x") }
        do { try store.markComplete("x") } catch { #expect("\(error)".contains("cannot create /proc/baton-cannot-be-here")) }
    }
}
