import Foundation
import Testing
import TestSupport

/// Free play works for every protocol with `a` (the selected node's client
/// request, prefilled) and `:` (any scenario command) alone, on the real
/// binary under tmux: each reaches its protocol's point, checked with
/// `:expect` (issue 14).
@Suite(.serialized) struct FreePlayTests {
    struct Case: Sendable, CustomStringConvertible {
        let protocolID: String
        /// `a` presses `a` then enter; anything else is typed after `:`.
        let steps: [String]
        let expect: String
        var description: String { protocolID }
    }

    static let cases = [
        // A delivered message with its clocks.
        Case(protocolID: "lamport", steps: ["a", "run"], expect: "B.t=2"),
        Case(protocolID: "vector", steps: ["a", "run"], expect: "B.T=1,1,0"),
        // A delivery after a hold-back: A's second broadcast reaches C first.
        Case(protocolID: "fifo-broadcast", steps: ["a", "a", "deliver #4", "run"], expect: "C.deliveredCount=2,0,0"),
        // B delivers A's m1, then broadcasts; C gets B's message first and holds it.
        Case(protocolID: "causal-broadcast", steps: ["a", "deliver #1", "broadcast B m3", "deliver #4", "run"],
             expect: "C.deliveredCount=1,1,0"),
        // A committed entry.
        Case(protocolID: "raft", steps: ["timeout A", "run until leader", "a", "run until A.commitLength=1"],
             expect: "A.commitLength=1"),
        // A decided value.
        Case(protocolID: "paxos", steps: ["a", "run until decided"], expect: "decided=x"),
    ]

    @Test(arguments: cases)
    func reachesItsPointWithAAndColonAlone(_ c: Case) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-free-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try Tmux(width: 120, height: 36)
        try tmux.type("cd \(dir) && " + Paths.batonBinary + " play \(c.protocolID) --nodes 3 --seed 1")
        #expect(tmux.waitFor { $0.contains("free play") }, "did not start:\n\(tmux.screen())")
        for step in c.steps {
            let before = tmux.screen()
            if step == "a" {
                try tmux.send("a")
                #expect(tmux.waitFor { $0.contains("│ : ") }, "a opened no command line:\n\(tmux.screen())")
                try tmux.send("Enter")
            } else {
                try tmux.type(":" + step)
            }
            #expect(tmux.waitFor { $0 != before && !$0.contains("│ : ") }, "`\(step)` did not run:\n\(tmux.screen())")
        }
        try tmux.type(":expect " + c.expect)
        #expect(tmux.waitFor { $0.contains("yes: expect " + c.expect) }, "\(c.protocolID): not reached:\n\(tmux.screen())")
        // What was done is in the transcript as ordinary commands, and replays.
        try tmux.send("e")
        #expect(tmux.waitFor { $0.contains("exported baton-") }, "no export:\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".baton") }
        let script = try String(contentsOfFile: dir + "/" + (try #require(files.first)), encoding: .utf8)
        for step in c.steps where step != "a" { #expect(script.contains(step), "\(step) not in\n\(script)") }
        #expect(script.contains("expect " + c.expect), "\(script)")
        let replay = try Subprocess.run(Paths.batonBinary, ["run", dir + "/" + files[0]], timeoutSeconds: 30)
        #expect(replay.status == 0, "the transcript does not replay: \(replay.stderr)")
    }

    /// `baton play --list` names every shipped starting point; each runs
    /// headless with its expectations holding, and opens in free play.
    @Test func startingPoints() throws {
        let list = try Subprocess.run(Paths.batonBinary, ["play", "--list"], timeoutSeconds: 10)
        #expect(list.status == 0)
        let names = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { !$0.isEmpty && $0 != "Open" }
        for name in ["split-vote", "log-replication", "partitioned-leader", "dueling-proposers", "causal-holdback"] {
            #expect(names.contains(name), "\(name) missing from --list:\n\(list.stdout)")
        }
        let root = Paths.packageRoot + "/assets/examples/"
        for name in names {
            let run = try Subprocess.run(Paths.batonBinary, ["run", root + name + ".baton"], timeoutSeconds: 30)
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
        let tmux = try Tmux(width: 120, height: 36)
        try tmux.type(Paths.batonBinary + " play split-vote")
        #expect(tmux.waitFor { $0.contains("free play from split-vote") && $0.contains("VoteRequest") },
                "split-vote did not open:\n\(tmux.screen())")
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
        let file = try Subprocess.run(Paths.batonBinary, ["play", "/nonexistent/x.baton"], timeoutSeconds: 10)
        #expect(file.status == 2 && file.stderr.contains("x.baton"), "\(file.stderr)")
    }
}
