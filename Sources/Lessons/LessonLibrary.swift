import Foundation
import Scenario

/// The lessons a learner can open: the built-in course (embedded at build
/// time) and their own, from `--lessons DIR` or `$XDG_DATA_HOME/baton/lessons`.
public struct LessonLibrary: Sendable {
    public private(set) var lessons: [Lesson] = []
    /// Files that did not parse (shown in the menu, never fatal).
    public private(set) var broken: [LessonError] = []

    public init(userDirectory: String? = nil, includeBuiltin: Bool = true) {
        if includeBuiltin {
            for (name, text) in BuiltinLessons.files { add(LessonParser.parse(file: "lessons/" + name, text: text)) }
        }
        let dir = userDirectory ?? Self.defaultUserDirectory
        if let dir, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            for name in names.sorted() where name.hasSuffix(".md") && name != "README.md" {
                add(Self.load(dir + "/" + name))
            }
        }
        lessons.sort { ($0.meta.order, $0.meta.id) < ($1.meta.order, $1.meta.id) }
    }

    private mutating func add(_ result: Result<Lesson, LessonError>) {
        switch result {
        case .success(let lesson):
            if lessons.contains(where: { $0.meta.id == lesson.meta.id }) {
                broken.append(LessonError(file: lesson.file, line: 2, column: 1,
                                          message: "lesson id `\(lesson.meta.id)` is used twice"))
            } else {
                lessons.append(lesson)
            }
        case .failure(let e):
            broken.append(e)
        }
    }

    public func lesson(id: String) -> Lesson? { lessons.first { $0.meta.id == id } }

    static var defaultUserDirectory: String? {
        let env = ProcessInfo.processInfo.environment
        if let data = env["XDG_DATA_HOME"], !data.isEmpty { return data + "/baton/lessons" }
        return env["HOME"].map { $0 + "/.local/share/baton/lessons" }
    }

    /// Read a lesson file, refusing what is too big before reading it all.
    public static func load(_ path: String) -> Result<Lesson, LessonError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(LessonError(file: path, line: 1, column: 1, message: "cannot open the file"))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 4 * 1024 * 1024 + 1)) ?? Data()
        return LessonParser.parse(file: path, bytes: [UInt8](data))
    }
}

/// Which lessons a learner has completed, in the XDG state directory
/// (`$XDG_STATE_HOME/baton/progress.json` or `~/.local/state/baton/...`).
/// Written atomically; a corrupt file is set aside and reported, never fatal.
public struct ProgressStore: Sendable {
    public let path: String
    public private(set) var completed: [String] = []
    /// What went wrong reading it, if anything (for the status line).
    public private(set) var warning: String? = nil

    /// A save that did not happen, in words.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(path: String? = nil) {
        let env = ProcessInfo.processInfo.environment
        // Never a shared temporary folder: without a home, progress is not kept.
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.passwordHome()
        let base = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.local/state" }
        self.path = path ?? base.map { $0 + "/baton/progress.json" } ?? ""
        if self.path.isEmpty {
            warning = "no home directory (HOME is unset): progress will not be saved"
            return
        }
        load()
    }

    /// The user's home from the password database, when HOME is unset.
    static func passwordHome() -> String? {
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        let home = String(cString: dir)
        return home.isEmpty || home == "/" ? nil : home
    }

    private mutating func load() {
        let bytes: [UInt8]
        switch BoundedFile.read(path, bytesMax: Self.fileBytesMax) {
        case .failure(.missing): return
        case .failure(.tooLarge): bytes = []
        case .failure: return warning = "the progress file \(path) cannot be read; progress will not be saved"
        case .success(let read): bytes = read
        }
        guard let list = Self.decode(bytes) else {
            let aside = path + ".corrupt-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: path, toPath: aside)
            warning = "the progress file was unreadable; it was moved to \(aside) and progress starts afresh"
            return
        }
        completed = list
    }

    /// A progress file is a short list of lesson ids; anything larger is not one.
    public static let fileBytesMax = 1_048_576

    /// The completed lesson ids, or nil when the bytes are not a progress file.
    public static func decode(_ bytes: [UInt8]) -> [String]? {
        guard !bytes.isEmpty, bytes.count <= fileBytesMax,
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let list = object["completed"] as? [String] else { return nil }
        // Ids are shown in the menu and compared, never used as paths.
        return list.filter { id in id.count <= 200 }
    }

    public func isComplete(_ id: String) -> Bool { completed.contains(id) }

    /// Replace the list (not saved until `save`).
    public mutating func setCompleted(_ ids: [String]) { completed = ids }

    /// Add `id` and save, merged under a lock with what other baton
    /// processes saved meanwhile, so that two open menus lose nothing.
    public mutating func markComplete(_ id: String) throws {
        guard !path.isEmpty else { throw Failure(description: warning ?? "progress is not saved") }
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(dir) for the progress file")
        }
        let lock = open(dir + "/.progress.lock", O_WRONLY | O_CREAT | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { throw Failure(description: "cannot lock the progress file in \(dir): " + String(cString: strerror(errno))) }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        if case .success(let bytes) = BoundedFile.read(path, bytesMax: Self.fileBytesMax), let onDisk = Self.decode(bytes) {
            for other in onDisk where !completed.contains(other) { completed.append(other) }
        }
        if !completed.contains(id) { completed.append(id) }
        try save()
    }

    /// Temp file in the same directory, fsync, rename: a crash leaves the
    /// old file or the new one, never half of one.
    public func save() throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let object: [String: Any] = ["version": 1, "completed": completed]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let temp = dir + "/.progress.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // O_EXCL | O_NOFOLLOW: a planted symlink is refused, never followed.
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write in \(dir): " + String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let writeError = String(cString: strerror(errno))
        fsync(fd)
        close(fd)
        guard written == data.count else {
            unlink(temp)
            throw Failure(description: "cannot write the progress file in \(dir): " + writeError)
        }
        guard rename(temp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            throw Failure(description: "cannot replace \(path): " + why)
        }
        Self.removeAbandonedTemps(in: dir)
    }

    /// A writer killed mid-save leaves its temp file behind; remove those
    /// whose process is gone (a live one may be another baton saving now).
    static func removeAbandonedTemps(in dir: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(".progress.") && name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            guard parts.count == 4, let pid = Int32(parts[1]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + name) }
        }
    }
}
