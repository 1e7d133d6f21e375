import ArgumentParser
import Scenario

/// A scenario or transcript opened as a session, for `play` and `replay`: a
/// file that cannot be read, or a command that does not run, is reported on
/// stderr with where it is, and the command exits 2.
enum SessionLoading {
    static func session(label: String, _ read: () throws -> [String]) throws -> PlaySession {
        let commands: [String]
        do {
            commands = try read()
        } catch {
            Console.err("\(error)")
            throw ExitCode(2)
        }
        do {
            return try PlaySession(commands: commands)
        } catch let errors as ScenarioErrors {
            for d in errors.diagnostics { Console.err("\(label): command \(d.line): \(d.message)") }
            throw ExitCode(2)
        }
    }
}
