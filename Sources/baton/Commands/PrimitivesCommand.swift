import ArgumentParser
import Protocols
import Sim

enum ProtocolList {
    static var ids: String { ProtocolCatalog.ids.joined(separator: ", ") }
}

struct PrimitivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "primitives",
        abstract: "Print the catalog of message-exchange primitives and which messages use each."
    )

    func run() {
        print(PrimitiveCatalogText.render())
    }
}

/// The catalog as `baton primitives` prints it.
enum PrimitiveCatalogText {
    static func render() -> String {
        let types = ProtocolCatalog.messageTypes
        var out = "Message-exchange primitives (codes as in DESIGN.md §5; \"closest\" marks a tag that is "
            + "Baton's own reading rather than a row of the catalog)\n"
        var family = 0
        for p in Primitive.allCases {
            if p.family != family {
                family = p.family
                out += "\n\(family). \(p.familyName)\n"
            }
            // "closest": the tag is the project's reading, not a row of seed 000.
            let users = types.filter { $0.tags.codes.contains(p) }
                .map { "\($0.protocolID) \($0.typeName)" + ($0.tags.closest ? " (closest)" : "") }
            out += "  \(p.code)  \(p.variantName): \(p.meaning)\n"
            out += "      used by: " + (users.isEmpty ? "none of the implemented protocols yet" : users.joined(separator: ", ")) + "\n"
        }
        out += "\nTricks\n"
        for trick in Trick.allCases {
            let users = types.filter { $0.tags.tricks.contains(trick) }
                .map { "\($0.protocolID) \($0.typeName)" + ($0.tags.closest ? " (closest)" : "") }
            out += "  \(trick.rawValue): \(trick.meaning)\n"
            out += "      used by: " + (users.isEmpty ? "none of the implemented protocols yet" : users.joined(separator: ", ")) + "\n"
        }
        return out
    }
}
