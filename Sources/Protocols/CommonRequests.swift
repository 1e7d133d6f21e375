import Sim

/// Client requests that several protocols share (DESIGN.md §4). A protocol
/// lists the ones it takes in its descriptor; one with requests of its own
/// declares them in its folder the same way.
public enum CommonRequests {
    /// `local A [label]`: a local event (seed 002's clocks).
    public static let local = RequestSpec("local", [.text("label", required: false)], record: .label,
                                          help: "a local event at the node")
    /// `send A B[,C...] [label]`: a message to another node, or one send
    /// event that reaches several (a multicast, one copy per receiver).
    public static let send = RequestSpec("send", [.peer("to", several: true),
                                                  .text("label", required: false, autoLabel: true)],
                                         record: .none, help: "send a message to other nodes")
    /// `broadcast A [label]`: a broadcast to every node, itself included.
    public static let broadcast = RequestSpec("broadcast", [.text("label", required: false, autoLabel: true)],
                                              record: .verbAndText, help: "broadcast a message to every node")
    /// `propose A v`: a client asks the node to get `v` agreed.
    public static let propose = RequestSpec("propose", [.text("value", required: true)], record: .verbAndText,
                                            help: "ask the node to get a value agreed")
}

extension ClientRequest {
    /// `local A label`, as a value.
    public static func local(label: String?) -> ClientRequest {
        CommonRequests.local.request(label.map { [.text($0)] } ?? [])
    }
    /// `send A B label`, as a value (an empty label is named `m<id>` by a scenario).
    public static func send(to peer: NodeID, label: String) -> ClientRequest {
        send(to: [peer], label: label)
    }
    /// `send A B,C label`: one send event, a copy to each receiver.
    public static func send(to peers: [NodeID], label: String) -> ClientRequest {
        CommonRequests.send.request(peers.map(RequestArgument.peer) + (label.isEmpty ? [] : [.text(label)]))
    }
    /// `broadcast A label`, as a value.
    public static func broadcast(label: String) -> ClientRequest {
        CommonRequests.broadcast.request(label.isEmpty ? [] : [.text(label)])
    }
    /// `propose A value`, as a value.
    public static func propose(value: String) -> ClientRequest {
        CommonRequests.propose.request([.text(value)])
    }
}
