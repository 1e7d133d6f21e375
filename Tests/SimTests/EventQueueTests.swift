@testable import Sim
import Testing

@Suite struct EventQueueTests {
    @Test func popsInTimeThenSequenceOrder() {
        var rng = SeededGenerator(seed: 3)
        var queue = EventQueue()
        var reference: [(Int, Int)] = []
        for sequence in 1...500 {
            let time = rng.draw(0...40)
            queue.push(QueueEntry(time: time, sequence: sequence, payload: .deliver(sequence, version: 0)))
            reference.append((time, sequence))
        }
        reference.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var popped: [(Int, Int)] = []
        while let e = queue.pop() { popped.append((e.time, e.sequence)) }
        #expect(popped.map(\.0) == reference.map(\.0))
        #expect(popped.map(\.1) == reference.map(\.1))
    }
}
