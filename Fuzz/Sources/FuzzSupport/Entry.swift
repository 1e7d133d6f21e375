/// SwiftPM links every executable with `main` aliased to `<Module>_main`, a
/// symbol that `-parse-as-library` (which libFuzzer needs) never emits. Each
/// target defines that symbol and hands over to libFuzzer's own driver.
public typealias FuzzOne = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ one: FuzzOne
) -> CInt

public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ one: FuzzOne) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, one)
}
