import ArgumentParser
import Foundation
import Lessons
import Scenario
import TUI

struct LessonOptions: ParsableArguments {
    @Option(help: "A directory of your own lessons (default: $XDG_DATA_HOME/baton/lessons).")
    var lessons: String?

    var library: LessonLibrary { LessonLibrary(userDirectory: lessons) }
}

struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "learn", abstract: "Open one lesson.")

    @Argument(help: "The lesson id (see `baton lessons`).")
    var id: String

    @OptionGroup var options: LessonOptions

    func run() throws {
        let library = options.library
        guard let lesson = library.lesson(id: id) else {
            let ids = library.lessons.map(\.meta.id)
            let close = ids.first { $0.hasPrefix(id) || id.hasPrefix($0) }.map { "; did you mean `\($0)`?" } ?? ""
            throw ValidationError("no lesson `\(id)`\(close) (baton lessons lists them)")
        }
        let code = try Interactive.run(opening: "opening \(lesson.meta.title)",
                                       exportDir: FileManager.default.currentDirectoryPath, progress: ProgressStore()) { interrupt in
            let state = try AppState(lesson: lesson, width: 80, height: 24,
                                     interrupt: interrupt)
            if interrupt.isStopRequested {
                throw SessionLoading.Failure(lines: ["baton: \(lesson.meta.title): opening stopped (Esc)"])
            }
            return state
        }
        if code != 0 { throw ExitCode(code) }
    }
}

struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lessons", abstract: "List the lessons and your progress.")

    @OptionGroup var options: LessonOptions

    func run() {
        let library = options.library
        let progress = ProgressStore()
        if let warning = progress.warning { Console.err("baton: \(warning)") }
        for (i, lesson) in library.lessons.enumerated() {
            let mark = progress.isComplete(lesson.meta.id) ? "✓" : " "
            Console.out("\(mark) \(i + 1). \(lesson.meta.id)  \(lesson.meta.title)  [\(lesson.meta.primitives.joined(separator: " "))]")
        }
        for broken in library.broken { Console.err("\(broken)") }
        Console.out("\(progress.completed.filter { id in library.lessons.contains { $0.meta.id == id } }.count) of "
              + "\(library.lessons.count) complete. Open one with `baton learn <id>`.")
    }
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lessons (and scenarios): parse them, run them headless, check every expect and quiz.",
        discussion: "With no paths, checks the built-in lessons. Exit 1 on any error, with file:line:column."
    )

    @Argument(help: "Lesson (.md) or scenario (.baton) files, or directories of them.")
    var paths: [String] = []

    func run() throws {
        var errors: [String] = []
        var checked = 0
        if paths.isEmpty {
            let library = LessonLibrary(userDirectory: "/nonexistent", includeBuiltin: true)
            errors += library.broken.map(\.description)
            for lesson in library.lessons {
                checked += 1
                errors += LessonLint.check(lesson).map(\.description)
                errors += LessonLint.references(lesson, known: library.lessons.map(\.meta)).map(\.description)
            }
        }
        let files = expand(paths)
        if !paths.isEmpty && files.isEmpty {
            Console.err("nothing to check in \(paths.joined(separator: ", ")): give lessons (.md), scenarios (.baton), "
                        + "or folders that hold them")
            throw ExitCode(2)
        }
        for path in files {
            checked += 1
            if path.hasSuffix(".baton") {
                switch ScenarioText.read(path) {
                case .failure(let e): errors += e.diagnostics.map(\.description)
                case .success(let text):
                    let outcome = ScenarioRunner.run(file: path, text: text)
                    errors += outcome.errors.map(\.description) + outcome.failures.map(\.description)
                }
            } else {
                switch LessonLibrary.load(path) {
                case .failure(let e): errors.append(e.description)
                case .success(let lesson):
                    errors += LessonLint.check(lesson).map(\.description)
                    let builtin = LessonLibrary(userDirectory: "/nonexistent").lessons.map(\.meta)
                    errors += LessonLint.references(lesson, known: builtin + [lesson.meta]).map(\.description)
                }
            }
        }
        for e in errors { Console.err(e) }
        Console.out(errors.isEmpty ? "\(checked) checked, all good" : "\(checked) checked, \(errors.count) error(s)")
        if !errors.isEmpty { throw ExitCode(1) }
    }

    func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
            return names.sorted().filter { ($0.hasSuffix(".md") && $0 != "README.md") || $0.hasSuffix(".baton") }
                .map { path + "/" + $0 }
        }
    }
}
