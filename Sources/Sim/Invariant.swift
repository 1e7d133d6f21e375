/// A named safety property, checked by the engine after every step. `check`
/// sees the simulation after the step and the range of trace events the step
/// added, and returns nil when the property holds or a short explanation.
public struct Invariant<P: NodeProtocol>: Sendable {
    public let name: String
    public let check: @Sendable (Simulation<P>, Range<Int>) -> String?

    public init(_ name: String, check: @escaping @Sendable (Simulation<P>, Range<Int>) -> String?) {
        self.name = name
        self.check = check
    }
}
