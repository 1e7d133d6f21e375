/// The lines of a text file, whichever way they end (DESIGN §4: LF, CRLF or
/// CR). Swift reads "\r\n" as one Character, so splitting on "\n" alone
/// would leave a CRLF file as one line.
public enum TextLines {
    public static func split(_ text: some StringProtocol) -> [Substring] {
        Substring(text).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }
}
