import Foundation

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum Subprocess {
    /// Run `executable` with `arguments`, killing it after `timeoutSeconds`
    /// (a hang is a failure, reported as status -9).
    public static func run(_ executable: String, _ arguments: [String], stdin: String? = nil,
                           environment: [String: String] = [:], directory: String? = nil,
                           timeoutSeconds: Double = 30, captureOutput: Bool = true) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        // A program that leaves a daemon behind (tmux's server) would hold
        // the pipes open forever: such callers do not capture output.
        process.standardOutput = captureOutput ? outPipe : FileHandle.nullDevice
        process.standardError = captureOutput ? errPipe : FileHandle.nullDevice
        process.standardInput = inPipe
        try process.run()
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        // Drain both pipes concurrently so a large output cannot block the child.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(outPipe, outBox), (errPipe, errBox)] where captureOutput {
            group.enter()
            DispatchQueue.global().async {
                box.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        var status: Int32
        if process.isRunning {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            status = -9
        } else {
            status = process.terminationStatus
        }
        process.waitUntilExit()
        group.wait()
        if status != -9 { status = process.terminationStatus }
        return ProcessResult(status: status, stdout: String(decoding: outBox.get(), as: UTF8.self),
                             stderr: String(decoding: errBox.get(), as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
