import Foundation
import Testing
import TestSupport

/// `--out` behaves as shell redirection would, safely (issue 17): devices and
/// FIFOs are written through and stay what they are, a file keeps its mode,
/// a symlink stays a link, `-` is standard output.
@Suite struct OutputFileTests {
    static let scenario = "cluster lamport nodes=2\nsend A B m1\nstep\n"

    func setUp() throws -> (dir: String, scenario: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/s.baton"
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    func kind(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test func aFileKeepsItsModeAndALinkStaysALink() throws {
        let (dir, scenario) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/trace.txt"
        try "old".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect(try Subprocess.run(Paths.batonBinary, ["run", scenario, "--out", file]).status == 0)
        var st = stat()
        stat(file, &st)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("send #1 A→B m1"))
        let link = dir + "/link.txt"
        symlink(file, link)
        #expect(try Subprocess.run(Paths.batonBinary, ["run", scenario, "--out", link, "--format", "json"]).status == 0)
        #expect(kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("{ \"format\": \"baton-trace\""))
        let stdout = try Subprocess.run(Paths.batonBinary, ["run", scenario, "--out", "-"])
        #expect(stdout.status == 0 && stdout.stdout.contains("send #1 A→B m1"))
        // A folder that does not exist is named in the error, not a temporary file.
        let missing = try Subprocess.run(Paths.batonBinary, ["run", scenario, "--out", dir + "/no/trace.txt"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot create trace.txt in \(dir)/no"), "\(missing.stderr)")
        #expect(!missing.stderr.contains(".tmp"))
    }

    @Test func aFIFOAndADeviceAreWrittenThrough() throws {
        let (dir, scenario) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader on the other end, as a shell pipeline would have.
        let copy = dir + "/copy.txt"
        let script = "cat \"$1\" > \"$2\" & \"$3\" run \"$4\" --out \"$1\"; s=$?; wait; exit $s"
        let result = try Subprocess.run("/bin/sh", ["-c", script, "sh", fifo, copy, Paths.batonBinary, scenario],
                                        timeoutSeconds: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: copy, encoding: .utf8).contains("send #1 A→B m1"))
        #expect(kind(fifo) == S_IFIFO)
        // A character device like /dev/null (only root may make one).
        let device = dir + "/null"
        var null = stat()
        stat("/dev/null", &null)
        guard getuid() == 0, mknod(device, S_IFCHR | 0o666, null.st_rdev) == 0 else { return }
        #expect(try Subprocess.run(Paths.batonBinary, ["run", scenario, "--out", device]).status == 0)
        #expect(kind(device) == S_IFCHR)
    }
}
