import Export
import Protocols
import Scenario
import Sim
import Testing
@testable import TUI

/// The reducer, driven the way the key map drives it.
@Suite struct ReduceTests {
    func state(_ cluster: String = "cluster raft nodes=3 seed=7", width: Int = 100, height: Int = 30) throws -> AppState {
        AppState(session: try PlaySession(clusterLine: cluster), width: width, height: height)
    }

    func press(_ s: inout AppState, _ keys: Key...) {
        for key in keys {
            if let action = KeyMap.action(for: key, prompt: s.prompt?.kind) { s.reduce(action) }
        }
    }

    /// `/` with a goal no search can reach shows why under the goal, where
    /// the key bar was, at 80 columns too (appended to the hint it was cut
    /// off); a goal that already holds is said to, and nothing is applied.
    @Test func aGoalsErrorShowsUnderItAndAHeldGoalIsSaid() throws {
        var s = try state(width: 80, height: 24)
        press(&s, .char("/"))
        for c in "time=5" { press(&s, .char(c)) }
        press(&s, .enter)
        let footer = s.render().lines.suffix(3).joined(separator: "\n")
        #expect(footer.contains("/ explore to: time=5_"), "\(footer)")
        #expect(footer.contains("ask about states (`A.currentTerm=2`)"), "\(footer)")
        press(&s, .escape)
        s.session.run(text: "timeout A")
        s.session.run(text: "run until leader=A")
        let step = s.core.step
        press(&s, .char("/"))
        for c in "A.currentRole=leader" { press(&s, .char(c)) }
        press(&s, .enter)
        #expect(s.status == "`A.currentRole=leader` already holds here: nothing to search for")
        #expect(s.core.step == step, "nothing applied")
    }

    /// `a` offers a request that does something: at a Paxos node that is not
    /// a proposer it offers the proposer's; under mode=register, a read.
    @Test func theClientActionOffersARequestThatWorks() throws {
        var s = try state("cluster paxos nodes=3 seed=1")
        s.reduce(.selectNode(1))
        s.reduce(.clientAction)
        #expect(s.prompt?.text == "propose A x")
        var r = try state("cluster paxos nodes=3 seed=1 mode=register proposers=A,B,C")
        r.reduce(.selectNode(1))
        r.reduce(.clientAction)
        #expect(r.prompt?.text == "read B")
        var l = try state("cluster lamport nodes=3 seed=1")
        l.reduce(.selectNode(2))
        l.reduce(.clientAction)
        #expect(l.prompt?.text == "send C A m1")
    }

    /// With the cursor on an event, the side panel says it whole (the event
    /// text beside the diagram is cut to its column, or hidden at 80
    /// columns); a node summary too long for one row goes on under it.
    @Test func theEventUnderTheCursorAndLongSummariesAreShownWhole() throws {
        var session = try PlaySession(clusterLine: "cluster paxos nodes=3 seed=1")
        session.run(text: "propose A x")
        session.run(text: "propose B y")
        session.run(text: "step 6")
        var s = AppState(session: session, width: 80, height: 24)
        press(&s, .up, .up)
        let row = try #require(s.cursor)
        let lines = s.render().lines
        // The panel starts past the divider, which meets the bottom rule at `┴`.
        let rule = try #require(lines.first { $0.hasPrefix("├") })
        let x = try #require(Array(rule).firstIndex(of: "┴"))
        let panel = lines.map { String(Array($0).dropFirst(x + 1).dropLast()) }
        #expect(panel.contains { $0.hasPrefix("Event \(row + 1)/\(s.core.eventCount)") }, "\(panel)")
        let words = EventText.describe(s.core, row).split(separator: " ").map(String.init)
        let shown = panel.joined(separator: " ").split(separator: " ").map(String.init)
        #expect(words.allSatisfy(shown.contains), "\(words) not all in \(panel)")
        // A's summary (phase, ballot, promised) goes on over two rows.
        let a = try #require(panel.firstIndex { $0.contains("A phase=decided") })
        #expect(panel[a + 1].trimmingCharacters(in: .whitespaces).hasPrefix("ballot=1.A"), "\(panel)")
    }

