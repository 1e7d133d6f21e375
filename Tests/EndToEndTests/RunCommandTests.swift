import Foundation
import Testing
import TestSupport

/// The real binary, as a user runs it.
@Suite struct RunCommandTests {
    static let lamport = """
        # seed 002: Lamport clocks example
        cluster lamport nodes=A,B,C
        local A
        send A B m1
        local C
        deliver #1
        send B C m2
        local A
        deliver #2
        expect A.t=3 B.t=4 C.t=5

        """

    func write(_ text: String, name: String = "s.baton") throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    /// The command line prints file names, errors and labels visibly, never
    /// as escape sequences the user's terminal would obey.
    @Test func hostileNamesAndLabelsReachTheTerminalShownNotObeyed() throws {
        let (dir, path) = try write("cluster lamport nodes=2\nsend A B m\u{1B}[2J\u{1B}]52;c;eA==\u{07}\nstep\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = try Subprocess.run(Paths.batonBinary, ["run", path])
        // Refused (DESIGN §4), and the error shows the line with symbols.
        #expect(trace.status == 2)
        #expect(!trace.stderr.contains("\u{1B}") && trace.stderr.contains("send A B m␛[2J␛]52;c;eA==␇"))
        #expect(trace.stderr.contains(":2:11: error: control character U+001B is not allowed"), "\(trace.stderr)")
        let missing = dir.path + "/x\u{1B}]0;pwn\u{07}.baton"
        let error = try Subprocess.run(Paths.batonBinary, ["run", missing])
        #expect(error.status == 2)
        #expect(!error.stderr.contains("\u{1B}") && error.stderr.contains("x␛]0;pwn␇.baton"), "\(error.stderr)")
    }

    @Test func textTraceAndExitZero() throws {
        let (dir, path) = try write(Self.lamport)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(Paths.batonBinary, ["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "1 t=0  local A  {t=1}  L=1 V=1,0,0")
        #expect(lines.contains("5 t=0  send #2 B→C m2 t=4 [4c]  L=4 V=2,2,0"))
        #expect(lines.last == "7 t=0  deliver C m2  L=5 V=2,2,2")
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonFollowsTheTraceContract() throws {
        let (dir, path) = try write(Self.lamport)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(Paths.batonBinary, ["run", path, "--format", "json"])
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(root["format"] as? String == "baton-trace")
        #expect(root["version"] as? Int == 1)
        #expect(root["protocol"] as? String == "lamport")
        #expect(root["seed"] as? Int == 1)
        #expect(root["nodes"] as? [String] == ["A", "B", "C"])
        #expect((root["options"] as? [String: String])?["latency"] == "1..3")
        #expect((root["commands"] as? [String])?.first == "cluster lamport nodes=A,B,C")
        #expect((root["commands"] as? [String])?.count == 9)
        let events = try #require(root["events"] as? [[String: Any]])
        let send = try #require(events.first { $0["kind"] as? String == "send" })
        #expect(send["node"] as? String == "A" && send["to"] as? String == "B" && send["msg"] as? Int == 1)
        #expect(send["type"] as? String == "Message")
        #expect((send["fields"] as? [String: Int])?["t"] == 2)
        #expect(send["primitives"] as? [String] == ["4c"])
        #expect(send["lamport"] as? Int == 2)
        #expect(send["vclock"] as? [String: Int] == ["A": 2, "B": 0, "C": 0])
        let receive = try #require(events.first { $0["kind"] as? String == "receive" })
        #expect(receive["from"] as? String == "A" && receive["node"] as? String == "B")
        #expect(Set(events.compactMap { $0["kind"] as? String }) == ["local", "send", "receive", "deliver"])
        #expect((root["exchanges"] as? [Any])?.isEmpty == true)
        #expect((root["violations"] as? [Any])?.isEmpty == true)
        let final = try #require(root["final"] as? [String: [String: Any]])
        #expect(final["C"]?["t"] as? Int == 5)
    }

    @Test func aFailedExpectationExitsOneAndNamesIt() throws {
        let (dir, path) = try write(Self.lamport + "expect A.t=9 C.crashed=false\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(Paths.batonBinary, ["run", path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(path):11:8: expectation failed: A.t expected 9, actual 3\n")
    }

    @Test func outWritesTheFileInstead() throws {
        let (dir, path) = try write(Self.lamport)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("trace.json").path
        let result = try Subprocess.run(Paths.batonBinary, ["run", path, "--format", "json", "--out", out])
        #expect(result.status == 0 && result.stdout.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("{ \"format\": \"baton-trace\""))
    }

    /// A JSON trace larger than `baton replay` reads is still written, with
    /// a warning that says what replays instead; a small one has none.
    @Test func aJSONTraceTooBigToReplayIsWrittenWithAWarning() throws {
        let (dir, path) = try write("cluster raft nodes=5 seed=7 heartbeat=5\nrun max=30000\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("big.json").path
        let result = try Subprocess.run(Paths.batonBinary, ["run", path, "--format", "json", "--out", out],
                                        timeoutSeconds: 120)
        let size = (try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        #expect(result.status == 0 && size > 16 * 1_048_576)
        #expect(result.stderr.contains("warning: this JSON trace is 16.") && result.stderr.contains("`--format baton`"),
                "\(result.stderr)")
        let replay = try Subprocess.run(Paths.batonBinary, ["replay", out], timeoutSeconds: 30)
        #expect(replay.status == 2 && replay.stderr.contains("at most 16 MB"), "\(replay.stderr)")
        let (smallDir, small) = try write(Self.lamport)
        defer { try? FileManager.default.removeItem(at: smallDir) }
        let quiet = try Subprocess.run(Paths.batonBinary, ["run", small, "--format", "json"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    }

    @Test func sameFileTwiceIsByteIdentical() throws {
        let text = RandomScenario.script(seed: 5, protocolID: "vector", lines: 150)
        let (dir, path) = try write(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Subprocess.run(Paths.batonBinary, ["run", path, "--format", "json"])
        let b = try Subprocess.run(Paths.batonBinary, ["run", path, "--format", "json"])
        // A random `run until quiet max=n` may stop at n (exit 1), never an error.
        #expect(a.status != 2 && a.status == b.status && a.stdout == b.stdout && a.stdout.count > 1_000)
    }

    /// DESIGN §4: a `run until` that stops without its condition exits 1 and
    /// names it; a CR-only file and `@name` queries run as written.
    @Test func runUntilThatNeverHoldsExitsOne() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1\rrun until leader max=1\r")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Subprocess.run(Paths.batonBinary, ["run", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(":2:11: run until leader failed: max=1 reached and it never held"))
        let (dir2, path2) = try write("cluster lamport nodes=3\nsend A B m1\nstep @r\nlocal B b\nexpect m1 -> b r -> b\n")
        defer { try? FileManager.default.removeItem(at: dir2) }
        #expect(try Subprocess.run(Paths.batonBinary, ["run", path2]).status == 0)
    }

    @Test func primitivesListsEveryCodeAndItsUsers() throws {
        let result = try Subprocess.run(Paths.batonBinary, ["primitives"])
        #expect(result.status == 0)
        // Issue 18: every variant is carried by some message here, with a
        // starting point that shows it (found by running the starting points).
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for code in ["1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b", "4c", "5a", "5b", "5c", "6a", "6b", "7a", "7b"] {
            let at = lines.firstIndex { $0.hasPrefix("  \(code)  ") }
            let entry = at.map { lines[$0..<min(lines.count, $0 + 3)].joined(separator: "\n") } ?? ""
            #expect(!entry.isEmpty, "\(code) missing")
            #expect(!entry.contains("none of the implemented protocols"), "\(code) is carried by no message")
            #expect(entry.contains("try: baton play "), "\(code) has no starting point")
        }
        #expect(result.stdout.contains("used by: lamport Message, vector Message"))
        #expect(result.stdout.contains("piggyback"))
    }

    /// One variant in full: every paragraph of assets/primitives.md's entry
    /// (the only explanation there is), and Baton's messages that use it.
    @Test func primitivesExplainsOneCode() throws {
        let result = try Subprocess.run(Paths.batonBinary, ["primitives", "1b"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("1b  request-grant, quorum grant\n"))
        #expect(result.stdout.contains("Seen in: Raft RequestVote"))
        #expect(result.stdout.contains("In Baton: raft VoteRequest"))
        let closest = try Subprocess.run(Paths.batonBinary, ["primitives", "1a"])
        #expect(closest.stdout.contains("raft Forward (closest)"))
        let unknown = try Subprocess.run(Paths.batonBinary, ["primitives", "9z"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown primitive `9z`"))
    }

    @Test func noArgumentsListsTheCommands() throws {
        let result = try Subprocess.run(Paths.batonBinary, [])
        #expect(result.status == 0)
        // Without a terminal, `baton` lists the commands instead of the menu.
        #expect(result.stdout.contains("baton run <file.baton>"))
        #expect(result.stdout.contains("baton learn <lesson-id>"))
        #expect(result.stdout.contains("baton primitives"))
        let version = try Subprocess.run(Paths.batonBinary, ["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("baton 0.1.0 (ncurses "))
    }
}
