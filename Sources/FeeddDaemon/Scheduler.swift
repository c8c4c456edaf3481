import Dispatch
import FeeddCore
import Foundation

/// The one-shot wake-up the scheduler arms for its earliest due source. A Dispatch timer in the daemon; tests
/// arm one on a manual clock and decide exactly when time passes.
protocol SchedulerTimer: AnyObject {
    func cancel()
}

/// When each source polls next. One timer armed for the earliest due source, over a min-heap of due
/// times, so ten thousand idle sources cost one sleeping timer, not ten thousand.
/// Unchecked Sendable: confined to `queue` (the daemon's state queue); every call happens there.
final class Scheduler: @unchecked Sendable {
    /// Arms a timer that runs `handler` on the scheduler's queue `delay` seconds from now.
    typealias ArmTimer = (_ delay: Double, _ handler: @escaping () -> Void) -> any SchedulerTimer

    private struct Entry {
        var due: Date
        var name: String
        var generation: UInt64
    }

    private let queue: DispatchQueue
    private let now: @Sendable () -> Date
    private let fire: (String) -> Void
    private let armTimer: ArmTimer
    private var heap: [Entry] = []
    /// The current generation of each scheduled name; heap entries with an older one are stale.
    private var generations: [String: UInt64] = [:]
    private var nextGeneration: UInt64 = 0
    private var timer: (any SchedulerTimer)?
    private var armedFor: Date?

    /// `armTimer` defaults to Dispatch timers on `queue`.
    init(
        queue: DispatchQueue, now: @escaping @Sendable () -> Date, armTimer: ArmTimer? = nil,
        fire: @escaping (String) -> Void
    ) {
        self.queue = queue
        self.now = now
        self.fire = fire
        self.armTimer = armTimer ?? { delay, handler in DispatchTimer(queue: queue, delay: delay, handler: handler) }
    }

    /// Schedules (or reschedules) `name` at `due`.
    func schedule(_ name: String, at due: Date) {
        nextGeneration += 1
        generations[name] = nextGeneration
        push(Entry(due: due, name: name, generation: nextGeneration))
        arm()
    }

    func unschedule(_ name: String) {
        generations[name] = nil
    }

    var scheduledCount: Int { generations.count }

    /// Cancels the timer; nothing fires afterwards.
    func stop() {
        generations.removeAll()
        heap.removeAll()
        timer?.cancel()
        timer = nil
        armedFor = nil
    }

    private func arm() {
        dropStale()
        guard let first = heap.first else {
            timer?.cancel()
            timer = nil
            armedFor = nil
            return
        }
        if let armedFor, armedFor <= first.due, timer != nil { return }
        timer?.cancel()
        let delay = max(0, first.due.timeIntervalSince(now()))
        timer = armTimer(delay) { [weak self] in self?.fireDue() }
        armedFor = first.due
    }

    private func fireDue() {
        timer?.cancel()
        timer = nil
        armedFor = nil
        let current = now()
        var names: [String] = []
        while let first = heap.first, first.due <= current.addingTimeInterval(0.005) {
            let entry = popFirst()
            if generations[entry.name] == entry.generation {
                generations[entry.name] = nil
                names.append(entry.name)
            }
        }
        for name in names { fire(name) }
        arm()
    }

    private func dropStale() {
        while let first = heap.first, generations[first.name] != first.generation { _ = popFirst() }
    }

    // MARK: binary heap ordered by due time

    private func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].due < heap[smallest].due { smallest = left }
                if right < heap.count, heap[right].due < heap[smallest].due { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}

/// The daemon's scheduler timer: a one-shot Dispatch timer source, with more leeway for long waits.
private final class DispatchTimer: SchedulerTimer {
    private let source: DispatchSourceTimer

    init(queue: DispatchQueue, delay: Double, handler: @escaping () -> Void) {
        source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + delay, leeway: .milliseconds(delay > 60 ? 500 : 10))
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func cancel() { source.cancel() }
}
