import Scenario

/// A scenario may legitimately ask for ten million steps; the fuzzer wants
/// thousands of inputs a second. Inputs that ask for more than this are
/// still parsed, but not run.
public let fuzzStepsMax = 2_000

/// Steps a parsed scenario could take: each `step N` and `run max=N` counts N.
public func stepsRequested(_ lines: [ScenarioLine]) -> Int {
    lines.reduce(0) { total, line in
        switch line.command {
        case .step(let n): return total &+ n
        case .run(_, let max): return total &+ max
        default: return total &+ 1
        }
    }
}

/// A failed check is a crash the fuzzer reports with its input.
public func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property failed: \(what())") }
}
