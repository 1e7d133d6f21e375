// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets, kept apart from the main package. Build and run with
// `Fuzz/fuzz.sh TARGET SECONDS` (it passes -sanitize=fuzzer,address).
//
// A path dependency is named by its directory, which is whatever the clone
// was called; derive it rather than assume it.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let core = Target.Dependency.product(name: "BatonCore", package: mainPackage)

let package = Package(
    name: "BatonFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core]),
        .executableTarget(name: "FuzzScenario", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzLesson", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzTranscript", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzProgress", dependencies: [core, "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
