import Foundation
import Testing
import TestSupport

/// `baton explore` (issue 19), the real binary: what it finds replays with
/// `baton run`, what it cannot find it says so, and bad input exits 2.
@Suite struct ExploreTests {
    func write(_ text: String, _ name: String = "s.baton") throws -> (dir: String, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-explore-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return (dir, dir + "/" + name)
    }

    /// The summary: stderr's last line (the bounds and progress lines of a
    /// search that lasts a second come before it).
    func summary(_ stderr: String) -> String {
        String(stderr.split(separator: "\n").last { $0.hasPrefix("baton explore:") } ?? "")
    }

    /// Raft with a node that votes twice in a term: the search reaches two
    /// leaders of one term, and the script it prints replays to them.
    @Test func twoLeadersInOneTermUnderDoubleVote() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1 unsafe=double-vote\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = try Subprocess.run(Paths.batonBinary, ["explore", path, "--goal",
                                                           "violations=vote-once-per-term,election-safety"],
                                       timeoutSeconds: 120)
        #expect(found.status == 1, "\(found.stderr)")
        #expect(found.stderr.contains("goal `violations=vote-once-per-term,election-safety` reached after 6 choices"))
        let script = dir + "/found.baton"
        try found.stdout.write(toFile: script, atomically: true, encoding: .utf8)
        let replay = try Subprocess.run(Paths.batonBinary, ["run", script])
        #expect(replay.status == 0, "the script's final expect holds: \(replay.stderr)")
        #expect(replay.stdout.contains("VIOLATION election-safety"))
        // The `leaders` query names both leaders of the term.
        try (found.stdout + "expect leaders=1:A+C\n").write(toFile: script, atomically: true, encoding: .utf8)
        let both = try Subprocess.run(Paths.batonBinary, ["run", script])
        #expect(both.status == 0, "\(both.stderr)")
    }

    /// Causal broadcast without its hold-back queue: the shortest schedule
    /// that delivers out of causal order is one choice long.
    @Test func theCausalOrderViolationWithoutHoldback() throws {
        let (dir, path) = try write("cluster causal-broadcast nodes=3 seed=1 holdback=off\nbroadcast A m1\nbroadcast A m2\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/found.baton"
        let found = try Subprocess.run(Paths.batonBinary, ["explore", path, "--out", out], timeoutSeconds: 60)
        #expect(found.status == 1 && found.stdout.isEmpty)
        let script = try String(contentsOfFile: out, encoding: .utf8)
        #expect(script.contains("broadcast A m2\ndeliver #3\nexpect violations=causal-order"), "\(script)")
        let replay = try Subprocess.run(Paths.batonBinary, ["run", out])
        #expect(replay.status == 0 && replay.stdout.contains("VIOLATION causal-order"))
    }

    /// A safe configuration within a small depth: nothing found, exit 0, the
    /// counts said; any number of jobs gives the same search.
    @Test func nothingFoundIsSaidWithTheCountsAndJobsDoNotChangeIt() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var summaries: [String] = []
        for jobs in ["1", "2"] {
            let r = try Subprocess.run(Paths.batonBinary, ["explore", path, "--depth", "5", "--jobs", jobs],
                                       timeoutSeconds: 120)
            #expect(r.status == 0 && r.stderr.contains("nothing found within depth 5"), "\(r.stderr)")
            #expect(r.stdout.isEmpty && r.stderr.contains("no schedule to write"), "nothing to replay: \(r.stdout)")
            // A search this small has no meaningful bytes a state (its peak grows by start-up's allocations).
            #expect(summary(r.stderr).contains("too few states for a figure per state"), "\(r.stderr)")
            // The counts, without the time and memory.
            summaries.append(String(summary(r.stderr).split(separator: ";")[1].split(separator: ",").prefix(3).joined()))
        }
        #expect(summaries[0] == summaries[1] && summaries[0].contains("states"), "\(summaries)")
    }

    /// A goal that holds where the scenario ends needs no search; one whose
    /// value is of the wrong kind is refused; a goal about a crash without
    /// a crash budget is searched, with a note.
    @Test func aGoalAlreadyHeldOrOutOfBudgetIsSaid() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1\ntimeout A\nrun until leader=A\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let held = try Subprocess.run(Paths.batonBinary, ["explore", path, "--goal", "A.currentRole=leader"])
        #expect(held.status == 0 && held.stdout.isEmpty, "\(held.stderr)")
        #expect(held.stderr.contains("goal `A.currentRole=leader` already holds where the scenario ends"), "\(held.stderr)")
        // A value of the wrong kind could never match: refused before the search.
        for (goal, says) in [("C.currentTerm=two", "`C.currentTerm` is a number (now 1), not `two`"),
                             ("A.crashed=yes", "`A.crashed` is true or false (now false), not `yes`")] {
            let wrong = try Subprocess.run(Paths.batonBinary, ["explore", path, "--goal", goal])
            #expect(wrong.status == 2 && wrong.stderr.contains(says), "\(wrong.stderr)")
        }
        let crash = try Subprocess.run(Paths.batonBinary, ["explore", path, "--goal", "B.crashed", "--depth", "2"])
        #expect(crash.status == 0 && crash.stderr.contains("no crash budget") && crash.stderr.contains("--faults crash=1"),
                "\(crash.stderr)")
    }

    /// Paxos whose acceptors forget on a crash (seed 004's warning that
    /// promises must be durable): once x is decided and B proposes y, one
    /// crash is enough for y to be decided too. The script replays to it.
    @Test func twoDecisionsUnderForgetPromiseWithOneCrash() throws {
        let (dir, path) = try write("""
            cluster paxos nodes=3 proposers=A,B seed=1 unsafe=forget-promise
            propose A x
            run until A.decided=x
            propose B y

            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = try Subprocess.run(Paths.batonBinary, ["explore", path, "--faults", "crash=1"], timeoutSeconds: 120)
        #expect(found.status == 1 && found.stderr.contains("violation agreement after 6 choices"), "\(found.stderr)")
        #expect(found.stdout.contains("crash A\nrestart A\n"), "the decider forgets what it accepted:\n\(found.stdout)")
        let script = dir + "/found.baton"
        try found.stdout.write(toFile: script, atomically: true, encoding: .utf8)
        let replay = try Subprocess.run(Paths.batonBinary, ["run", script])
        #expect(replay.status == 0 && replay.stdout.contains("VIOLATION agreement"), "\(replay.stderr)")
    }

    /// The safe causal broadcast (hold-back on) survives every schedule of
    /// two causally ordered broadcasts with a drop, a duplicate and a crash:
    /// every schedule is explored before depth 12, and nothing is found.
    @Test func causalBroadcastIsSafeWithinDepthTwelve() throws {
        let (dir, path) = try write("cluster causal-broadcast nodes=3 seed=1\nbroadcast A m1\nbroadcast A m2\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Subprocess.run(Paths.batonBinary, ["explore", path, "--depth", "12",
                                                       "--faults", "drop=1,duplicate=1,crash=1"], timeoutSeconds: 120)
        #expect(r.status == 0 && r.stderr.contains("nothing found: every schedule explored"), "\(r.stderr)")
    }

    /// Raft with `term-limit=1` is a finite model (the one docs/EXPLORER.md
    /// compares with Spin, there with one loss too): the search ends by itself,
    /// well before its depth bound, with the same counts for one and two jobs.
    @Test func aTermLimitMakesTheElectionSearchFinite() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1 term-limit=1\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var summaries: [String] = []
        for jobs in ["1", "2"] {
            let r = try Subprocess.run(Paths.batonBinary, ["explore", path, "--depth", "64", "--jobs", jobs], timeoutSeconds: 300)
            #expect(r.status == 0 && r.stderr.contains("nothing found: every schedule explored"), "\(r.stderr)")
            let fields = summary(r.stderr).split(separator: ";")[1].split(separator: ",").prefix(3).map(String.init)
            summaries.append(fields.joined(separator: ","))
            let depth = fields.last.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 99
            #expect(depth < 30, "the search ran out of moves, not of depth: \(fields)")
        }
        #expect(summaries[0] == summaries[1], "\(summaries)")
        // Raft's nodes are interchangeable: renamed worlds count once, and
        // without that the same search finds the same nothing in more states.
        let apart = try Subprocess.run(Paths.batonBinary, ["explore", path, "--depth", "64", "--no-symmetry"],
                                       timeoutSeconds: 300)
        #expect(apart.status == 0 && apart.stderr.contains("nothing found: every schedule explored"))
        #expect(!apart.stderr.contains("node symmetry"))
        func states(_ summary: String) -> Int {
            Int(summary.split(separator: " ").first { Int($0) != nil }.map(String.init) ?? "") ?? 0
        }
        let symmetric = states(summaries[0])
        let plain = states(String(summary(apart.stderr).split(separator: ";")[1]))
        #expect(symmetric > 0 && plain > 4 * symmetric, "\(symmetric) states with symmetry, \(plain) without")
    }

    @Test func badInputExitsTwoInWords() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fault = try Subprocess.run(Paths.batonBinary, ["explore", path, "--faults", "flood=1"])
        #expect(fault.status == 2 && fault.stderr.contains("--faults knows drop, duplicate, crash and partition"))
        let goal = try Subprocess.run(Paths.batonBinary, ["explore", path, "--goal", "A.nonsense=1"])
        #expect(goal.status == 2 && goal.stderr.contains("--goal:"), "\(goal.stderr)")
        let missing = try Subprocess.run(Paths.batonBinary, ["explore", dir + "/none.baton"])
        #expect(missing.status == 2)
        let empty = try Subprocess.run(Paths.batonBinary, ["explore", path, "--faults", "crash=1,,drop=1"])
        #expect(empty.status == 2 && empty.stderr.contains("got ``"), "\(empty.stderr)")
        // A scenario that ends with nothing left to do: said in words, not as "0 choices".
        let (quietDir, quiet) = try write("cluster lamport nodes=2 seed=1\nsend A B m\nrun\n")
        defer { try? FileManager.default.removeItem(atPath: quietDir) }
        let still = try Subprocess.run(Paths.batonBinary, ["explore", quiet])
        #expect(still.status == 0 && still.stderr.contains("no move is possible where the scenario ends"),
                "\(still.stderr)")
        let nobody = try Subprocess.run(Paths.batonBinary, ["explore", path, "--goal", "leader=D"])
        #expect(nobody.status == 2 && nobody.stderr.contains("unknown node `D`"), "\(nobody.stderr)")
    }

    /// A scenario whose own expectations fail is still searched from where
    /// it ended, with a warning; a long search states its bounds; Ctrl-C stops a search, says how far every
    /// schedule was explored, and exits 130.
    @Test func aFailingScenarioIsWarnedAndCtrlCSaysWhereItStopped() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1\nexpect leader=A\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let warned = try Subprocess.run(Paths.batonBinary, ["explore", path, "--depth", "2"])
        #expect(warned.status == 0 && warned.stderr.contains("warning: ") && warned.stderr.contains("leader expected A"),
                "\(warned.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.batonBinary)
        process.arguments = ["explore", path, "--depth", "30", "--max-states", "200000"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Reads until the first progress line (a second in) or the end,
        // which --max-states bounds.
        var first = ""
        while !first.contains("exploring:") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += String(decoding: chunk, as: UTF8.self)
        }
        #expect(first.contains("exploring:") && process.isRunning, "\(first)")
        // A long search says once, before its progress, where it will stop.
        #expect(first.contains("exploring every schedule of up to 30 choices, at most 200000 states"), "\(first)")
        process.interrupt()
        process.waitUntilExit()
        let text = first + String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(text)")
        #expect(text.contains("nothing found before the search was stopped (every schedule of up to"), "\(text)")
    }

    /// The TUI's `/`: the learner types a goal, the search runs (Esc would
    /// stop it), and the schedule found is applied as ordinary steps that
    /// `b` walks back through.
    @Test func slashFindsAndAppliesTheDoubleVoteSchedule() throws {
        let (dir, path) = try write("cluster raft nodes=3 seed=1 unsafe=double-vote\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try Tmux(width: 120, height: 36)
        try tmux.type(Paths.batonBinary + " play " + path)
        #expect(tmux.waitFor { $0.contains("free play from s.baton") }, "\(tmux.screen())")
        try tmux.send("/")
        #expect(tmux.waitFor { $0.contains("/ explore to:") })
        try tmux.send("-l", "violations=vote-once-per-term,election-safety")
        try tmux.send("Enter")
        #expect(tmux.waitFor(timeout: 60) { $0.contains("in 6 steps, applied; b steps back") }, "\(tmux.screen())")
        #expect(tmux.screen().contains("step 6/6") && tmux.screen().contains("election-safety"))
        try tmux.send("b")
        #expect(tmux.waitFor { $0.contains("step 5/6") }, "b steps back through the schedule:\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
    }
}
