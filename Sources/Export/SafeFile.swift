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
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
        defer { close(fd) }
        var bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
            offset += n
        }
        fsync(fd)
    }
}
