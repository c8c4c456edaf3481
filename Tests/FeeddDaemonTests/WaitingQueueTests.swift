import Testing

@testable import FeeddDaemon

@Suite struct WaitingQueueTests {
    @Test func firstInFirstOutWithoutRepeats() {
        var queue = WaitingQueue()
        queue.push("a")
        queue.push("b")
        queue.push("a")
        #expect(queue.count == 2)
        #expect(queue.pop() == "a")
        queue.push("a")
        #expect(queue.pop() == "b")
        #expect(queue.pop() == "a")
        #expect(queue.pop() == nil)
    }

    @Test func staysInOrderAcrossCompaction() {
        var queue = WaitingQueue()
        var popped: [String] = []
        for round in 0..<5 {
            for index in 0..<3000 { queue.push("s\(round)-\(index)") }
            for _ in 0..<2500 { popped.append(queue.pop()!) }
        }
        while let name = queue.pop() { popped.append(name) }
        #expect(popped.count == 15_000)
        #expect(Set(popped).count == 15_000)
        let firstRound = popped.filter { $0.hasPrefix("s0-") }
        #expect(firstRound == (0..<3000).map { "s0-\($0)" })
    }
}
