import Foundation
import Lessons
import Scenario
import Sim
import Testing
@testable import TUI

/// Random `AppAction`s (every case, random arguments) through `reduce` and
/// `render` at random sizes, in free play for every protocol and in a
/// lesson: never a crash, every UI invariant after every action, and the
/// screen always exactly the terminal's size with no control character in it.
///
/// `swift test` runs a few thousand; `scripts/soak-reduce.sh` runs 1,000,000
/// in release (BATON_SOAK_ACTIONS sets the count).
@Suite struct ActionSoakTests {
    static var actionsTotal: Int {
        ProcessInfo.processInfo.environment["BATON_SOAK_ACTIONS"].flatMap(Int.init) ?? 6_000
    }

    static func randomAction(_ rng: inout SeededGenerator) -> AppAction {
        switch rng.draw(0...29) {
        case 0...5: return .step
        case 6...7: return .back
        case 8: return .togglePlay
        case 9: return [.faster, .slower, .tick][rng.draw(0...2)]
        case 10: return .selectNextMessage
        case 11: return .selectPreviousMessage
        case 12: return .deliverSelected
        case 13: return .dropSelected
        case 14: return .delaySelected(rng.draw(-3...40))
        case 15: return [.askDelay, .duplicateSelected][rng.draw(0...1)]
        case 16: return .selectNode(rng.draw(-2...12))
        case 17: return [.crashOrRestart, .isolateOrHeal, .healAll, .hint, .clientAction, .promptSubmit, .promptComplete][rng.draw(0...6)]
        case 18: return .fireTimeout
        case 19: return [.inspect, .cycleFilter, .toggleHelp][rng.draw(0...2)]
        case 20: return rng.draw(0...50) == 0 ? .export : .quit
        case 21: return .scrollUp(rng.draw(0...500))
        case 22: return .scrollDown(rng.draw(0...500))
        case 23: return [.scrollHome, .scrollEnd][rng.draw(0...1)]
        case 24: return .resize(width: rng.draw(-5...260), height: rng.draw(-5...90))
        case 25: return .promptInput(Character(UnicodeScalar(UInt8(rng.draw(32...126)))))
        case 26: return [.promptBackspace, .promptCancel, .promptSubmit][rng.draw(0...2)]
        default: return .step
        }
    }

    static func starts() throws -> [AppState] {
        let clusters = ["cluster lamport nodes=3 seed=1", "cluster vector nodes=4 seed=2",
                        "cluster fifo-broadcast nodes=3 seed=3", "cluster causal-broadcast nodes=5 seed=4",
                        "cluster raft nodes=5 seed=5 loss=5%", "cluster paxos nodes=3 seed=6 proposers=A,B"]
        var states = try clusters.map { AppState(session: try PlaySession(clusterLine: $0), width: 120, height: 40) }
        let lessons = LessonLibrary(userDirectory: "/nonexistent").lessons
        for id in ["raft-election", "paxos-dueling"] {
            states.append(try AppState(lesson: try #require(lessons.first { $0.meta.id == id }), width: 120, height: 40))
        }
        return states
    }

    @Test func randomActionsNeverBreakTheScreen() throws {
        var rng = SeededGenerator(seed: 2026)
        var states = try Self.starts()
        let perState = Self.actionsTotal / states.count
        for k in states.indices {
            for i in 0..<perState {
                let action = Self.randomAction(&rng)
                _ = states[k].reduce(action)
                let s = states[k]
                let screen = s.render()
                guard s.invariantsHold, screen.width == s.width, screen.height == s.height,
                      screen.lines.allSatisfy({ line in line.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
                else {
                    Issue.record("state \(k), action \(i) (\(action)): invariants or screen broken")
                    return
                }
            }
        }
    }
}
