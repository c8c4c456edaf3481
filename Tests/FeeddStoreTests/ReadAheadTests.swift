import TestSupport
import Testing

@testable import FeeddStore

@Suite struct ReadAheadTests {
    func drain(_ readAhead: ReadAhead<Int>) -> [[Int]] {
        var chunks: [[Int]] = []
        while let chunk = readAhead.next() { chunks.append(chunk) }
        return chunks
    }

    @Test func handsOverEveryElementInOrderInChunks() {
        let chunks = drain(ReadAhead(Array(0..<1000), chunkSize: 64, depth: 2))
        #expect(chunks.flatMap { $0 } == Array(0..<1000))
        #expect(chunks.dropLast().allSatisfy { $0.count == 64 })
        #expect(chunks.last?.count == 1000 % 64)
    }

    @Test func emptyAndExactMultiples() {
        #expect(drain(ReadAhead([Int](), chunkSize: 8, depth: 1)).isEmpty)
        #expect(drain(ReadAhead(Array(0..<16), chunkSize: 8, depth: 1)).map(\.count) == [8, 8])
    }

    @Test func keepsAnsweringNilOnceFinished() {
        let readAhead = ReadAhead([1, 2, 3], chunkSize: 2, depth: 3)
        #expect(readAhead.next() == [1, 2])
        #expect(readAhead.next() == [3])
        #expect(readAhead.next() == nil)
        #expect(readAhead.next() == nil)
    }

    /// A slow consumer does not make the producer read the whole sequence ahead.
    @Test func producerStaysAtMostDepthChunksAhead() {
        let counter = ProducedCounter()
        let items = CountingSequence(count: 100, counter: counter)
        let readAhead = ReadAhead(items, chunkSize: 10, depth: 2)
        let first = readAhead.next()
        #expect(first == Array(0..<10))
        // The producer runs as far as it may, 1 chunk taken + 2 ahead + the one it holds while it waits, and stops.
        #expect(waitUntil(timeout: 20) { counter.value >= 40 })
        #expect(counter.value == 40)
        #expect(drain(readAhead).flatMap { $0 } == Array(10..<100))
    }
}

import Glibc
import Synchronization

final class ProducedCounter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func increment() { count.add(1, ordering: .relaxed) }
}

struct CountingSequence: Sequence, Sendable {
    let count: Int
    let counter: ProducedCounter

    func makeIterator() -> AnyIterator<Int> {
        var next = 0
        return AnyIterator {
            guard next < count else { return nil }
            counter.increment()
            defer { next += 1 }
            return next
        }
    }
}
