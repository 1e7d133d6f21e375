import Foundation
import Testing
import TestSupport

/// Every screen (menu, free play, lesson, replay) ended by SIGTERM, SIGHUP
/// or Ctrl-C gives the shell back a sane terminal.
@Suite(.serialized) struct SignalTests {
    enum Screen: String, CaseIterable, Sendable { case menu, play, lesson, replay }
    enum Ending: String, CaseIterable, Sendable { case sigterm, sighup, ctrlC }

    static let cases: [(Screen, Ending)] = Screen.allCases.flatMap { s in Ending.allCases.map { (s, $0) } }

    /// The command line and what the screen shows once it is up.
    func launch(_ screen: Screen, in dir: String) throws -> (String, String) {
        let baton = Paths.batonBinary
        switch screen {
        case .menu: return ("HOME=\(dir) \(baton)", "learn distributed protocols")
        case .play: return ("\(baton) play raft --nodes 3", "free play")
        case .lesson: return ("HOME=\(dir) \(baton) learn raft-election", "Lesson")
        case .replay:
            let script = dir + "/s.baton"
            try "cluster lamport nodes=2 seed=1\nsend A B m\nstep 3\n".write(toFile: script, atomically: true, encoding: .utf8)
            return ("\(baton) replay \(script)", "replay")
        }
    }

    @Test(arguments: cases)
    func endingRestoresTheTerminal(_ screen: Screen, _ ending: Ending) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-sig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (command, shows) = try launch(screen, in: dir)
        let tmux = try Tmux(width: 100, height: 30)
        try tmux.type(command)
        #expect(tmux.waitFor { $0.contains(shows) }, "\(screen) did not open:\n\(tmux.screen())")
        let pid = try #require(tmux.childPID())
        switch ending {
        case .sigterm: kill(pid, SIGTERM)
        case .sighup: kill(pid, SIGHUP)
        case .ctrlC: try tmux.send("C-c")
        }
        #expect(tmux.terminalIsRestored(), "\(screen) after \(ending): terminal not restored:\n\(tmux.screen())")
    }
}
