import Foundation
import Scenario
import Terminal
import TUI

// Bytes written to a real pty per step (issue 7): the app's own Terminal
// (ncurses) draws free play of Raft on 5 nodes into the slave side of a
// pseudo-terminal (TERM=xterm-256color, 120×40) while a thread reads the
// master side. Prints the first full frame, the median / p90 / max bytes per
// step in steady state, and how many steps cleared the screen (a full
// repaint), then the same after a resize.
//   swift run -c release --Xswiftc -cross-module-optimization TerminalBytes [STEPS]

let steps = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 500

/// Everything read from the master side, split at marks.
final class PtyReader: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var lastRead = DispatchTime.now()
    let fd: Int32

    init(fd: Int32) {
        self.fd = fd
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { return }
                lock.lock()
                bytes.append(contentsOf: buffer[0..<n])
                lastRead = .now()
                lock.unlock()
            }
        }
        thread.start()
    }

    /// Wait until nothing has arrived for 5 ms, then take what came.
    func take() -> [UInt8] {
        while true {
            usleep(1_000)
            lock.lock()
            let quiet = DispatchTime.now().uptimeNanoseconds - lastRead.uptimeNanoseconds > 5_000_000
            if quiet {
                let taken = bytes
                bytes.removeAll(keepingCapacity: true)
                lock.unlock()
                return taken
            }
            lock.unlock()
        }
    }
}

/// /dev/ptmx by hand (Glibc's Swift module does not export grantpt and
/// friends): unlock the slave, ask its number, open /dev/pts/N.
func openPty() -> (master: Int32, slave: Int32) {
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    precondition(master >= 0, "no pseudo-terminal")
    var unlock: Int32 = 0
    var number: UInt32 = 0
    // TIOCSPTLCK and TIOCGPTN are function-like macros Swift does not import;
    // these are their values in Linux's generic ioctl encoding.
    let setLock: UInt = 0x4004_5431, getNumber: UInt = 0x8004_5430
    precondition(ioctl(master, setLock, &unlock) == 0 && ioctl(master, getNumber, &number) == 0)
    let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
    precondition(slave >= 0)
    setSize(master, width: 120, height: 40)
    return (master, slave)
}

func setSize(_ fd: Int32, width: Int, height: Int) {
    var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
    precondition(ioctl(fd, UInt(TIOCSWINSZ), &size) == 0, "cannot set the pty size")
}

/// ncurses clears the whole screen with ED 2 (`ESC [ 2 J`) or, after homing
/// the cursor, ED 0 (`ESC [ J`): either means a full repaint.
func clearsScreen(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.contains("\u{1B}[2J") || text.contains("\u{1B}[H\u{1B}[J")
}

func percentile(_ sorted: [Int], _ p: Double) -> Int { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

let (master, slave) = openPty()
let reader = PtyReader(fd: master)
let savedOut = dup(1), savedIn = dup(0)
setenv("TERM", "xterm-256color", 1)
setenv("LANG", "C.UTF-8", 1)
dup2(slave, 0)
dup2(slave, 1)

let terminal = try Terminal()
var state = AppState(session: try PlaySession(clusterLine: "cluster raft nodes=5 seed=7 heartbeat=5"),
                     width: 120, height: 40, glyphs: terminal.unicode ? .unicode : .ascii, color: terminal.color)
terminal.present(state.render())
let firstFrame = reader.take().count
_ = state.reduce(.fireTimeout)
// Warm up until the diagram is full and scrolling.
for _ in 0..<200 { _ = state.reduce(.step); terminal.present(state.render()) }
_ = reader.take()
var perStep: [Int] = []
var repaints = 0
var changedCells: [Int] = []
var changedRows: [Int] = []
for _ in 0..<steps {
    let before = state.render()
    _ = state.reduce(.step)
    let after = state.render()
    var cells = 0, rows = 0
    for y in 0..<after.height {
        var rowChanged = false
        for x in 0..<after.width where after[x, y] != before[x, y] { cells += 1; rowChanged = true }
        if rowChanged { rows += 1 }
    }
    changedCells.append(cells)
    changedRows.append(rows)
    terminal.present(state.render())
    let out = reader.take()
    perStep.append(out.count)
    // BATON_DUMP=FOLDER keeps every steady-state step's bytes (step-N.bin), to see what a step sends.
    if let folder = ProcessInfo.processInfo.environment["BATON_DUMP"] {
        FileManager.default.createFile(atPath: "\(folder)/step-\(perStep.count).bin", contents: Data(out))
    }
    if clearsScreen(out) { repaints += 1 }
}
// A resize is the one time a full repaint is expected.
setSize(master, width: 100, height: 30)
kill(getpid(), SIGWINCH)
if case .resize(let w, let h) = terminal.readKey(timeoutMs: 1_000) {
    _ = state.reduce(.resize(width: w, height: h))
}
terminal.present(state.render())
let resized = reader.take()
terminal.close()
_ = reader.take()
dup2(savedOut, 1)
dup2(savedIn, 0)

let sorted = perStep.sorted()
print("terminal output, raft 5 nodes, TERM=xterm-256color 120x40, \(steps) steps after 200 of warm-up:")
print("  first full frame \(firstFrame) B; per step median \(percentile(sorted, 0.5)) B, "
      + "p90 \(percentile(sorted, 0.9)) B, max \(sorted.last ?? 0) B; full repaints \(repaints)")
print("  cells changed per step: median \(percentile(changedCells.sorted(), 0.5)) of \(120 * 40), "
      + "rows changed: median \(percentile(changedRows.sorted(), 0.5)) of 40")
print("  after a resize to 100x30: \(resized.count) B (full repaint: \(clearsScreen(resized)))")
