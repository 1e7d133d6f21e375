// swift-tools-version:6.1
import PackageDescription

// Kept apart from the main package so that `swift build` for users stays lean.
// Run from this directory: `swift package benchmark` (release build).
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
                .product(name: "BatonCore", package: "main"),
                .product(name: "BatonTUI", package: "main"),
            ],
            path: "Benchmarks/BatonBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
