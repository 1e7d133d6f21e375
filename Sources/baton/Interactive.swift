import ArgumentParser
import Export
import Foundation
import Lessons
import Scenario
import Terminal
import TUI

/// The interactive loops: key → action → reduce → render → present.
enum Interactive {
    static func openTerminal() -> Terminal? {
        do {
            return try Terminal()
        } catch {
            Console.err("baton: \(error)")
            return nil
        }
    }

    /// Free play, or one lesson (`baton learn`): until q. `make` runs off
    /// the drawing thread, started before the screen opens: what ends within
    /// a moment (nearly everything) never shows a progress screen, and its
    /// errors (`SessionLoading.Failure`) are printed without opening the
    /// screen at all; what takes longer (a long replay, a lesson's setup)
    /// shows `opening` with the step reached, and Esc or q stop it. The
    /// state is made at 80x24 and adopts the terminal's size and glyphs.
    static func run(opening: String, exportDir: String, progress: ProgressStore? = nil,
                    _ make: @escaping @Sendable (Interrupt) throws -> AppState) throws -> Int32 {
        let interrupt = Interrupt()
        let job = Job { Result { try make(interrupt) } }
        if job.wait(ms: Background.quietMs), case .failure(let failure as SessionLoading.Failure) = job.take() {
            for line in failure.lines { Console.err(line) }
            return 2
        }
        guard let terminal = openTerminal() else { return 2 }
        defer { terminal.close() }
        let (made, quit) = Background.follow(job, terminal, interrupt, frame: { i in
            let (w, h) = terminal.size
            return Background.message(["baton: \(opening)", "",
                                       "step \(Background.grouped(i.steps)) (command \(i.command))",
                                       "", "Esc: open what is done so far    q: quit"], width: w, height: h)
        })
        if quit { return 0 }
        var state: AppState
        switch made {
        case .success(let s): state = s
        case .failure(let failure as SessionLoading.Failure):
            terminal.close()
            for line in failure.lines { Console.err(line) }
            return 2
        case .failure(let error): throw error
        }
        state.glyphs = terminal.unicode ? .unicode : .ascii
        state.color = terminal.color
        let (w, h) = terminal.size
        state.reduce(.resize(width: w, height: h))
        // Saved the moment the lesson is complete: a closed terminal must not lose it.
        var saveFailure: String? = nil
        state = play(state, terminal, exportDir: exportDir) { completed in
            guard let id = completed.lesson?.lesson.meta.id, var progress else { return }
            do { try progress.markComplete(id) } catch { saveFailure = "\(error)" }
        }
        if let saveFailure {
            terminal.close()
            Console.err("baton: the lesson is complete, but progress was not saved: \(saveFailure)")
        }
        return 0
    }

    /// The lesson menu (`baton` with no arguments).
    static func menu(library: LessonLibrary, exportDir: String) throws -> Int32 {
        guard let terminal = openTerminal() else { return 2 }
        defer { terminal.close() }
        var progress = ProgressStore()
        let glyphs: Glyphs = terminal.unicode ? .unicode : .ascii
        var menu = MenuState(library: library, completed: progress.completed, width: terminal.size.width,
                             height: terminal.size.height, glyphs: glyphs, color: terminal.color)
        if let warning = progress.warning { menu.status = warning }
        // Bounded by the user: each turn waits for a key.
        while true {
            terminal.present(menu.render())
            guard let key = terminal.readKey(timeoutMs: nil), let choice = menu.reduce(key) else { continue }
            let (w, h) = terminal.size
            switch choice {
            case .quit:
                return 0
            case .freePlay(let id):
                let session = try PlaySession(clusterLine: "cluster \(id) nodes=3 seed=1")
                _ = play(AppState(session: session, width: w, height: h, glyphs: glyphs, color: terminal.color),
                         terminal, exportDir: exportDir)
            case .lesson(let id):
                guard let lesson = library.lesson(id: id) else { continue }
                let color = terminal.color
                let interrupt = Interrupt()
                let (made, quit) = Background.run(terminal, interrupt, frame: { i in
                    var shown = menu
                    shown.status = "opening \(lesson.meta.title): step \(Background.grouped(i.steps)) · Esc goes back · q quits"
                    return shown.render()
                }) { Result { try AppState(lesson: lesson, width: w, height: h, glyphs: glyphs, color: color,
                                           interrupt: interrupt) } }
                if quit { return 0 }
                if interrupt.isStopRequested {
                    menu.status = "\(lesson.meta.title): opening stopped (Esc)"
                    continue
                }
                let state = play(try made.get(), terminal, exportDir: exportDir) { _ in try? progress.markComplete(id) }
                if state.lessonCompleted {
                    do {
                        try progress.markComplete(id)
                        menu.markDone(id)
                        menu.status = "\(lesson.meta.title): complete"
                    } catch {
                        menu.status = "could not save progress: \(error)"
                    }
                }
            }
            menu.width = terminal.size.width
            menu.height = terminal.size.height
        }
    }

