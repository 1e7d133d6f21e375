import Sim

/// What the FIFO and causal broadcast nodes share: a sequence number, a count
/// of deliveries per sender, and a hold-back queue. Both show it the same way.
enum BroadcastView {
    static func variables(sendSeq: Int, delivered: [Int], held: [String]) -> [StateVariable] {
        [StateVariable("sendSeq", .int(sendSeq), durable: true),
         StateVariable("deliveredCount", .vector(delivered), durable: true),
         StateVariable("buffer", .list(held), durable: true),
         StateVariable("holdback", .list(held), durable: true)]
    }

    static func observe(delivered: [Int], held: [String]) -> [Field] {
        [Field("delivered", .vector(delivered))] + (held.isEmpty ? [] : [Field("holdback", .list(held))])
    }
}
