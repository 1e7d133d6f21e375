// swift-tools-version:6.0
import PackageDescription

// Dependency direction (DESIGN.md §2): Sim ← Protocols ← Scenario ← baton.
// Only the Terminal module touches CNcursesw.
// The engine is generic over the protocol. Without cross-module optimisation
// `Simulation<Raft>` runs unspecialised (a metadata lookup and boxed copies on
// every state access) and a release build steps ~40 % slower. SwiftPM drops
// unsafe flags of a dependency, so Benchmarks/ passes the same flag itself.
let release: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .library(name: "BatonCore", targets: ["Sim", "Protocols", "Scenario", "Export", "Lessons"]),
        .library(name: "BatonTUI", targets: ["TUI"]),
        .library(name: "BatonTerminal", targets: ["Terminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .target(name: "Sim", swiftSettings: release),
        .target(name: "Protocols", dependencies: ["Sim"], swiftSettings: release),
        .target(name: "Scenario", dependencies: ["Sim", "Protocols"], swiftSettings: release),
        .target(name: "Export", dependencies: ["Sim", "Scenario"], swiftSettings: release),
        .target(name: "Lessons", dependencies: ["Sim", "Protocols", "Scenario"], swiftSettings: release,
                plugins: ["EmbedText"]),
        .target(name: "TUI", dependencies: ["Sim", "Protocols", "Scenario", "Export", "Lessons"], swiftSettings: release,
                plugins: ["EmbedText"]),
        // lessons/*.md and assets/primitives.md are embedded before every build.
        .plugin(name: "EmbedText", capability: .buildTool(), exclude: ["embed.sh"]),
        .target(name: "Terminal", dependencies: ["TUI", "CNcursesw"]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .executableTarget(
            name: "baton",
            dependencies: [
                "Sim", "Protocols", "Scenario", "Export", "Lessons", "TUI", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Sim", "Protocols", "Scenario", "Export", "TUI"],
                path: "Tests/TestSupport"),
        // Every registered protocol against the same demands (docs/ADDING-A-PROTOCOL.md).
        .testTarget(name: "ConformanceTests", dependencies: ["Sim", "Protocols", "Scenario", "Export", "TUI",
                                                             "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Protocols", "Scenario", "Sim", "TestSupport"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Scenario", "Sim", "TestSupport"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Sim", "Protocols", "Scenario", "Lessons", "Export", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "SimTests", dependencies: ["Sim", "Protocols", "TestSupport"]),
        .testTarget(name: "ProtocolsTests", dependencies: ["Sim", "Protocols", "Scenario", "TestSupport"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["Sim", "Protocols", "Scenario", "Export", "TestSupport"],
            exclude: ["Scenarios"]
        ),
        // Depends on the executable so that `swift test` always builds it.
        .testTarget(name: "EndToEndTests", dependencies: ["baton", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
