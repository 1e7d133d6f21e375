import Foundation
import Sim
import Testing
import TestSupport
@testable import TUI

@Suite struct PrimitiveTextsTests {
    @Test func embeddedCopyMatchesTheAsset() throws {
        let asset = try String(contentsOfFile: Paths.packageRoot + "/assets/primitives.md", encoding: .utf8)
        #expect(PrimitivesMarkdown.text == asset.trimmingCharacters(in: .newlines),
                "the EmbedText build plugin did not embed assets/primitives.md")
    }

    @Test func everyCodeAndTrickIsExplained() {
        for p in Primitive.allCases {
            let text = PrimitiveTexts.all[p.code]
            #expect(text?.family == p.familyName, "\(p.code)")
            #expect(text?.variant == p.variantName, "\(p.code)")
            #expect((text?.summary.count ?? 0) > 10 && (text?.paragraphs.count ?? 0) >= 2, "\(p.code)")
        }
        for trick in Trick.allCases {
            #expect((PrimitiveTexts.all[trick.rawValue]?.summary.count ?? 0) > 10, "\(trick.rawValue)")
        }
    }

    @Test func hostileTextIsShownNotObeyed() {
        var screen = ScreenBuffer(width: 40, height: 1)
        screen.write("a\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{202E}b\u{9B}c", x: 0, y: 0)
        let line = screen.lines[0]
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(line.hasPrefix("a␛[2J␛]52;c;ZXZpbA==␇"))
        #expect(!line.unicodeScalars.contains { $0.value == 0x202E })
    }
}
