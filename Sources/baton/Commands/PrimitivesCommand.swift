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
        let types = ProtocolCatalog.entries.flatMap(\.messageTypes)
        var out = "Message-exchange primitives (codes as in DESIGN.md §5)\n"
        var family = 0
        for p in Primitive.allCases {
            if p.family != family {
                family = p.family
                out += "\n\(family). \(p.familyName)\n"
            }
            let users = types.filter { $0.tags.codes.contains(p) }.map { "\($0.protocolID) \($0.typeName)" }
            out += "  \(p.code)  \(p.variantName): \(p.meaning)\n"
            out += "      used by: " + (users.isEmpty ? "none of the implemented protocols yet" : users.joined(separator: ", ")) + "\n"
        }
        out += "\nTricks\n"
        for trick in Trick.allCases {
            let users = types.filter { $0.tags.tricks.contains(trick) }.map { "\($0.protocolID) \($0.typeName)" }
            out += "  \(trick.rawValue): \(trick.meaning)\n"
            out += "      used by: " + (users.isEmpty ? "none of the implemented protocols yet" : users.joined(separator: ", ")) + "\n"
        }
        return out
    }
}
