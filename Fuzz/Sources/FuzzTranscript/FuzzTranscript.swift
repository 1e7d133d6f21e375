import Export
import FuzzSupport
import Scenario

/// Transcript bytes (JSON when they start with `{`, else a `.baton` script)
/// → loader → replay. Property: nothing crashes; what loads either replays
/// or is refused with an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let commands: [String]
    do {
        if bytes.first == UInt8(ascii: "{") {
            commands = try Transcripts.jsonCommands(file: "fuzz.json", bytes: bytes)
        } else {
            guard case .success(let text) = ScenarioText.decode(file: "fuzz.baton", bytes: bytes) else { return 0 }
            commands = try Transcripts.scriptCommands(file: "fuzz.baton", text: text)
        }
    } catch {
        return 0
    }
    // Bound the replay's cost the way the scenario target does.
    if case .success(let parsed) = ScenarioParser.parse(file: "fuzz", text: commands.joined(separator: "\n")) {
        guard stepsRequested(parsed.lines) <= fuzzStepsMax else { return 0 }
    } else if commands.count > fuzzStepsMax {
        return 0
    }
    if let session = try? PlaySession(commands: commands) {
        check(session.core.step >= 0, "negative step")
    }
    return 0
}

@_cdecl("FuzzTranscript_main")
public func FuzzTranscriptMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTranscript(data, size) }
}
