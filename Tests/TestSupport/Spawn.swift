import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// posix_spawn with output to temporary files and a waitpid deadline: for
/// programs that leave daemons holding pipes open (tmux starts its server
/// this way), where Foundation's Process would wait forever.
public enum Spawn {
    public static func run(_ path: String, _ args: [String], timeoutSeconds: Double = 10) throws -> ProcessResult {
        let dir = FileManager.default.temporaryDirectory.path
        let tag = UUID().uuidString.prefix(8)
        let outPath = "\(dir)/spawn-\(tag).out", errPath = "\(dir)/spawn-\(tag).err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The child starts with no signal blocked and default handlers, as
        // from a login shell (test threads block most signals).
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attr, argv, environ)
        guard spawned == 0 else {
            throw NSError(domain: "Spawn", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot run \(path)"])
        }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var exited = false
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { exited = true; break }
            usleep(2_000)
        }
        if !exited {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        let code: Int32 = exited ? ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -(status & 0x7f)) : -9
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return ProcessResult(status: code, stdout: out, stderr: err)
    }
}
