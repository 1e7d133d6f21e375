import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct ReplayTests {
    func temp(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-replay-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aJSONTranscriptReopensAtItsLastStepWithStepBack() throws {
        let scenario = try temp("s.baton", "cluster raft nodes=3 seed=7\ntimeout A\nrun until leader\n")
        let json = scenario + ".json"
        let run = try Subprocess.run(Paths.batonBinary, ["run", scenario, "--format", "json", "--out", json])
        #expect(run.status == 0)
        let tmux = try Tmux(width: 110, height: 30)
        try tmux.type("\(Paths.batonBinary) replay \(json)")
        // The run has 4 steps: timeout, two votes received, leader.
        #expect(tmux.waitFor { $0.contains("replay") && $0.contains("step 4/4") }, "not at the last step:\n\(tmux.screen())")
        try tmux.send("b")
        #expect(tmux.waitFor { $0.contains("step 3/4") && $0.contains("in the past") })
        try tmux.send("q")
        #expect(tmux.terminalIsRestored())
    }

    @Test func newerAndDamagedTranscriptsAreRefusedClearly() throws {
        let newer = try temp("new.json", #"{"format":"baton-trace","version":9,"commands":["cluster raft nodes=3"]}"#)
        let a = try Subprocess.run(Paths.batonBinary, ["replay", newer])
        #expect(a.status == 2)
        #expect(a.stderr.contains("\(newer):1:1: error: written by a newer baton (trace version 9)"))
        let damaged = try temp("bad.json", "{\n  \"format\": \"baton-trace\",\n  \"version\": 1,\n  \"commands\": [\n")
        let b = try Subprocess.run(Paths.batonBinary, ["replay", damaged])
        #expect(b.status == 2)
        #expect(b.stderr.hasPrefix("\(damaged):") && b.stderr.contains("not valid JSON"))
        let badCommand = try temp("c.baton", "cluster raft nodes=3\ndeliver #4\n")
        let c = try Subprocess.run(Paths.batonBinary, ["replay", badCommand])
        #expect(c.status == 2)
        #expect(c.stderr.contains("command 2: there is no message #4"))
    }

    @Test func everyFormatFromTheCommandLine() throws {
        let scenario = try temp("f.baton", "cluster paxos nodes=3 seed=7\npropose A x\nrun until decided\n")
        for format in ["text", "json", "baton", "md", "mscgen", "plantuml", "mermaid", "shiviz"] {
            let result = try Subprocess.run(Paths.batonBinary, ["run", scenario, "--format", format])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout.count > 100, "\(format) is empty")
        }
        let md = try Subprocess.run(Paths.batonBinary, ["run", scenario, "--format", "md"])
        #expect(md.stdout.contains("## Diagram") && md.stdout.contains("## Events") && md.stdout.contains("Prepare"))
    }
}
