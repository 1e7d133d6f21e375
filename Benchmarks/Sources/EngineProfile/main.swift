import BenchSupport
import Foundation
import Protocols
import Sim
import TUI

// One engine run outside the benchmark harness, for `perf record` and for a
// quick figure:
//   swift run -c release -Xswiftc -cross-module-optimization EngineProfile [<protocol id>|render] [EVENTS] [stepback]
// Prints events per second and peak resident memory of the whole process
// (which holds nothing else); with `stepback` (Raft), the time to jump from
// the last step to step 1 and back to the end.
var arguments = Array(CommandLine.arguments.dropFirst())
let protocolName = arguments.first.flatMap { Int($0) == nil ? arguments.removeFirst() : nil } ?? "raft"
let events = arguments.first.flatMap(Int.init) ?? 1_000_000
let stepBack = arguments.contains("stepback")

func peakResidentMB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM") }),
          let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let clock = ContinuousClock()
let start = clock.now
var produced = 0
var raftTimeline: Timeline<Raft>? = nil
switch protocolName {
case "render":
    // Frames at 200×60 of a 9-node Lamport history of `events` events.
    let history = History.nineNodes(events: events)
    let state = AppState(session: history, width: 200, height: 60)
    let t0 = clock.now
    for _ in 0..<2_000 { _ = state.render() }
    print(String(format: "render 200x60, %d events: %.1f µs a frame", events, seconds(clock.now - t0) / 2_000 * 1e6))
    exit(0)
case Raft.id:
    // Kept as a timeline, for the step-back figures below.
    raftTimeline = Raft.benchmarkTimeline(events: events)
    produced = raftTimeline!.sim.eventCount
default:
    guard let workload = ProtocolCatalog.entry(id: protocolName)?.benchmark else {
        print("unknown protocol \(protocolName); protocols are " + ProtocolCatalog.ids.joined(separator: ", "))
        exit(2)
    }
    produced = workload.run(events)
}
let elapsed = seconds(clock.now - start)
print(String(format: "%@ 5 nodes: %d events in %.3f s = %.0f events/s, peak resident %d MB",
             protocolName, produced, elapsed, Double(produced) / elapsed, peakResidentMB()))
if stepBack, var timeline = raftTimeline {
    let last = timeline.lastStep
    let t0 = clock.now
    timeline.go(to: 1)
    let t1 = clock.now
    timeline.go(to: last)
    let t2 = clock.now
    print(String(format: "step back from step %d to 1: %.2f ms; forward to %d again: %.2f ms",
                 last, seconds(t1 - t0) * 1000, last, seconds(t2 - t1) * 1000))
}
