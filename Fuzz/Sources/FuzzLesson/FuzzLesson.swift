import FuzzSupport
import Lessons

/// Lesson bytes → parser. Property: nothing crashes or hangs, and an error
/// points inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch LessonParser.parse(file: "fuzz.md", bytes: bytes) {
    case .success(let lesson):
        precondition(!lesson.meta.id.isEmpty, "a lesson parsed without an id")
    case .failure(let error):
        let lines = bytes.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        precondition(error.line >= 1 && error.line <= lines + 1, "error line \(error.line) outside the file")
        precondition(error.column >= 1, "error column \(error.column)")
    }
    return 0
}

@_cdecl("FuzzLesson_main")
public func FuzzLessonMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzLesson(data, size) }
}
