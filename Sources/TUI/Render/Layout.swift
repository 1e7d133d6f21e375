/// Where each part of the screen goes at a given size.
public struct Layout: Equatable, Sendable {
    public static let minWidth = 60
    public static let minHeight = 16

    public let title: Rect
    public let diagram: Rect
    public let side: Rect
    public let footer: Rect
    public let separatorX: Int

    public init?(width: Int, height: Int, lesson: Bool = false) {
        guard width >= Self.minWidth, height >= Self.minHeight else { return nil }
        // A lesson's prose needs room: half the screen, up to 64 columns.
        let sideWidth = lesson ? min(64, max(26, width / 2)) : min(46, max(26, width * 3 / 10))
        let inner = height - 5   // top border, separator, 2 footer lines, bottom border
        title = Rect(x: 0, y: 0, width: width, height: 1)
        separatorX = width - 1 - sideWidth - 1
        diagram = Rect(x: 1, y: 1, width: separatorX - 1, height: inner)
        side = Rect(x: separatorX + 1, y: 1, width: sideWidth, height: inner)
        footer = Rect(x: 1, y: height - 3, width: width - 2, height: 2)
    }
}
