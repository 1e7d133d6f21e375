import Foundation
import Scenario
import Terminal
import TUI

/// Work that may take more than a moment (opening a lesson, replaying a
/// transcript, a `run` typed at the command line), run off the thread that
/// draws (issue 17): while it runs the screen says how far it got, and Esc
/// and q are heard. Only this thread touches the terminal.
enum Background {
    /// How long work may take before the screen shows progress, in ms.
    static let quietMs = 150
    /// How often the progress line is redrawn, in ms.
    static let tickMs = 100

    /// Run `work` on a worker thread and return its value. If it takes more
    /// than `quietMs`, `frame(interrupt)` is shown every `tickMs` and keys are
    /// read: Esc asks the work to stop where it is (it returns what it
    /// reached), q asks the same and sets `quit`. Other keys wait.
    static func run<T: Sendable>(_ terminal: Terminal, _ interrupt: Interrupt,
                                 frame: (Interrupt) -> ScreenBuffer,
                                 _ work: @escaping @Sendable () -> T) -> (value: T, quit: Bool) {
        let job = Job(work)
        _ = job.wait(ms: quietMs)
        return follow(job, terminal, interrupt, frame: frame)
    }

    /// Wait for `job`, showing `frame(interrupt)` and hearing Esc and q, as `run` says.
    static func follow<T: Sendable>(_ job: Job<T>, _ terminal: Terminal, _ interrupt: Interrupt,
                                    frame: (Interrupt) -> ScreenBuffer) -> (value: T, quit: Bool) {
        var quit = false
        // Bounded by the work: it hears the stop within `Interrupt.everySteps` steps.
        while !job.wait(ms: 0) {
            terminal.present(frame(interrupt))
            switch terminal.readKey(timeoutMs: tickMs) {
            case .escape?: interrupt.requestStop()
            case .char("q")?:
                interrupt.requestStop()
                quit = true
            default: break
            }
        }
        return (job.take(), quit)
    }

    /// A plain screen with a few lines at the top left (before any state exists).
    static func message(_ lines: [String], width: Int, height: Int) -> ScreenBuffer {
        var screen = ScreenBuffer(width: width, height: height)
        for (i, line) in lines.prefix(height).enumerated() {
            _ = screen.write(line, x: 1, y: i + 1, maxX: width - 1)
        }
        return screen
    }

    /// `working: step 12,345 · Esc stops here · q quits`, on the status line
    /// of the screen as it was before the work.
    static func progressFrame(_ state: AppState, _ interrupt: Interrupt, doing: String) -> ScreenBuffer {
        var shown = state
        shown.prompt = nil   // the line typed is running: show its progress instead
        let reached = interrupt.isExploring ? "\(grouped(interrupt.steps)) states explored"
                                            : "step \(grouped(interrupt.steps))"
        shown.status = interrupt.isStopRequested
            ? "stopping at \(reached)…"
            : "\(interrupt.isExploring ? "exploring" : doing): \(reached) · Esc stops here · q quits"
        return shown.render()
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// Work running on its own thread, and the one value it hands back to the
/// drawing thread.
final class Job<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var value: T?

    init(_ work: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            let v = work()
            lock.withLock { value = v }
            done.signal()
        }
        // The engine recurses little, but a lesson or a transcript is user
        // input: the main thread's 8 MB, not a secondary thread's default.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// True once the value is there (waiting up to `ms`).
    func wait(ms: Int) -> Bool {
        guard done.wait(timeout: .now() + .milliseconds(ms)) == .success else { return false }
        done.signal()   // later waits succeed at once
        return true
    }

    func take() -> T {
        lock.withLock {
            guard let value else { preconditionFailure("take before the work finished") }
            return value
        }
    }
}