    /// A step's notes reach the status line, where they can be read even
    /// when the event text does not fit (80 columns beside a lesson).
    @Test func aStepsNotesAreInTheStatusLine() throws {
        var session = try PlaySession(clusterLine: "cluster paxos nodes=3 proposers=A,B seed=46 retry=1..6")
        session.run(text: "propose A x")
        session.run(text: "propose B y")
        var s = AppState(session: session, width: 80, height: 24)
        var seen: [String] = []
        for _ in 0..<10 {
            s.reduce(.step)
            seen.append(s.status)
        }
        #expect(seen.contains { $0.contains("B: refuses Prepare 1.A: it promised 2.B, a higher round") }, "\(seen)")
    }

    /// A teaching variant that breaks on purpose says so in the title.
    @Test func theTitleNamesAnUnsafeVariant() throws {
        let unsafe = try state("cluster raft nodes=3 seed=7 unsafe=double-vote")
        #expect(unsafe.render().lines[0].contains("Raft · UNSAFE double-vote · free play"))
        let holdback = try state("cluster causal-broadcast nodes=3 holdback=off")
        #expect(holdback.render().lines[0].contains("UNSAFE holdback=off"))
        #expect(!(try state()).render().lines[0].contains("UNSAFE"))
    }

    @Test func theContractKeysAreMapped() {
        let expected: [(Key, AppAction)] = [
            (.char(" "), .step), (.char("n"), .step), (.right, .step), (.char("b"), .back), (.left, .back),
            (.char("p"), .togglePlay), (.char("+"), .faster), (.char("-"), .slower), (.tab, .selectNextMessage),
            (.backTab, .selectPreviousMessage), (.enter, .deliverSelected), (.char("d"), .dropSelected),
            (.char("l"), .delaySelected(5)), (.char("L"), .askDelay), (.char("u"), .duplicateSelected),
            (.char("1"), .selectNode(0)), (.char("9"), .selectNode(8)), (.char("c"), .crashOrRestart),
            (.char("x"), .isolateOrHeal), (.char("H"), .healAll), (.char("h"), .hint), (.char("a"), .clientAction), (.char(":"), .openCommandLine), (.char("t"), .fireTimeout),
            (.char("i"), .inspect), (.char("f"), .cycleFilter), (.char("e"), .export), (.char("?"), .toggleHelp),
            (.char("q"), .quit),
        ]
        for (key, action) in expected { #expect(KeyMap.action(for: key, prompt: nil) == action, "\(key)") }
    }

    @Test func stepBackShowsTheEarlierScreenExactly() throws {
        var s = try state()
        press(&s, .char("t"))
        var screens: [Int: [String]] = [:]
        for _ in 0..<20 {
            press(&s, .char(" "))
            screens[s.core.step] = s.render().lines
        }
        let end = s.core.step
        for _ in 0..<7 { press(&s, .char("b")) }
        #expect(s.core.step == end - 7)
        // The title says "in the past"; everything else is the same screen.
        let back = Array(s.render().lines.dropFirst().dropLast(3))
        let earlier = Array(screens[end - 7]!.dropFirst().dropLast(3))
        for (i, (a, b)) in zip(back, earlier).enumerated() where a != b { Issue.record("row \(i + 1):\n\(a)\n\(b)") }
        for _ in 0..<7 { press(&s, .char(" ")) }
        #expect(Array(s.render().lines.dropLast(3)) == Array(screens[end]!.dropLast(3)))
    }

    @Test func actingInThePastForks() throws {
        var s = try state()
        press(&s, .char("t"))
        for _ in 0..<6 { press(&s, .char(" ")) }
        press(&s, .char("b"), .char("b"))
        let here = s.core.step
        press(&s, .char("d"))
        #expect(s.core.step == here + 1 && s.core.lastStep == here + 1)
        #expect(s.status.contains("forked"))
        #expect(s.session.script.contains("drop #"))
    }

    @Test func typedDelay() throws {
        var s = try state("cluster lamport nodes=2")
        _ = s.session.run(text: "send A B m1")
        s.normalise()
        press(&s, .char("L"), .char("1"), .char("2"), .enter)
        let last = s.core.event(s.core.eventCount - 1)
        #expect(last.kind == .delay && last.text?.hasPrefix("+12") == true)
        #expect(s.prompt == nil)
    }

    @Test func crashAndIsolateToggle() throws {
        var s = try state()
        press(&s, .char("2"), .char("c"))
        #expect(s.core.isCrashed(NodeID(1)))
        press(&s, .char("c"))
        #expect(!s.core.isCrashed(NodeID(1)))
        press(&s, .char("x"))
        #expect(s.isIsolated(1))
        press(&s, .char("x"))
        #expect(s.core.blockedLinks.isEmpty)
    }

    @Test func inspectComparesTwoEvents() throws {
        var s = try state("cluster vector nodes=3")
        for command in ["local A", "send A B m1", "local C", "deliver #1"] { _ = s.session.run(text: command) }
        s.normalise()
        press(&s, .home, .char("i"))          // event 1: A's local step
        press(&s, .end, .up, .char("i"))      // the receive at B
        #expect(s.status == "event 1 → event 4")
        press(&s, .home, .down, .down, .char("i"), .char("i"))  // clear, then C's local step
        press(&s, .end, .up, .char("i"))
        #expect(s.status == "event 3 ∥ event 4")
    }

    @Test func stepWithNothingToDoSaysSo() throws {
        var s = try state("cluster lamport nodes=2")
        press(&s, .char(" "))
        #expect(s.status.hasPrefix("nothing to process"))
        #expect(s.core.step == 0)
    }

    /// Random key presses at random sizes: never a crash, every UI
    /// invariant holding after each one.
    @Test func randomActionsKeepTheInvariants() throws {
        var rng = SeededGenerator(seed: 99)
        let keys: [Key] = [.char(" "), .char("b"), .tab, .backTab, .enter, .char("d"), .char("l"), .char("u"),
                           .char("1"), .char("2"), .char("3"), .char("c"), .char("x"), .char("h"), .char("H"), .char("t"), .char("a"), .char(":"), .char("S"), .char("v"),
                           .char("i"), .char("f"), .char("?"), .up, .down, .pageUp, .pageDown, .home, .end,
                           .char("L"), .char("7"), .escape, .char("p")]
        for protocolID in ProtocolCatalog.ids {
            var s = try state("cluster \(protocolID) nodes=3 seed=3")
            for i in 0..<1_500 {
                if i % 97 == 0 {
                    press(&s, .resize(width: rng.draw(10...200), height: rng.draw(4...70)))
                } else {
                    press(&s, keys[rng.draw(0...(keys.count - 1))])
                }
                #expect(s.invariantsHold, "\(protocolID) after \(i) keys")
                let screen = s.render()
                #expect(screen.width == s.width && screen.height == s.height)
            }
        }
    }

    /// The command line: typed text runs as a command, a mistake stays on
    /// the line with its column, esc closes it, ↑ recalls, tab completes.
    @Test func commandLine() throws {
        var s = try state("cluster lamport nodes=3 seed=1")
        let keys = { (keys: [Key], s: inout AppState) in
            for key in keys { if let a = KeyMap.action(for: key, prompt: s.prompt?.kind) { s.reduce(a) } }
        }
        keys([.char(":"), .char("x"), .escape], &s)
        #expect(s.prompt == nil, "esc did not close the command line")
        keys([.char(":")] + "send A Q".map { Key.char($0) } + [.enter], &s)
        #expect(s.prompt?.error?.column == 8, "\(String(describing: s.prompt))")
        keys([.escape, .char("a"), .enter], &s)
        #expect(s.core.messageCount == 1 && s.session.script.contains("send A B m1"), "\(s.session.script)")
        keys([.char(":"), .up], &s)
        #expect(s.prompt?.text == "send A B m1")
        keys([.up], &s)
        #expect(s.prompt?.text == "send A Q")
        keys([.escape, .char(":"), .char("d"), .char("e"), .tab], &s)
        #expect(s.prompt?.text == "del" && s.prompt?.candidates == ["delay", "deliver"])
        keys([.char("i"), .tab], &s)
        #expect(s.prompt?.text == "deliver ")
        keys([.tab], &s)
        #expect(s.prompt?.text == "deliver #1 ")
        keys([.enter], &s)
        #expect(s.prompt == nil && s.core.inflight.isEmpty)
    }
}

