import Foundation

/// Where things are when tests run from a checkout.
public enum Paths {
    /// The package root, from this file's location.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `baton` next to the test bundle (same build directory).
    public static var batonBinary: String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside `*.xctest/` on some platforms.
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("baton").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot + "/.build/debug/baton"
    }
}
