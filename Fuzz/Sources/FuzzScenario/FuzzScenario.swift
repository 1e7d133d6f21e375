import Export
import Foundation
import FuzzSupport
import Scenario

/// Scenario text → parser → runner → every export. Properties: nothing
/// crashes, the JSON trace is valid JSON whose commands replay, and no
/// export line can be broken by a label (one event per line in text).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let text) = ScenarioText.decode(file: "fuzz.baton", bytes: bytes),
          case .success(let parsed) = ScenarioParser.parse(file: "fuzz.baton", text: text),
          stepsRequested(parsed.lines) <= fuzzStepsMax else { return 0 }
    let outcome = ScenarioRunner.run(parsed)
    guard let session = outcome.session else { return 0 }
    let core = session.core
    let json = JSONTrace.render(session)
    let commands: [String]
    do {
        commands = try Transcripts.jsonCommands(file: "fuzz.json", bytes: Array(json.utf8))
    } catch {
        check(false, "the JSON trace does not load back: \(error)")
        return 0
    }
    check(commands.first == session.commands.first, "the trace's first command is not the cluster line")
    let lines = TextTrace.render(core).split(separator: "\n", omittingEmptySubsequences: false)
    check(lines.count >= core.eventCount, "a text trace line was split by a label")
    _ = MscgenExport.render(core)
    _ = PlantUMLExport.render(core)
    _ = MermaidExport.render(core)
    _ = ShiVizExport.render(core)
    return 0
}

@_cdecl("FuzzScenario_main")
public func FuzzScenarioMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzScenario(data, size) }
}
