import Foundation
import Testing
import TestSupport

/// A malformed scenario is reported as `file:line:column: error: ...` with
/// exit 2: never a crash, never a hang (DESIGN.md §4).
struct BadInput: Sendable, CustomStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// `line:column` the error must point at.
    let at: String
    let says: String

    init(_ name: String, _ text: String, at: String, says: String) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.at = at
        self.says = says
    }

    init(_ name: String, bytes: [UInt8], at: String, says: String) {
        self.name = name
        self.bytes = bytes
        self.at = at
        self.says = says
    }

    var description: String { name }
}

@Suite struct BadInputTests {
    static let header = "cluster lamport nodes=3\n"

    static let cases: [BadInput] = [
        BadInput("unknown command", header + "stpe 2\n", at: "2:1", says: "did you mean `step`?"),
        BadInput("unknown node", header + "send A D\n", at: "2:8", says: "unknown node `D`"),
        BadInput("unknown message id", header + "send A B\ndeliver #9\n", at: "3:9", says: "there is no message #9"),
        BadInput("message already delivered", header + "send A B\ndeliver #1\ndrop #1\n", at: "4:6",
                 says: "it was received at step 2"),
        BadInput("missing argument", header + "send A\n", at: "2:8", says: "missing argument"),
        BadInput("too many arguments", header + "local A x y\n", at: "2:11", says: "quote a label"),
        BadInput("bad number", header + "step x\n", at: "2:6", says: "bad count `x`"),
        BadInput("zero steps", header + "step 0\n", at: "2:6", says: "out of range"),
        BadInput("bad range", "cluster lamport nodes=3 latency=5..2\n", at: "1:33", says: "above the maximum"),
        BadInput("duplicate node names", "cluster lamport nodes=A,B,A\n", at: "1:27", says: "duplicate node name `A`"),
        BadInput("bad node name", "cluster lamport nodes=A,1B\n", at: "1:25", says: "bad node name `1B`"),
        BadInput("no nodes", "cluster lamport nodes=0\n", at: "1:23", says: "out of range"),
        BadInput("too many nodes", "cluster lamport nodes=27\n", at: "1:23", says: "expected 1 to 26"),
        BadInput("missing nodes", "cluster lamport\n", at: "1:17", says: "missing `nodes=<N>`"),
        BadInput("unknown protocol", "cluster lamprot nodes=2\n", at: "1:9", says: "did you mean `lamport`?"),
        BadInput("protocol not built yet", "cluster chandy-lamport nodes=2\n", at: "1:9", says: "unknown protocol"),
        BadInput("unknown option", "cluster lamport nodes=3 holdbak=off\n", at: "1:25", says: "unknown option `holdbak`"),
        BadInput("bad loss", "cluster lamport nodes=3 loss=150%\n", at: "1:30", says: "bad loss"),
        BadInput("bad seed", "cluster lamport nodes=3 seed=-1\n", at: "1:30", says: "bad seed"),
        BadInput("expect unknown query", header + "expect A.foo=1\n", at: "2:10", says: "unknown variable `foo`"),
        BadInput("expect unknown global", header + "expect leader=A\n", at: "2:8", says: "not a query of lamport"),
        BadInput("expect without value", header + "expect A.t\n", at: "2:11", says: "needs a value"),
        BadInput("expect nothing", header + "expect\n", at: "2:7", says: "missing expectation"),
        BadInput("command before cluster", "step\ncluster lamport nodes=2\n", at: "1:1", says: "starts with `cluster"),
        BadInput("two clusters", header + "cluster vector nodes=2\n", at: "2:1", says: "already defined on line 1"),
        BadInput("lesson command", header + "pause\n", at: "2:1", says: "lesson command"),
        BadInput("unterminated quote", header + "local A \"open\n", at: "2:9", says: "unterminated"),
        BadInput("send to self", header + "send A A\n", at: "2:8", says: "cannot send to itself"),
        BadInput("cut to self", header + "cut A->A\n", at: "2:5", says: "two different nodes"),
        BadInput("node in two groups", header + "partition A,B | B\n", at: "2:17", says: "in two groups"),
        BadInput("zero delay", header + "send A B\ndelay #1 0\n", at: "3:10", says: "out of range"),
        BadInput("timeout without timers", header + "timeout A\n", at: "2:1", says: "have no timer"),
        BadInput("crash twice", header + "crash A\ncrash A\n", at: "3:7", says: "already crashed"),
        BadInput("restart a live node", header + "restart B\n", at: "2:9", says: "not crashed"),
        BadInput("deliver on an empty link", header + "deliver A->B\n", at: "2:9", says: "nothing in flight A->B"),
        BadInput("run until nothing", header + "run until\n", at: "2:11", says: "missing condition"),
        BadInput("empty file", "", at: "1:1", says: "empty scenario"),
        BadInput("only comments", "# nothing here\n\n   # still nothing\n", at: "1:1", says: "empty scenario"),
        BadInput("binary file", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF], at: "1:7",
                 says: "not a text file"),
        BadInput("not UTF-8", bytes: Array(header.utf8) + [0x6C, 0x6F, 0xC3, 0x28, 0x0A], at: "2:1", says: "not valid UTF-8"),
        BadInput("a line of 100k characters", header + "local A " + String(repeating: "x", count: 100_000) + "\n",
                 at: "2:4097", says: "the limit is 4096"),
        BadInput("a 10 MB file", bytes: Array(repeating: 0x23, count: 10 * 1024 * 1024), at: "1:1",
                 says: "at most 4 MB"),
    ]

    @Test func tableHasAtLeast25Cases() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases)
    func exitsTwoWithALocatedMessage(_ input: BadInput) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("case.baton").path
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        let result = try Subprocess.run(Paths.batonBinary, ["run", path], timeoutSeconds: 20)
        #expect(result.status == 2, "\(input.name): status \(result.status)\n\(result.stderr)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("\(path):\(input.at): error: "), "\(input.name): \(first)")
        #expect(first.contains(input.says), "\(input.name): \(first)")
    }

    @Test func aDirectoryIsNotAScenario() throws {
        let result = try Subprocess.run(Paths.batonBinary, ["run", "/tmp"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("/tmp:1:1: error: this is a directory"))
    }

    @Test func aBadCommandLineExitsTwo() throws {
        let result = try Subprocess.run(Paths.batonBinary, ["run", "x.baton", "--format", "xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--format"))
    }
}
