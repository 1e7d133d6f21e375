import ArgumentParser
import Lessons
import Protocols
import Scenario
import Sim
import TUI

enum ProtocolList {
    static var ids: String { ProtocolCatalog.ids.joined(separator: ", ") }
}

struct PrimitivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "primitives",
        abstract: "Print the catalog of message-exchange primitives and which messages use each.",
        discussion: "With a code (1b, 5c) or a trick (piggyback), print its whole explanation."
    )

    @Argument(help: "A primitive code like 1b, or a trick like quorum-intersection.")
    var code: String?

    func run() throws {
        guard let code else {
            Console.out(PrimitiveCatalogText.render())
            return
        }
        guard let text = PrimitiveCatalogText.entry(code) else {
            let known = Primitive.allCases.map(\.code) + Trick.allCases.map(\.rawValue)
            throw ValidationError("unknown primitive `\(code)`; codes are " + known.joined(separator: ", "))
        }
        Console.out(text)
    }
}

/// The catalog as `baton primitives` prints it. Every explanation comes from
/// assets/primitives.md (embedded); which messages use each comes from the
/// protocols' descriptors. "closest" marks a tag that is Baton's own reading.
enum PrimitiveCatalogText {
    static func users(_ matches: (PrimitiveTags) -> Bool) -> String {
        let users = ProtocolCatalog.messageTypes.filter { matches($0.tags) }
            .map { "\($0.protocolID) \($0.typeName)" + ($0.tags.closest ? " (closest)" : "") }
        return users.isEmpty ? "none of the implemented protocols yet" : users.joined(separator: ", ")
    }

    static func render() -> String {
        var out = "Message-exchange primitives (codes as in DESIGN.md §5; \"closest\" marks a tag that is "
            + "Baton's own reading rather than a row of the catalog; `baton primitives <code>` explains one)\n"
        var family = 0
        for p in Primitive.allCases {
            if p.family != family {
                family = p.family
                out += "\n\(family). \(p.familyName)\n"
            }
            out += "  \(p.code)  \(p.variantName): \(PrimitiveTexts.all[p.code]?.summary ?? "")\n"
            out += "      used by: " + users { $0.codes.contains(p) } + "\n"
            if let example = examples[p.code] { out += "      try: baton play \(example)\n" }
        }
        out += "\nTricks\n"
        for trick in Trick.allCases {
            out += "  \(trick.rawValue): \(PrimitiveTexts.all[trick.rawValue]?.summary ?? "")\n"
            out += "      used by: " + users { $0.tricks.contains(trick) } + "\n"
            if let example = examples[trick.rawValue] { out += "      try: baton play \(example)\n" }
        }
        return out
    }

    /// One primitive or trick: its summary, every paragraph, and its users here.
    static func entry(_ code: String) -> String? {
        guard let text = PrimitiveTexts.all[code] else { return nil }
        let primitive = Primitive(code: code)
        var out = primitive.map { "\($0.code)  \($0.familyName), \($0.variantName)\n" } ?? "\(code) (trick)\n"
        out += text.summary + "\n"
        for paragraph in text.paragraphs { out += "\n" + paragraph + "\n" }
        let used = primitive.map { p in users { $0.codes.contains(p) } }
            ?? users { tags in tags.tricks.contains { $0.rawValue == code } }
        out += "\nIn Baton: " + used + "\n"
        if let example = examples[code] { out += "Try it: baton play \(example)\n" }
        return out
    }

    /// Code or trick → the first starting point (by name) whose run sends a
    /// message that carries it: found by running them, so it cannot go stale.
    static let examples: [String: String] = {
        var found: [String: String] = [:]
        for example in ExampleScenario.all {
            guard let core = ScenarioRunner.run(file: example.name, text: example.text).session?.core else { continue }
            for id in 1...max(1, core.messageCount) where id <= core.messageCount {
                guard let tags = core.messageInfo(id, withSummary: false)?.tags else { continue }
                for key in tags.codes.map(\.code) + tags.tricks.map(\.rawValue) where found[key] == nil {
                    found[key] = example.name
                }
            }
        }
        return found
    }()
}