    static func play(_ start: AppState, _ terminal: Terminal, exportDir: String,
                     onComplete: (AppState) -> Void = { _ in }) -> AppState {
        var state = start
        var completed = state.lessonCompleted
        state.exportDate = ISO8601DateFormatter().string(from: Date())
        terminal.present(state.render())
        while !state.quit {
            let key = terminal.readKey(timeoutMs: state.playing ? state.playIntervalMs : nil)
            var effects: [AppEffect] = []
            if let key {
                guard let action = KeyMap.action(for: key, prompt: state.prompt?.kind) else { continue }
                effects = reduce(&state, action, terminal)
            } else if state.playing {
                effects = reduce(&state, .tick, terminal)
            } else {
                continue
            }
            var written: [String] = []
            for effect in effects { perform(effect, &state, exportDir: exportDir, written: &written) }
            if !written.isEmpty { state.status = exportedMessage(written) }
            if state.lessonCompleted && !completed {
                completed = true
                onComplete(state)
            }
            terminal.present(state.render())
        }
        return state
    }

    /// `state.reduce(action)` off the drawing thread: a `run` typed at the
    /// command line, or a lesson step, may take a while; the screen then
    /// shows the progress, Esc stops the run where it is (the log keeps what
    /// ran as `step K`), q stops it and quits.
    static func reduce(_ state: inout AppState, _ action: AppAction, _ terminal: Terminal) -> [AppEffect] {
        let interrupt = Interrupt()
        let before = state
        let working = { () -> AppState in
            var s = state
            s.session.interrupt = interrupt
            return s
        }()
        let (result, quit) = Background.run(terminal, interrupt, frame: { i in
            Background.progressFrame(before, i, doing: "running")
        }) {
            var s = working
            let effects = s.reduce(action)
            let stopped = s.session.endInterruptible()
            return (s, effects, stopped)
        }
        state = result.0
        if let step = result.2 {
            state.status = "stopped at step \(step) (Esc): the rest was not run; the log keeps what ran as `step`"
        }
        if quit { state.quit = true }
        let (w, h) = terminal.size
        if (w, h) != (state.width, state.height) { state.reduce(.resize(width: w, height: h)) }
        return result.1
    }

    /// `exported baton-raft-7-12.md and .baton in /tmp/x`: the names first,
    /// so that a long directory is what the status line cuts.
    static func exportedMessage(_ paths: [String]) -> String {
        let names = paths.map { ($0 as NSString).lastPathComponent }
        let dir = (paths[0] as NSString).deletingLastPathComponent
        let stems = names.map { ($0 as NSString).deletingPathExtension }
        let shown = Set(stems).count == 1 && names.count > 1
            ? [names[0]] + names.dropFirst().map { "." + ($0 as NSString).pathExtension } : names
        let here = FileManager.default.currentDirectoryPath
        return "exported " + shown.joined(separator: " and ") + (dir == here ? "" : " in " + dir)
    }

    /// A write error is shown and the session goes on.
    static func perform(_ effect: AppEffect, _ state: inout AppState, exportDir: String, written: inout [String]) {
        switch effect {
        case .export(let name, let contents):
            do {
                written.append(try SafeFile.writeNew(directory: exportDir, name: name, contents: contents))
            } catch {
                state.status = "export failed: \(error)"
                written = []
            }
        }
    }
}

