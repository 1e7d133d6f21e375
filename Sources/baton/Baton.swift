import ArgumentParser
import Foundation
import Lessons
import Terminal

@main
struct Baton: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Learn distributed protocols by stepping through them, one message at a time.",
        version: "baton \(version) (\(Terminal.cursesVersion))",
        subcommands: [LearnCommand.self, LessonsCommand.self, PlayCommand.self, RunCommand.self, ReplayCommand.self,
                      LintCommand.self, ExploreCommand.self,
                      PrimitivesCommand.self, ProgressWriterCommand.self]
    )

    /// The contract (DESIGN.md §4) wants exit 2 for an invalid command line;
    /// ArgumentParser's default for usage errors is 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            Console.err(fullMessage(for: error))
            Foundation.exit(2)
        }
    }

    /// `baton` alone opens the lesson menu; without a terminal it lists the
    /// commands instead.
    func run() throws {
        guard isatty(0) == 1 && isatty(1) == 1 else {
            print(Self.commandList)
            return
        }
        let code = try Interactive.menu(library: LessonLibrary(), exportDir: FileManager.default.currentDirectoryPath)
        if code != 0 { throw ExitCode(code) }
    }

    static let commandList = """
        baton \(version): learn distributed protocols one message at a time.

        Commands:
          baton                     open the lesson menu (in a terminal)
          baton learn <lesson-id>   open one lesson
          baton lessons             list the lessons with your progress
          baton play <protocol> [--nodes N] [--seed S] [--option k=v ...]
                                    step through a protocol in the terminal, injecting faults
          baton run <file.baton> [--format text|json|baton|md|mscgen|plantuml|mermaid|shiviz] [--out FILE]
                                    run a scenario headless and print its trace
          baton replay <transcript> open a .baton or .json transcript at its last step
          baton lint [paths...]     check lessons and scenarios
          baton primitives          print the catalog of message-exchange primitives
          baton --help              more on each command (baton help run)

        Protocols: \(ProtocolList.ids)
        """
}
