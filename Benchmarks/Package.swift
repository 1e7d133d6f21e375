// swift-tools-version:6.1
import Foundation
import PackageDescription

// Kept apart from the main package so that `swift build` for users stays lean.
// Run from this directory: `swift package benchmark` (release build).
// A path dependency is named by its directory, which is whatever the clone
// was called; derive it rather than assume "main".
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "BatonBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "BatonBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BatonCore", package: mainPackage),
                .product(name: "BatonTUI", package: mainPackage),
                "BenchSupport",
            ],
            path: "Benchmarks/BatonBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(name: "BenchSupport", dependencies: [.product(name: "BatonCore", package: mainPackage),
                                                     .product(name: "BatonTUI", package: mainPackage)]),
        .executableTarget(name: "EngineProfile", dependencies: ["BenchSupport",
                                                                 .product(name: "BatonCore", package: mainPackage),
                                                                 .product(name: "BatonTUI", package: mainPackage)]),
        .executableTarget(name: "TerminalBytes", dependencies: [
            .product(name: "BatonCore", package: mainPackage),
            .product(name: "BatonTUI", package: mainPackage),
            .product(name: "BatonTerminal", package: mainPackage),
        ]),
    ]
)
