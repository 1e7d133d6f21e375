/// Turns a file's bytes into scenario text, refusing what is not a scenario:
/// too large, binary, not UTF-8, or with absurdly long lines.
public enum ScenarioText {
    public static func decode(file: String, bytes: [UInt8]) -> Result<String, ScenarioErrors> {
        func fail(_ line: Int, _ column: Int, _ message: String) -> Result<String, ScenarioErrors> {
            .failure(ScenarioErrors(diagnostics: [Diagnostic(file: file, line: line, column: column, message: message)]))
        }
        if bytes.count > ScenarioLimits.fileBytesMax {
            return fail(1, 1, "the file is \(BoundedFile.megabytes(bytes.count)) MB; a scenario may be at most "
                        + "\(ScenarioLimits.fileBytesMax / 1_048_576) MB")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var text = ""
        text.reserveCapacity(body.count)
        var lineNumber = 0
        for lineBytes in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if let zero = lineBytes.firstIndex(of: 0) {
                return fail(lineNumber, zero - lineBytes.startIndex + 1,
                            "this is not a text file (a zero byte): is it a binary file?")
            }
            guard let line = String(validating: lineBytes, as: UTF8.self) else {
                return fail(lineNumber, 1, "this line is not valid UTF-8 text; save the file as UTF-8")
            }
            if line.count > ScenarioLimits.lineCharactersMax {
                return fail(lineNumber, ScenarioLimits.lineCharactersMax + 1,
                            "the line is \(line.count) characters long; the limit is "
                            + "\(ScenarioLimits.lineCharactersMax)")
            }
            if lineNumber > 1 { text += "\n" }
            text += line
        }
        return .success(text)
    }
}
