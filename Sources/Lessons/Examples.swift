import Sim

/// The starting points for free play shipped in `assets/examples/`
/// (embedded at build time): `baton play --list` lists them, and
/// `baton play <name>` opens one.
public struct ExampleScenario: Sendable, Equatable {
    /// The file name without `.baton` (`split-vote`).
    public let name: String
    /// The file's first comment line: what to look at.
    public let summary: String
    /// The scenario, starting with its cluster line.
    public let text: String

    public static let all: [ExampleScenario] = BuiltinExamples.files.map { file in
        let name = String(file.name.dropLast(".baton".count))
        let first = TextLines.split(file.text).first { $0.hasPrefix("#") } ?? ""
        return ExampleScenario(name: name, summary: first.drop { $0 == "#" || $0 == " " }.description, text: file.text)
    }.sorted { $0.name < $1.name }

    public static func named(_ name: String) -> ExampleScenario? { all.first { $0.name == name } }
}
