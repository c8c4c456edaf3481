import Foundation
import Synchronization

/// Iterates a sequence on a thread of its own and hands its elements over in chunks, at most `depth` chunks
/// ahead of the consumer: while the dedupe rebuild decodes and inserts one chunk, the journal's next records
/// are read, checked and copied. The consumer must take chunks until `next()` returns nil.
final class ReadAhead<Element: Sendable>: Sendable {
    private struct State {
        var chunks: [[Element]] = []
        var finished = false
    }

    private let state = Mutex(State())
    /// Counts chunks ready to take (plus one once the producer has finished).
    private let ready = DispatchSemaphore(value: 0)
    /// Counts chunks the producer may still read ahead.
    private let room: DispatchSemaphore

    init<Items: Sequence & Sendable>(_ items: Items, chunkSize: Int, depth: Int) where Items.Element == Element {
        room = DispatchSemaphore(value: max(1, depth))
        let thread = Thread { [self] in
            var iterator = items.makeIterator()
            var chunk: [Element] = []
            chunk.reserveCapacity(chunkSize)
            while let element = iterator.next() {
                chunk.append(element)
                if chunk.count == chunkSize {
                    put(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { put(chunk) }
            state.withLock { $0.finished = true }
            ready.signal()
        }
        thread.name = "feedd.read-ahead"
        thread.start()
    }

    private func put(_ chunk: [Element]) {
        room.wait()
        state.withLock { $0.chunks.append(chunk) }
        ready.signal()
    }

    /// The next chunk, in order; nil once the sequence is exhausted.
    func next() -> [Element]? {
        ready.wait()
        let chunk = state.withLock { state -> [Element]? in
            state.chunks.isEmpty ? nil : state.chunks.removeFirst()
        }
        if chunk != nil {
            room.signal()
        } else {
            ready.signal()  // finished: let later calls return nil too
        }
        return chunk
    }
}
