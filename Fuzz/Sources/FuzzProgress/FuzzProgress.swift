import FuzzSupport
import Lessons

/// Progress-file bytes → decoder. Property: nothing crashes; what decodes
/// is a list of short ids.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProgress(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let ids = ProgressStore.decode(bytes) {
        precondition(ids.allSatisfy { $0.count <= 200 }, "an over-long id was accepted")
    }
    return 0
}

@_cdecl("FuzzProgress_main")
public func FuzzProgressMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzProgress(data, size) }
}
