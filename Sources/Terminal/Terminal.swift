import CNcursesw
import TUI
#if canImport(Glibc)
import Glibc
#endif

/// The only user of curses. Opens the terminal with `newterm` (which fails
/// politely instead of exiting), draws frames, reads keys, and restores the
/// terminal on every way out: normal exit, Ctrl-C, SIGTERM, SIGHUP, and a crash.
public final class Terminal {
    public enum OpenError: Error, CustomStringConvertible {
        case notATerminal
        case cannotStart(String)
        /// The terminal cannot move its cursor (TERM=dumb and the like).
        case cannotAddress(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "baton needs an interactive terminal: standard input and output must be a terminal "
                    + "(for scripts, use `baton run FILE.baton`)"
            case .cannotStart(let term):
                return "cannot start the terminal (TERM=\(term)); try TERM=xterm-256color"
            case .cannotAddress(let term):
                return "TERM=\(term) cannot move the cursor, so baton cannot draw its screen; "
                    + "try TERM=xterm-256color (or use `baton run FILE.baton` for a text trace)"
            }
        }
    }

    public let unicode: Bool
    public let color: Bool
    private var screen: OpaquePointer?
    private var closed = false
    /// The scroll claim of the frame on screen (see `present`).
    var lastScrollHint: ScrollHint? = nil

    /// The ncurses library's own version string (`ncurses 6.4.20230625`),
    /// for `baton --version`.
    public static var cursesVersion: String { String(cString: baton_curses_version()) }

    public init() throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw OpenError.notATerminal }
        setlocale(LC_ALL, "")
        let codeset = String(cString: baton_codeset()).uppercased().filter { $0 != "-" }
        unicode = codeset == "UTF8"
        guard let screen = newterm(nil, baton_stdout(), baton_stdin()) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw OpenError.cannotStart(term)
        }
        self.screen = screen
        set_term(screen)
        guard baton_can_address() != 0 else {
            endwin()
            delscreen(screen)
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw OpenError.cannotAddress(term)
        }
        TerminalGuard.install()
        cbreak()
        noecho()
        nonl()
        keypad(baton_stdscr(), true)
        // Let curses scroll with insert/delete line too (see `present`).
        idlok(baton_stdscr(), true)
        curs_set(0)
        let escDelay = getenv("ESCDELAY").flatMap { Int32(String(cString: $0)) } ?? 25
        set_escdelay(escDelay)
        let wantsColor = getenv("NO_COLOR") == nil
        color = wantsColor && has_colors()
        if color { grayIsDim = Self.initColors() }
    }

    deinit { close() }

    /// Leave curses mode; safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        TerminalGuard.uninstall()
    }

    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        baton_getmaxyx(baton_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Gray is a 256-colour gray, dim by itself: then `A_DIM` is not sent
    /// with it (every dim-on, dim-off pair costs about 20 bytes, and the
    /// lifelines are gray).
    var grayIsDim = false

    /// Returns whether gray is a true gray (256 colours).
    private static func initColors() -> Bool {
        start_color()
        use_default_colors()
        let trueGray = baton_colors() >= 256
        let table: [(Color, Int32)] = [(.red, Int32(COLOR_RED)), (.green, Int32(COLOR_GREEN)),
                                       (.yellow, Int32(COLOR_YELLOW)), (.blue, Int32(COLOR_BLUE)),
                                       (.magenta, Int32(COLOR_MAGENTA)), (.cyan, Int32(COLOR_CYAN)),
                                       (.gray, Int32(COLOR_WHITE))]
        for (c, fg) in table { init_pair(Int16(c.rawValue), Int16(c == .gray && trueGray ? 244 : fg), -1) }
        return trueGray
    }
}

/// Restores the terminal from a signal handler. Only async-signal-tolerant
/// work: `endwin` (which curses documents for this use) and `_exit`/re-raise.
enum TerminalGuard {
    /// Ctrl-\ (SIGQUIT) too: the runtime's crash reporter must not paint
    /// over the screen for a key the user pressed.
    static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGILL, SIGABRT, SIGTRAP, SIGBUS, SIGFPE]

    static func install() {
        // A parent may have left these blocked (a test runner's worker
        // thread, a job control quirk); then Ctrl-C would do nothing.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for s in exitSignals + crashSignals + [SIGWINCH] { sigaddset(&unblock, s) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for s in exitSignals { signal(s, onExitSignal) }
        for s in crashSignals { signal(s, onCrashSignal) }
    }

    static func uninstall() {
        for s in exitSignals + crashSignals { signal(s, SIG_DFL) }
    }
}

private func onExitSignal(_ signal: Int32) {
    endwin()
    _exit(128 + signal)
}

private func onCrashSignal(_ sig: Int32) {
    endwin()
    // Die of the same signal, so the crash is still reported as one.
    signal(sig, SIG_DFL)
    raise(sig)
}
