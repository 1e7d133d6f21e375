import Foundation

/// Writes a new file atomically (temp file in the same directory, then a
/// hard link to a name that is not taken), never overwriting.
public enum SafeFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func writeNew(directory: String, name: String, contents: String) throws -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        let base = (safe as NSString).deletingPathExtension
        let ext = (safe as NSString).pathExtension
        let temp = (directory as NSString).appendingPathComponent(".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        try writeExclusive(temp, contents)
        defer { unlink(temp) }
        for n in 0..<1000 {
            let candidate = n == 0 ? safe : "\(base)-\(n).\(ext)"
            let path = (directory as NSString).appendingPathComponent(candidate)
            // link() fails if the name exists, so nothing is ever overwritten.
            if link(temp, path) == 0 { return path }
            if errno != EEXIST { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
        }
        throw Failure(description: "too many exports named \(safe)")
    }

    /// Create `path` only if nothing is there (not even a symlink), write,
    /// and fsync, so a planted link can never redirect the write.
    public static func writeExclusive(_ path: String, _ contents: String) throws {
        try writeExclusive(path, bytes: Array(contents.utf8))
    }

    public static func writeExclusive(_ path: String, bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
        defer { close(fd) }
        try writeAll(fd: fd, bytes, path: path)
        fsync(fd)
    }
}

extension SafeFile {
    /// `--out PATH` as shell redirection would do it, safely (issue 17):
    /// `-` is standard output; a device, FIFO, `/dev/…` or `/proc/…` path is
    /// written through (it stays what it is); a regular file, reached
    /// directly or through a symlink, is replaced atomically with a
    /// temporary file beside it and keeps its mode, and the link stays a
    /// link; a new file is created the same way with the usual mode.
    public static func writeOut(_ path: String, _ contents: String) throws {
        try writeOut(path, bytes: Array(contents.utf8))
    }

    /// The same, for bytes already made.
    public static func writeOut(_ path: String, bytes contents: [UInt8]) throws {
        try writeOut(path) { $0.append(contentsOf: contents) }
    }

    /// The same, streamed: `produce` writes into an `ExportBytes` that hands
    /// each full chunk to the file, so memory does not grow with the export.
    public static func writeOut(_ path: String, produce: (inout ExportBytes) -> Void) throws {
        if path == "-" { return try stream(fd: 1, path: "standard output", produce) }
        var st = stat()
        let throughPath = path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFREG || throughPath { return try writeThrough(path, produce) }
            guard let real = realpath(path, nil) else { throw failure(path) }
            defer { free(real) }
            return try replaceAtomically(String(cString: real), produce, mode: st.st_mode & 0o7777)
        }
        guard errno == ENOENT else { throw failure(path) }
        var link = stat()
        if lstat(path, &link) == 0 {
            throw Failure(description: "\(path) is a symlink to a missing file; give the target's path instead")
        }
        let mask = umask(0)
        umask(mask)
        try replaceAtomically(path, produce, mode: 0o666 & ~mask)
    }

    private static func failure(_ path: String) -> Failure {
        Failure(description: String(cString: strerror(errno)) + " (\(path))")
    }

    private static func stream(fd: Int32, path: String, _ produce: (inout ExportBytes) -> Void) throws {
        var out = ExportBytes(streamingTo: fd, path: path)
        produce(&out)
        try out.finish()
    }

    /// Open an existing non-regular file and write into it, as `>` would.
    private static func writeThrough(_ path: String, _ produce: (inout ExportBytes) -> Void) throws {
        let fd = open(path, O_WRONLY | O_TRUNC)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        try stream(fd: fd, path: path, produce)
    }

    /// Temporary file in the target's directory, then rename over it.
    private static func replaceAtomically(_ target: String, _ produce: (inout ExportBytes) -> Void,
                                          mode: mode_t) throws {
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let folder = directory.isEmpty ? "." : directory
        let temp = (folder as NSString)
            .appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        // Created only if nothing is there (not even a symlink).
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            // Name the folder the user gave, not the temporary file's name.
            throw Failure(description: "cannot create \(name) in \(folder): " + String(cString: strerror(errno)))
        }
        do {
            try stream(fd: fd, path: target, produce)
            fsync(fd)
            close(fd)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard chmod(temp, mode) == 0, rename(temp, target) == 0 else {
            let error = failure(target)
            unlink(temp)
            throw error
        }
    }

    /// Every byte, however many `write` calls it takes (each writes some).
    static func writeAll(fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBufferPointer { try writeAll(fd: fd, $0, path: path) }
    }

    static func writeAll(fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n > 0 else { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
            offset += n
        }
    }
}
