import CNcursesw
import TUI
#if canImport(Glibc)
import Glibc
#endif

extension Terminal {
    /// Wait for a key, up to `timeoutMs` (nil: forever). Nil on timeout.
    public func readKey(timeoutMs: Int?) -> Key? {
        wtimeout(baton_stdscr(), Int32(timeoutMs ?? -1))
        var ch: wint_t = 0
        let result = wget_wch(baton_stdscr(), &ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return functionKey(Int32(ch)) }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 3: return .char("q")   // Ctrl-C in case the terminal passes it through
        case 21: return .clearLine  // Ctrl-U
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)), ch >= 32 else { return nil }
            return .char(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_RESIZE:
            let (w, h) = size
            return .resize(width: w, height: h)
        default: return nil
        }
    }

    /// Draw a frame. The frame is built whole from state; curses sends only
    /// the cells that changed since the last refresh.
    public func present(_ frame: ScreenBuffer) {
        // Rows that only moved (the diagram following the run) are moved by
        // the terminal: stdscr still holds the frame on screen, so scrolling
        // its rows and refreshing lets curses find the shift and send a
        // scroll, whole lines being equal; the frame's refresh below then
        // sends only what differs (the new row, the side panel's rows).
        // ncurses cannot find the shift with the side panel in the lines.
        if frame.width == size.width, frame.height == size.height,
           let hint = frame.scrollHint, let shift = hint.shift(from: lastScrollHint) {
            baton_scroll_rows(Int32(hint.rows.lowerBound), Int32(hint.rows.upperBound - 1), Int32(shift))
            wrefresh(baton_stdscr())
        }
        lastScrollHint = frame.scrollHint
        werase(baton_stdscr())
        let styles = frame.terminalStyles()
        for y in 0..<frame.height {
            var x = 0
            while x < frame.width {
                let style = styles[y][x]
                var run = ""
                let startX = x
                while x < frame.width && styles[y][x] == style {
                    if !frame[x, y].continuation { run.append(frame[x, y].char) }
                    x += 1
                }
                wattrset(baton_stdscr(), Int32(bitPattern: UInt32(truncatingIfNeeded: attributes(style))))
                // The bottom-right cell cannot be written without scrolling;
                // curses reports ERR there and draws everything else.
                _ = mvwaddstr(baton_stdscr(), Int32(y), Int32(startX), unicode ? run : asciiOnly(run))
            }
        }
        wattrset(baton_stdscr(), 0)
        wrefresh(baton_stdscr())
    }

    private func attributes(_ s: Style) -> attr_t {
        var a = baton_a_normal()
        if s.bold { a |= baton_a_bold() }
        if s.dim && !(grayIsDim && color && s.color == .gray) { a |= baton_a_dim() }
        if s.reverse { a |= baton_a_reverse() }
        if s.underline { a |= baton_a_underline() }
        if color && s.color != .normal { a |= baton_color_pair(Int32(s.color.rawValue)) }
        return a
    }

    private func asciiOnly(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
    }
}
