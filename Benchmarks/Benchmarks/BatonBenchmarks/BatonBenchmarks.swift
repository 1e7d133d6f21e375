import Benchmark
import BenchSupport
import Export
import Protocols
import Scenario
import Sim
import TUI

/// Budgets (issue 4 and 7): a frame at 200×60 with 9 nodes and 100,000
/// events of history renders in under 2 ms, at the end and in the middle.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5), maxIterations: 1_000)

    let history = History.nineNodes(events: 100_000)

    Benchmark("render 200x60, 9 nodes, 100k events, at the end") { benchmark in
        let state = AppState(session: history, width: 200, height: 60)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(state.render()) }
    }

    Benchmark("render 200x60, 9 nodes, 100k events, in the middle") { benchmark in
        var state = AppState(session: history, width: 200, height: 60)
        state.reduce(.scrollHome)
        state.reduce(.scrollDown(history.core.eventCount / 2))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(state.render()) }
    }

    // Budget (issue 6): exporting a 100,000-event session in each format under 2 s.
    let big = History.nineNodes(events: 100_000)
    let formats: [(String, @Sendable (PlaySession) -> Int)] = [
        ("text", { TextTrace.render($0.core).utf8.count }),
        ("json", { JSONTrace.render($0.scenario).utf8.count }),
        ("baton", { BatonScriptExport.render($0.scenario, date: "bench").utf8.count }),
        ("mscgen", { MscgenExport.render($0.core).utf8.count }),
        ("plantuml", { PlantUMLExport.render($0.core).utf8.count }),
        ("mermaid", { MermaidExport.render($0.core).utf8.count }),
        ("shiviz", { ShiVizExport.render($0.core).utf8.count }),
        ("md", { AppState(session: $0, width: 120, height: 40).markdownReport(date: "bench").utf8.count }),
    ]
    for (name, export) in formats {
        Benchmark("export 100k events: \(name)", configuration: .init(metrics: [.wallClock, .peakMemoryResident],
                                                                     maxDuration: .seconds(10), maxIterations: 3)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(export(big)) }
        }
    }

    // Budget (issue 7): 5-node Raft with heartbeats, client requests and 1 %
    // loss, the trace recorded, at least 1,000,000 events per second.
    for events in [10_000, 100_000, 1_000_000] {
        Benchmark("engine: raft 5 nodes, 1% loss, \(events) events",
                  configuration: .init(metrics: [.wallClock, .peakMemoryResident, .throughput],
                                       maxDuration: .seconds(20), maxIterations: events >= 1_000_000 ? 2 : 10)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(EngineRun.raft(events: events)) }
        }
    }

    Benchmark("engine: raft 5 nodes, 10k steps", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            var session = try PlaySession(clusterLine: "cluster raft nodes=5 seed=7 loss=1%")
            _ = session.run("timeout A")
            for i in 0..<100 {
                _ = session.run("run max=100")
                _ = session.run("propose A v\(i)")
            }
            blackHole(session.core.eventCount)
        }
    }
}

enum History {
    /// Lamport clocks on 9 nodes: sends between random pairs, stepped, until
    /// the trace holds `events` events.
    static func nineNodes(events: Int) -> PlaySession {
        var session = try! PlaySession(clusterLine: "cluster lamport nodes=9 seed=3 latency=1..6")
        var rng = SeededGenerator(seed: 5)
        let names = (0..<9).map { String(UnicodeScalar(UInt8(65 + $0))) }
        while session.core.eventCount < events {
            let a = rng.draw(0...8), b = (a + rng.draw(1...8)) % 9
            _ = session.run("send \(names[a]) \(names[b])")
            _ = session.run("step")
        }
        return session
    }
}
