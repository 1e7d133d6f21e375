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
    // `swift package benchmark baseline check main` fails on a regression of
    // more than 10 % at the median of any metric (issue 7).
    func tenPercent(_ metrics: [BenchmarkMetric]) -> [BenchmarkMetric: BenchmarkThresholds] {
        Dictionary(uniqueKeysWithValues: metrics.map { ($0, BenchmarkThresholds(relative: [.p50: 10.0])) })
    }
    let frame: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]
    Benchmark.defaultConfiguration = .init(metrics: frame, maxDuration: .seconds(5), maxIterations: 1_000,
                                           thresholds: tenPercent(frame))
    // A session's own memory: the growth of the peak over the process's
    // start (which holds the histories the other benchmarks draw). Where it
    // is a few megabytes, 10 % of it is allocator noise, so those allow 8 MB.
    let session: [BenchmarkMetric] = [.wallClock, .peakMemoryResidentDelta]
    func sessionThresholds(bigMemory: Bool) -> [BenchmarkMetric: BenchmarkThresholds] {
        [.wallClock: BenchmarkThresholds(relative: [.p50: 10.0]),
         .peakMemoryResidentDelta: bigMemory ? BenchmarkThresholds(relative: [.p50: 10.0])
                                             : BenchmarkThresholds(absolute: [.p50: 8 * 1_048_576])]
    }

    let history = History.nineNodes(events: 100_000)

    // A frame's cost does not grow with the history: the same frame with
    // 1,000 and 10,000 events, to set beside the 100,000 above.
    for events in [1_000, 10_000] {
        let shorter = History.nineNodes(events: events)
        Benchmark("render 200x60, 9 nodes, \(events / 1_000)k events, at the end") { benchmark in
            let state = AppState(session: shorter, width: 200, height: 60)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(state.render()) }
        }
    }

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
        Benchmark("export 100k events: \(name)", configuration: .init(metrics: session,
                                                                     maxDuration: .seconds(10), maxIterations: 3,
                                                                     thresholds: sessionThresholds(bigMemory: ["json", "md"].contains(name)))) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(export(big)) }
        }
    }

    // One engine benchmark per registered protocol, from its descriptor
    // (the workload lives in the protocol's folder). Raft's is the budget of
    // issue 7: heartbeats, client requests and 1 % loss, the trace recorded,
    // at least 1,000,000 events per second and under 300 MB resident, at
    // three sizes to show the per-event cost is flat.
    for entry in ProtocolCatalog.entries {
        guard let workload = entry.benchmark else { continue }   // the conformance suite fails it by name
        for events in workload.eventCounts {
            Benchmark("engine: \(entry.id) \(workload.setup), \(events) events",
                      configuration: .init(metrics: session, warmupIterations: 0, maxDuration: .seconds(20),
                                           maxIterations: events >= 1_000_000 ? 3 : 10,
                                           thresholds: sessionThresholds(bigMemory: workload.memoryGrowsWithRun
                                                                         && events >= 1_000_000))) { benchmark in
                for _ in benchmark.scaledIterations { blackHole(workload.run(events)) }
            }
        }
    }

    // Budget (issue 7): from step 1,000,000 jump to step 1 and back to the
    // end, under 50 ms each (the session is built before measuring).
    Benchmark("step back: raft, step 1000000 to 1 and back to the end",
              configuration: .init(metrics: [.wallClock], maxDuration: .seconds(30), maxIterations: 20,
                                   thresholds: tenPercent([.wallClock]))) { benchmark in
        var timeline = Raft.benchmarkTimeline(events: .max, steps: 1_000_000)
        let last = timeline.lastStep
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            timeline.go(to: 1)
            timeline.go(to: last)
        }
        benchmark.stopMeasurement()
        precondition(timeline.step == last)
    }
}

