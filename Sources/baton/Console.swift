import Foundation
import Sim

/// Everything the command line prints passes through here, so a file name,
/// a lesson title or an error quoting a hostile file is shown (`␛[2J`),
/// never obeyed by the user's terminal.
enum Console {
    static func out(_ text: String) {
        print(Sanitize.visibleLines(text))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((Sanitize.visibleLines(text) + "\n").utf8))
    }
}
