@testable import Sim
import Testing

// seed 002: "Vector clocks ordering".
@Suite struct HappensBeforeTests {
    @Test func relationsOfVectorTimestamps() {
        #expect(CausalRelation.between([2, 2, 0], [2, 2, 2]) == .before)
        #expect(CausalRelation.between([2, 2, 2], [2, 2, 0]) == .after)
        #expect(CausalRelation.between([3, 0, 0], [2, 2, 0]) == .concurrent)
        #expect(CausalRelation.between([1, 0, 0], [1, 0, 0]) == .same)
    }

    @Test func networkPartitionPutsUnnamedNodesTogether() {
        var net = Network(size: 4, latency: 1...1, lossPerMillion: 0)
        net.partition([[NodeID(0)]])
        #expect(net.isBlocked(from: NodeID(0), to: NodeID(1)))
        #expect(net.isBlocked(from: NodeID(3), to: NodeID(0)))
        #expect(!net.isBlocked(from: NodeID(1), to: NodeID(3)))
        net.heal()
        #expect(!net.hasBlockedLinks)
        net.cut(from: NodeID(1), to: NodeID(2))
        #expect(net.isBlocked(from: NodeID(1), to: NodeID(2)))
        #expect(!net.isBlocked(from: NodeID(2), to: NodeID(1)))
    }

    @Test func exchangeCountsOnceAndCloses() {
        let nodes = [NodeID(0), NodeID(1), NodeID(2)]
        var x = Exchange(id: 1, primitive: .p1b, opener: nodes[0], key: 1, participants: nodes,
                         threshold: 2, openedAtStep: 1)
        x.record(from: nodes[1], granted: true, step: 2)
        x.record(from: nodes[1], granted: true, step: 3)
        #expect(x.progress == "1/2" && x.isOpen)
        x.record(from: nodes[2], granted: true, step: 4)
        #expect(x.outcome == .reached && x.closedAtStep == 4)

        var y = Exchange(id: 2, primitive: .p2b, opener: nodes[0], key: 2, participants: nodes,
                         threshold: 2, openedAtStep: 1)
        y.record(from: nodes[1], granted: false, step: 2)
        #expect(y.isOpen)
        y.record(from: nodes[2], granted: false, step: 3)
        #expect(y.outcome == .failed)
    }
}
