import Sim

/// The explanations of `assets/primitives.md`, by code or trick id.
public struct PrimitiveText: Equatable, Sendable {
    public let id: String
    public let family: String
    public let variant: String
    public let summary: String
    public let paragraphs: [String]
}

public enum PrimitiveTexts {
    /// Parsed once from the embedded copy of assets/primitives.md.
    public static let all: [String: PrimitiveText] = parse(PrimitivesMarkdown.text)

    public static func parse(_ markdown: String) -> [String: PrimitiveText] {
        var result: [String: PrimitiveText] = [:]
        var id: String? = nil
        var meta: [String: String] = [:]
        var paragraphs: [String] = []
        func flush() {
            guard let id else { return }
            result[id] = PrimitiveText(id: id, family: meta["family"] ?? "", variant: meta["variant"] ?? "",
                                       summary: meta["summary"] ?? "", paragraphs: paragraphs)
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("## ") {
                flush()
                id = String(line.dropFirst(3)).trimmingPrefix(" ").description
                meta = [:]
                paragraphs = []
            } else if line.hasPrefix("# ") {
                flush()
                id = nil
            } else if id != nil, let colon = line.firstIndex(of: ":"), meta.count < 3,
                      ["family", "variant", "summary"].contains(String(line[..<colon])) {
                meta[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingPrefix(" ").description
            } else if id != nil {
                paragraphs.append(line)
            }
        }
        flush()
        return result
    }
}
