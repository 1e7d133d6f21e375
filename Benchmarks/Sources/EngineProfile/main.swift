import BenchSupport
import Foundation
import Protocols
import Sim

// One engine run outside the benchmark harness, for `perf record` and for a
// quick figure: `swift run -c release EngineProfile [EVENTS] [STEPBACK]`.
// Prints events per second, resident memory and (with STEPBACK) the time to
// jump to step 1 and back to the end.
let events = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let stepBack = CommandLine.arguments.count > 2

func residentMB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM") }),
          let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

let clock = ContinuousClock()
let start = clock.now
var timeline = EngineRun.raftTimeline(events: events)
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "raft 5 nodes, 1%% loss: %d events, %d steps in %.3f s = %.0f events/s, peak resident %d MB",
             timeline.sim.eventCount, timeline.lastStep, seconds, Double(timeline.sim.eventCount) / seconds,
             residentMB()))
if stepBack {
    let last = timeline.lastStep
    let t0 = clock.now
    timeline.go(to: 1)
    let t1 = clock.now
    timeline.go(to: last)
    let t2 = clock.now
    print("step back from \(last) to 1: \(t1 - t0); forward to \(last) again: \(t2 - t1)")
}
if CommandLine.arguments.contains("--sizes") {
    let sim = timeline.sim
    print("TraceEvent stride \(MemoryLayout<TraceEvent>.stride) B × \(sim.trace.count); vclocks \(sim.trace.vclocks.count) Ints;"
          + " messages \(sim.messages.count) × \(MemoryLayout<MessageRecord<RaftMessage>>.stride) B;"
          + " actions \(timeline.actions.count) × \(MemoryLayout<StepAction>.stride) B;"
          + " events with fields \((0..<sim.trace.count).filter { !sim.trace[$0].fields.isEmpty }.count);"
          + " with text \((0..<sim.trace.count).filter { sim.trace[$0].text != nil }.count)")
}
