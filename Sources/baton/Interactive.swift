import ArgumentParser
import Foundation
import Terminal
import TUI

/// The interactive loop: key → action → reduce → render → present.
enum Interactive {
    static func run(_ session: PlaySession, exportDir: String, mode: String = "free play") throws -> Int32 {
        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            FileHandle.standardError.write(Data("baton: \(error)\n".utf8))
            return 2
        }
        defer { terminal.close() }
        let (width, height) = terminal.size
        var state = AppState(session: session, width: width, height: height,
                             glyphs: terminal.unicode ? .unicode : .ascii, color: terminal.color)
        state.mode = mode
        terminal.present(state.render())
        // Bounded by the user: each turn waits for a key or an autoplay tick.
        while !state.quit {
            let key = terminal.readKey(timeoutMs: state.playing ? state.playIntervalMs : nil)
            var effects: [AppEffect] = []
            if let key {
                guard let action = KeyMap.action(for: key, prompting: state.prompt != nil) else { continue }
                effects = state.reduce(action)
            } else if state.playing {
                effects = state.reduce(.tick)
            } else {
                continue
            }
            for effect in effects { perform(effect, &state, exportDir: exportDir) }
            terminal.present(state.render())
        }
        return 0
    }

    static func perform(_ effect: AppEffect, _ state: inout AppState, exportDir: String) {
        switch effect {
        case .export(let name, let contents):
            do {
                let path = try SafeFile.writeNew(directory: exportDir, name: name, contents: contents)
                state.status = "exported \(path)"
            } catch {
                state.status = "export failed: \(error)"
            }
        }
    }
}

/// Writes a new file atomically (temp file in the same directory, then a
/// hard link to a name that is not taken), never overwriting.
enum SafeFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func writeNew(directory: String, name: String, contents: String) throws -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        let base = (safe as NSString).deletingPathExtension
        let ext = (safe as NSString).pathExtension
        let temp = (directory as NSString).appendingPathComponent(".\(base).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temp, contents: Data(contents.utf8)) else {
            throw Failure(description: "cannot write in \(directory)")
        }
        defer { unlink(temp) }
        let fd = open(temp, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        for n in 0..<1000 {
            let candidate = n == 0 ? safe : "\(base)-\(n).\(ext)"
            let path = (directory as NSString).appendingPathComponent(candidate)
            // link() fails if the name exists, so nothing is ever overwritten.
            if link(temp, path) == 0 { return path }
            if errno != EEXIST { throw Failure(description: String(cString: strerror(errno)) + " (\(path))") }
        }
        throw Failure(description: "too many exports named \(safe)")
    }
}
