import Foundation

/// Reads a file that someone else may have written, refusing before reading
/// it all when it is over a size limit (so a 10 GB file costs nothing).
public enum BoundedFile {
    public enum Failure: Error, Equatable, Sendable {
        case missing, directory, unreadable(String)
        case tooLarge(bytes: Int)

        public var message: String {
            switch self {
            case .missing: "no such file"
            case .directory: "this is a directory, not a file"
            case .unreadable(let why): "cannot read the file: \(why)"
            case .tooLarge(let bytes): "the file is \(BoundedFile.megabytes(bytes)) MB"
            }
        }
    }

    public static func read(_ path: String, bytesMax: Int) -> Result<[UInt8], Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.missing) }
        guard !isDirectory.boolValue else { return .failure(.directory) }
        // Opening a FIFO would wait for a writer for ever: only regular files.
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            return .failure(.unreadable("not a regular file (a FIFO, device or socket cannot be read as one)"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.unreadable("permission denied or not a regular file"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit is enough to know the file is too big.
            data = try handle.read(upToCount: bytesMax + 1) ?? Data()
        } catch {
            return .failure(.unreadable(error.localizedDescription))
        }
        guard data.count <= bytesMax else {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
            return .failure(.tooLarge(bytes: size))
        }
        return .success([UInt8](data))
    }

    public static func megabytes(_ bytes: Int) -> String {
        let tenths = (Double(bytes) / 1_048_576 * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}

extension ScenarioText {
    /// A scenario file from disk, with every refusal as a `file:1:1` diagnostic.
    public static func read(_ path: String) -> Result<String, ScenarioErrors> {
        switch BoundedFile.read(path, bytesMax: ScenarioLimits.fileBytesMax) {
        case .success(let bytes):
            return decode(file: path, bytes: bytes)
        case .failure(let failure):
            var message = failure.message
            switch failure {
            case .tooLarge: message += "; a scenario may be at most \(ScenarioLimits.fileBytesMax / 1_048_576) MB"
            case .directory: message += "; give a .baton file"
            default: break
            }
            return .failure(ScenarioErrors(diagnostics: [Diagnostic(file: path, line: 1, column: 1, message: message)]))
        }
    }
}
