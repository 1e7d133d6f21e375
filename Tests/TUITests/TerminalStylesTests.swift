import Testing
@testable import TUI

/// The styles a frame is sent to the terminal in (issue 13: bytes per step):
/// blanks that show nothing take the style in force, so gaps do not switch
/// the terminal to plain and back; anything a blank shows is left alone.
@Suite struct TerminalStylesTests {
    let dim = Style(color: .blue, dim: true)
    let gray = Style(color: .gray)
    let picked = Style(color: .blue, bold: true, reverse: true)

    @Test func theGapsOfADashedLineTakeItsStyle() {
        var screen = ScreenBuffer(width: 7, height: 1)
        for x in [0, 2, 4, 6] { screen.put("⠤", x: x, y: 0, style: dim) }
        #expect(screen.terminalStyles()[0] == Array(repeating: dim, count: 7))
    }

    @Test func paddingAfterTextKeepsTheTextStyleIntoTheNextRow() {
        var screen = ScreenBuffer(width: 4, height: 2)
        _ = screen.write("ab", x: 0, y: 0, style: gray)
        _ = screen.write("c", x: 1, y: 1, style: gray)
        #expect(screen.terminalStyles() == Array(repeating: Array(repeating: gray, count: 4), count: 2))
    }

    @Test func blanksThatShowKeepTheirStyleAndNothingTakesAStyleThatShows() {
        var screen = ScreenBuffer(width: 5, height: 1)
        screen.put("x", x: 0, y: 0, style: picked)
        screen.put(" ", x: 2, y: 0, style: picked)   // a reversed blank is a visible block
        screen.put("y", x: 4, y: 0, style: gray)
        let styles = screen.terminalStyles()[0]
        #expect(styles == [picked, .plain, picked, .plain, gray])
    }

    @Test func charactersAreNeverRestyled() {
        var screen = ScreenBuffer(width: 3, height: 1)
        screen.put("a", x: 0, y: 0, style: gray)
        screen.put("b", x: 1, y: 0, style: .plain)
        screen.put("c", x: 2, y: 0, style: dim)
        #expect(screen.terminalStyles()[0] == [gray, .plain, dim])
    }
}
