import Foundation

/// A tmux server of our own (its own `-L` socket) running a plain shell, for
/// driving the real binary as a user would. Screens are polled with a
/// timeout, never waited for with a bare sleep.
public final class Tmux {
    public let socket: String
    public private(set) var width: Int
    public private(set) var height: Int
    static let prompt = "READY$ "
    private var checks = 0

    public init(width: Int = 100, height: Int = 30) throws {
        socket = "baton-e2e-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        let shell = "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 "
            + "SWIFT_BACKTRACE=interactive=no ESCDELAY=25 PS1='\(Self.prompt)' bash --norc --noprofile"
        let started = try Spawn.run("/usr/bin/tmux", ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t",
                                                      "-x", "\(width)", "-y", "\(height)", shell])
        guard started.status == 0 else { throw TmuxError(message: "tmux new-session failed") }
        // capture-pane drops trailing spaces, so look for the prompt without its space.
        guard waitFor(timeout: 10, { $0.contains("READY$") }) else {
            throw TmuxError(message: "the shell prompt never appeared")
        }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    public struct TmuxError: Error { public let message: String }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let result = try Spawn.run("/usr/bin/tmux", ["-L", socket] + args, timeoutSeconds: 10)
        guard result.status == 0 else {
            throw TmuxError(message: "tmux \(args.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    /// Keys by tmux name (`Space`, `Tab`, `C-c`, `q`).
    public func send(_ keys: String...) throws { try send(keys) }
    public func send(_ keys: [String]) throws { try tmux(["send-keys", "-t", "t"] + keys) }

    /// Type text literally, then Enter.
    public func type(_ line: String) throws {
        try tmux(["send-keys", "-t", "t", "-l", line])
        try tmux(["send-keys", "-t", "t", "Enter"])
    }

    public func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "t"])) ?? "" }

    public func lines() -> [String] { screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Poll the screen every 20 ms until `predicate` holds or `timeout` passes.
    @discardableResult
    public func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if predicate(screen()) { return true }
            usleep(20_000)
        } while Date() < deadline
        return predicate(screen())
    }

    /// Wait until the screen stops changing (a frame fully drawn).
    public func settled(timeout: Double = 5) -> String {
        var last = screen()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            usleep(40_000)
            let now = screen()
            if now == last { return now }
            last = now
        }
        return last
    }

    public func resize(width: Int, height: Int) throws {
        self.width = width
        self.height = height
        try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Wait until `pid` has used no CPU for two polls in a row: it has read
    /// and drawn everything sent so far. False after `timeout` seconds.
    @discardableResult
    public func waitIdle(_ pid: Int32, timeout: Double = 60) -> Bool {
        func cpuTicks() -> Int? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // Fields after "(comm)": state is field 3; utime and stime are 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
            return user + system
        }
        let deadline = Date().addingTimeInterval(timeout)
        var last = cpuTicks()
        var quiet = 0
        while Date() < deadline, last != nil {
            usleep(30_000)
            let now = cpuTicks()
            quiet = now == last ? quiet + 1 : 0
            if quiet >= 2 { return true }
            last = now
        }
        return false
    }

    /// The pid of the program running in the shell, if any.
    public func childPID() -> Int32? {
        guard let shell = Int32((try? tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else { return nil }
        let result = try? Spawn.run("/usr/bin/pgrep", ["-P", "\(shell)"])
        return result.flatMap { Int32($0.stdout.split(separator: "\n").first ?? "") }
    }

    /// After a program ends: the prompt is back and `stty -a` shows a sane
    /// terminal (canonical input and echo on).
    public func terminalIsRestored() -> Bool {
        // The program must have exited first: a command typed while it is
        // still restoring the terminal would race it (seen under load).
        let deadline = Date().addingTimeInterval(10)
        while childPID() != nil && Date() < deadline { usleep(20_000) }
        guard childPID() == nil else { return false }
        guard waitFor(timeout: 10, { $0.split(separator: "\n").last { !$0.isEmpty }?.hasPrefix("READY$") == true })
        else { return false }
        // A fresh marker each call: an earlier check's output may still be on
        // the screen (restored from before the program ran), and matching it
        // would read the screen between `clear` and `stty` (a CI failure).
        checks += 1
        let marker = "STTY-\(checks)-OK"
        let typed = "STTY-$((0+\(checks)))-OK"
        try? type("clear; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | sort | tr '\\n' ' '; echo \(typed)")
        // The marker is computed by the shell, so the typed command line never matches it.
        guard waitFor(timeout: 10, { $0.contains(marker) }) else { return false }
        let text = screen()
        return text.contains("echo icanon") && !text.contains("-echo") && !text.contains("-icanon")
    }
}
