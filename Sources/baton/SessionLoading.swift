import ArgumentParser
import Scenario

/// A scenario or transcript opened as a session, for `play` and `replay`.
/// The file is read before the screen opens (a file that cannot be read is
/// reported on stderr and the command exits 2); its commands run once the
/// screen is open, where the progress shows and Esc stops them
/// (`Interactive.run`); a command that does not run is reported with where
/// it is once the screen is closed, and the command exits 2.
enum SessionLoading {
    /// What to print on stderr once the terminal is closed.
    struct Failure: Error {
        let lines: [String]
    }

    static func commands(_ read: () throws -> [String]) throws -> [String] {
        do {
            return try read()
        } catch {
            Console.err("\(error)")
            throw ExitCode(2)
        }
    }

    /// Run `commands`; a stop asked through `interrupt` ends it where it got
    /// to, and `status` says so.
    static func session(label: String, _ commands: [String],
                        interrupt: Interrupt) throws -> (PlaySession, status: String?) {
        do {
            let session = try PlaySession(commands: commands, interrupt: interrupt)
            guard interrupt.isStopRequested else { return (session, nil) }
            let at = min(interrupt.command, commands.count)
            return (session, "stopped (Esc) in command \(at) of \(commands.count), step \(session.core.step): "
                             + "the rest of \(label) was not run")
        } catch let errors as ScenarioErrors {
            throw Failure(lines: errors.diagnostics.map { "\(label): command \($0.line): \($0.message)" })
        }
    }
}
