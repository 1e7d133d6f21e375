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
        let temp = (directory as NSString).appendingPathComponent(".\(base).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temp, contents: Data(contents.utf8)) else {
            throw Failure(description: "cannot write in \(directory)")
        }
        defer { unlink(temp) }
        let fd = open(temp, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        for n in 0..<1000 {
            let candidate = n == 0 ? safe : "\(base)-\(n).\(ext)"
            let path = (directory as NSString).appendingPathComponent(candidate)
            // link() fails if the name exists, so nothing is ever overwritten.
            if link(temp, path) == 0 { return path }
            if errno != EEXIST { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
        }
        throw Failure(description: "too many exports named \(safe)")
    }
}
