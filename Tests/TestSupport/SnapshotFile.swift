import Foundation
import Scenario
import TUI

/// A screen snapshot with its inputs above the expected screen:
///
///     size 80x24
///     ascii                      (optional: draw without UTF-8)
///     nocolor                    (optional: NO_COLOR; the attributes are
///                                 shown under the screen, one letter a cell)
///     cluster raft nodes=3 seed=7
///     timeout A                  (scenario commands, run in order)
///     keys up up i               (optional: keys pressed afterwards)
///     --- screen ---
///     ...the screen, as text...
///
/// `BATON_RECORD=1` rewrites the screen part and keeps the inputs.
public struct SnapshotFile: Sendable {
    public static let separator = "--- screen ---"
    public static let directory = Paths.packageRoot + "/Tests/TUITests/Snapshots"

    public var width = 80, height = 24
    public var ascii = false
    public var nocolor = false
    public var commands: [String] = []
    public var keys: [Key] = []
    public var expected: String = ""

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        static func malformed(_ description: String) -> Problem { Problem(description: description) }
    }

    public init(width: Int, height: Int, commands: [String], ascii: Bool = false, nocolor: Bool = false,
                keys: [Key] = []) {
        self.width = width
        self.height = height
        self.commands = commands
        self.ascii = ascii
        self.nocolor = nocolor
        self.keys = keys
    }

    public init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: "\n" + Self.separator + "\n") else {
            throw Problem.malformed("\(path): no `\(Self.separator)` line under the inputs")
        }
        expected = String(text[range.upperBound...])
        for line in text[..<range.lowerBound].split(separator: "\n").map(String.init) {
            if line.hasPrefix("size ") {
                let parts = line.dropFirst(5).split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2 else { throw Problem.malformed("\(path): bad `\(line)`") }
                (width, height) = (parts[0], parts[1])
            } else if line == "ascii" {
                ascii = true
            } else if line == "nocolor" {
                nocolor = true
            } else if line.hasPrefix("keys ") {
                keys = try line.dropFirst(5).split(separator: " ").map { name throws in
                    guard let key = Self.key(String(name)) else { throw Problem.malformed("\(path): unknown key \(name)") }
                    return key
                }
            } else {
                commands.append(line)
            }
        }
    }

    static func key(_ name: String) -> Key? {
        let named: [String: Key] = ["up": .up, "down": .down, "left": .left, "right": .right, "home": .home,
                                    "end": .end, "pgup": .pageUp, "pgdn": .pageDown, "tab": .tab, "enter": .enter,
                                    "esc": .escape, "space": .char(" ")]
        if let key = named[name] { return key }
        return name.count == 1 ? .char(name.first!) : nil
    }

    /// The inputs as the file writes them.
    public var header: String {
        (["size \(width)x\(height)"] + (ascii ? ["ascii"] : []) + (nocolor ? ["nocolor"] : []) + commands
         + (keys.isEmpty ? [] : ["keys " + keys.map(Self.name).joined(separator: " ")])).joined(separator: "\n")
    }

    static func name(_ key: Key) -> String {
        switch key {
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .tab: return "tab"
        case .enter: return "enter"
        case .escape: return "esc"
        case .char(" "): return "space"
        case .char(let c): return String(c)
        default: return "?"
        }
    }

    /// Run the inputs and render. Throws with the command that failed.
    public func render() throws -> String {
        guard let cluster = commands.first else { throw Problem.malformed("no cluster line") }
        var session = try PlaySession(clusterLine: cluster)
        for command in commands.dropFirst() {
            if let error = session.run(text: command) { throw Problem.malformed("`\(command)`: \(error)") }
        }
        var state = AppState(session: session, width: width, height: height, glyphs: ascii ? .ascii : .unicode,
                             color: !nocolor)
        for key in keys {
            if let action = KeyMap.action(for: key, prompt: state.prompt?.kind) { state.reduce(action) }
        }
        state.normalise()
        let frame = state.render()
        let screen = frame.lines.joined(separator: "\n") + "\n"
        return nocolor ? screen + Self.attributesHeading + "\n" + Self.attributes(frame) : screen
    }

    static let attributesHeading = "--- attributes: R reverse, B bold, U underline, D dim, . plain ---"

    /// One letter a cell, the strongest attribute first: what carries the
    /// emphasis when there is no colour.
    static func attributes(_ frame: ScreenBuffer) -> String {
        var out = ""
        for y in 0..<frame.height {
            var line = ""
            for x in 0..<frame.width {
                let s = frame[x, y].style
                // A colour under NO_COLOR is a bug: `C` shows where, and `check` fails.
                line.append(s.color != .normal ? "C" : s.reverse ? "R" : s.bold ? "B" : s.underline ? "U" : s.dim ? "D" : ".")
            }
            out += line + "\n"
        }
        return out
    }

    /// Compare with the file (or write it when recording); a message when
    /// they differ.
    public static func check(_ snapshot: SnapshotFile, path: String) throws -> String? {
        let actual = try snapshot.render()
        if snapshot.nocolor, let grid = actual.components(separatedBy: attributesHeading).last, grid.contains("C") {
            return "snapshot \(path): a colour was drawn under NO_COLOR (C in the attributes)"
        }
        if GoldenFile.recording {
            try (snapshot.header + "\n" + separator + "\n" + actual).write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        return actual == snapshot.expected ? nil : "snapshot \(path) differs:\n\(actual)"
    }
}
