import Protocols
import Scenario
import Sim
import Testing

@Suite struct ParserTests {
    func errors(_ text: String) -> [String] {
        switch ScenarioParser.parse(file: "s.baton", text: text) {
        case .success: return []
        case .failure(let e): return e.diagnostics.map(\.description)
        }
    }

    @Test func suggestsTheClosestCommand() {
        #expect(errors("cluster lamport nodes=2\nstpe 2") ==
                ["s.baton:2:1: error: unknown command `stpe` (did you mean `step`?)"])
        // Two swapped letters are one slip, not two.
        #expect(errors("cluster lamport nodes=2\nsned A B") ==
                ["s.baton:2:1: error: unknown command `sned` (did you mean `send`?)"])
    }

    @Test func pointsAtTheUnknownNodeWithASuggestion() {
        #expect(errors("cluster lamport nodes=A,B\nsend A b") ==
                ["s.baton:2:8: error: unknown node `b` (did you mean `B`?); this cluster has A,B"])
        // A leader that is not in the cluster could never be met.
        #expect(errors("cluster raft nodes=3\nrun until leader=Z") ==
                ["s.baton:2:18: error: unknown node `Z`; `leader` is one of A,B,C or none"])
    }

    /// Request verbs come from the cluster's protocol (DESIGN.md §4).
    @Test func requestVerbsComeFromTheProtocol() {
        #expect(errors("cluster raft nodes=3\nsend A B m") ==
                ["s.baton:2:1: error: raft does not take `send` requests; raft's requests are `propose <node> <value>`"])
        #expect(errors("cluster paxos nodes=3\nfrobnicate A") ==
                ["s.baton:2:1: error: unknown command `frobnicate`; paxos's requests are `propose <node> <value>`, `read <node> [round]`, `write <node> <value> [round]`"])
        #expect(errors("cluster raft nodes=3\npropose A") ==
                ["s.baton:2:11: error: missing argument: `propose <node> <value>`"])
    }

    /// DESIGN §4: lines may end in LF, CRLF or CR, and read the same.
    @Test func everyLineEndingReadsTheSame() throws {
        let lines = ["cluster lamport nodes=3", "send A B m1", "step", "expect B.clock=2"]
        let runs = ["\n", "\r\n", "\r"].map { ScenarioRunner.run(file: "s", text: lines.joined(separator: $0) + $0) }
        for outcome in runs {
            #expect(outcome.errors.isEmpty && outcome.failures.isEmpty)
            #expect(outcome.session?.core.step == 2)
        }
        #expect(errors("cluster lamport nodes=3\r\nstpe\r\n") ==
                ["s.baton:2:1: error: unknown command `stpe` (did you mean `step`?)"])
    }

    /// DESIGN §4: control characters (C0, C1, DEL, bidi overrides) in a label
    /// or a node name are invalid, pointed at; a comment may hold anything.
    @Test func controlCharactersAreInvalid() {
        for (bad, code) in [("\u{1B}]0;x\u{07}", "001B"), ("\u{9B}", "009B"), ("\u{7F}", "007F"), ("\u{202E}", "202E")] {
            #expect(errors("cluster lamport nodes=3\nsend A B \"m\(bad)\"") ==
                    ["s.baton:2:12: error: control character U+\(code) is not allowed: labels and node names must be "
                     + "printable text"])
        }
        #expect(errors("cluster lamport nodes=A,B\u{1B}") ==
                ["s.baton:1:26: error: control character U+001B is not allowed: labels and node names must be "
                 + "printable text"])
        #expect(errors("cluster lamport nodes=3 # a \u{1B} in a comment\nlocal A") == [])
    }

    /// DESIGN §4: `run until C max=N` that stops without C fails (exit 1)
    /// and names the condition; `run max=N` alone does not.
    @Test func runUntilThatNeverHoldsFails() {
        let failed = ScenarioRunner.run(file: "s", text: "cluster raft nodes=3 seed=1\nrun until leader max=1\n")
        #expect(failed.exitCode == 1)
        #expect(failed.failures.map(\.description) ==
                ["s:2:11: run until leader failed: max=1 reached and it never held (leader is none)"])
        #expect(ScenarioRunner.run(file: "s", text: "cluster raft nodes=3 seed=1\nrun max=3\n").exitCode == 0)
        let held = ScenarioRunner.run(file: "s", text: "cluster raft nodes=3 seed=1\nrun until leader max=500\n")
        #expect(held.exitCode == 0)
    }

    /// The event limit stops a run with a message (exit 1), never silently.
    @Test func theEventLimitIsReported() throws {
        let parsed = try ScenarioParser.parse(file: "s", text: "cluster raft nodes=3 seed=1\nrun max=1000\n").get()
        var session = try ScenarioSession(spec: parsed.cluster, entry: parsed.entry, source: parsed.lines[0].source)
        let small = try parsed.entry.makeSession(cluster: session.cluster, options: [],
                                                 config: EngineConfig(seed: 1, eventsMax: 50))
        session.replaceCore(small)
        _ = try session.execute(parsed.lines[1], file: "s")
        #expect(session.limitReached?.contains("this run holds 50 events") == true)
        #expect(session.core.eventCount <= 50)
    }

    /// Time moves in jumps: `run until time=T` stops once t reaches T.
    @Test func runUntilATimeStopsWhenItIsReached() throws {
        let outcome = ScenarioRunner.run(file: "s", text: "cluster raft nodes=3 seed=1\nrun until time=40 max=1000\n")
        #expect(outcome.exitCode == 0)
        let time = try #require(outcome.session?.core.time)
        #expect(time >= 40 && time < 50)
    }

    /// `@name` labels the event a command causes; it round-trips as text.
    @Test func anEventNameRoundTrips() throws {
        let parsed = try ScenarioParser.parse(file: "s", text: "cluster lamport nodes=3\nsend A B \"@x\" @s").get()
        let command = parsed.lines[1].command
        #expect(command.text(ClusterInfo(names: ["A", "B", "C"])) == "send A B \"@x\" @s")
        #expect(errors("cluster lamport nodes=3\nlocal A a @") ==
                ["s.baton:2:11: error: an event name is `@` and letters, digits or `_`, like `@c`"])
        #expect(errors("cluster lamport nodes=3\nexpect quiet @q") == ["s.baton:2:14: error: `expect` causes no event to name"])
    }

    /// One parser for every number and range: a single value means n..n.
    @Test func aSingleNumberIsARangeEverywhere() throws {
        let parsed = try ScenarioParser.parse(file: "s", text: "cluster raft nodes=3 election-timeout=15 latency=2").get()
        #expect(parsed.cluster.latency == 2...2)
        #expect(parsed.cluster.options.map { "\($0.key)=\($0.value)" } == ["election-timeout=15"])
        #expect(errors("cluster raft nodes=3 election-timeout=0") ==
                ["s.baton:1:39: error: bad election-timeout `0`: expected a range like `10..20` or a single number, "
                 + "from 1 to 1000000"])
        #expect(errors("cluster raft nodes=3 heartbeat=x").first?.contains("1:32: error: `heartbeat` must be") == true)
        #expect(errors("cluster paxos nodes=3 proposers=A,Z").first?.contains("unknown node `Z` in proposers") == true)
        // Node options may come before the nodes.
        #expect(errors("cluster paxos proposers=B nodes=3").isEmpty)
    }

    @Test func aCommandValueRendersAsItsLine() throws {
        let text = "cluster raft nodes=3\npropose A \"two words\"\ndelay #4 3\npartition A,B | C\ncut A->B\ndeliver B->C\nrun until leader max=50"
        let parsed = try ScenarioParser.parse(file: "s", text: text).get()
        let cluster = ClusterInfo(names: ["A", "B", "C"])
        #expect(parsed.lines.dropFirst().map { $0.command.text(cluster) }
                == ["propose A \"two words\"", "delay #4 3", "partition A,B | C", "cut A->B", "deliver B->C",
                    "run until leader max=50"])
    }

    @Test func reportsEveryBadLineNotJustTheFirst() {
        #expect(errors("cluster lamport nodes=2\nfrob\nstep x\nheal").count == 2)
    }

    @Test func commentsAndMessageIdsAreTold() throws {
        let parsed = try ScenarioParser.parse(file: "s", text: """
            # a comment
            cluster lamport nodes=2   # trailing
            send A B "hello world"
            deliver #1 # done
            """).get()
        #expect(parsed.lines.count == 3)
        #expect(parsed.lines[1].command == .request(NodeID(0), .send(to: NodeID(1), label: "hello world")))
        #expect(parsed.lines[2].command == .deliver(.id(1)))
        #expect(parsed.lines[2].source == "deliver #1")
    }

    @Test func partitionGroupsAndDefaults() throws {
        let parsed = try ScenarioParser.parse(file: "s", text: "cluster vector nodes=5 latency=2..4 loss=1.5%\n"
                                              + "partition A,B | C,D").get()
        #expect(parsed.cluster.latency == 2...4 && parsed.cluster.lossPerMillion == 15_000)
        #expect(parsed.lines[1].command == .partition([[NodeID(0), NodeID(1)], [NodeID(2), NodeID(3)]]))
    }

    @Test func expectationsFailWithFileLineQueryAndValues() {
        let outcome = ScenarioRunner.run(file: "s.baton", text: "cluster lamport nodes=2\nlocal A\nexpect A.t=5 B.t=0")
        #expect(outcome.exitCode == 1)
        #expect(outcome.failures.map(\.description) == ["s.baton:3:8: expectation failed: A.t expected 5, actual 1"])
    }

    @Test func runUntilStopsWhenTheConditionHolds() {
        let outcome = ScenarioRunner.run(file: "s", text: """
            cluster lamport nodes=2 latency=1..1
            send A B
            send A B
            send A B
            run until inflight=1
            expect inflight=1 B.t=3
            """)
        #expect(outcome.exitCode == 0, "\(outcome.failures)")
    }

    /// A goal made only of state queries may be sought on the explorer's
    /// lean worlds; one that reads the trace, messages or clocks may not.
    @Test func goalsSayWhetherTheyReadOnlyStates() throws {
        let raft = "cluster raft nodes=3"
        for text in ["leaders=1:A", "A.currentRole=leader B.currentTerm=2", "violations=election-safety",
                     "B.crashed=true"] {
            #expect(try ExploreGoal(text, cluster: raft).readsOnlyState, "\(text)")
        }
        for text in ["inflight=0", "A.clock=1", "quiet", "A.delivered=m1", "step=3"] {
            #expect(try !ExploreGoal(text, cluster: raft).readsOnlyState, "\(text)")
        }
        #expect(try ExploreGoal("decided=x", cluster: "cluster paxos nodes=3").readsOnlyState)
    }

    /// A goal the search could never reach is refused up front with what to
    /// write instead: otherwise it runs to --max-states (minutes) and says nothing.
    @Test(arguments: [
        ("leaders=2:C", "for C leading term 2 write `C.currentRole=leader C.currentTerm=2`; `leaders` lists"),
        ("leaders=1:A,3:B", "`3:B` should be term 2's"),
        ("leaders=1:K", "`1:K` should be term 1's"),
        ("time=3", "time never passes"),
        ("", "the goal is empty"),
        ("  ", "leave the goal out to search for any violation"),
        ("C.role=leader", "unknown variable `role` for raft (did you mean `currentRole`?)"),
        ("C.currentRole=leeder", "`leeder` is not a value of currentRole (did you mean `leader`?); it is one of follower, candidate, leader"),
    ])
    func goalsThatCannotHoldAreRefused(text: String, says: String) {
        #expect {
            _ = try ExploreGoal(text, cluster: "cluster raft nodes=3")
        } throws: { error in
            "\(error)".contains(says)
        }
    }

    /// The shapes `leaders` really takes still parse (DESIGN.md §4: two leaders of one term read `1:A+C`).
    @Test func leadersValuesInTheirShapeParse() throws {
        for text in ["leaders=none", "leaders=1:A", "leaders=1:none,2:C", "leaders=1:A+C", "leaders=1:A,2:none,3:B"] {
            _ = try ExploreGoal(text, cluster: "cluster raft nodes=3")
        }
    }

    /// A typed part of a camel-case seed name is enough for a hint; an
    /// ambiguous part (three variables end in `Length`) gives none.
    @Test func suggestionsFindTheNamedPart() {
        let raft = ["currentTerm", "votedFor", "commitLength", "currentRole", "sentLength", "ackedLength"]
        #expect(Suggest.closest(to: "role", in: raft) == "currentRole")
        #expect(Suggest.closest(to: "acked", in: raft) == "ackedLength")
        #expect(Suggest.closest(to: "length", in: raft) == nil)
        #expect(Suggest.closest(to: "xyz", in: raft) == nil)
    }
}
