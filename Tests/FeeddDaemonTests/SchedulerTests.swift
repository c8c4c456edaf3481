import Dispatch
import Foundation
import Testing

@testable import FeeddDaemon

@Suite struct SchedulerTests {
    /// Owns a scheduler on its own queue and records what fires.
    /// Unchecked Sendable: `scheduler` is touched only on `queue`, `fired` only under `lock`.
    final class Harness: @unchecked Sendable {
        let queue = DispatchQueue(label: "test.scheduler")
        private let lock = NSLock()
        private var fired: [String] = []
        private var scheduler: Scheduler!

        init() {
            queue.sync {
                scheduler = Scheduler(queue: queue, now: { Date() }) { [unowned self] name in self.record(name) }
            }
        }

        private func record(_ name: String) { lock.withLock { fired.append(name) } }
        func on(_ body: (Scheduler) -> Void) { queue.sync { body(scheduler) } }
        var names: [String] { lock.withLock { fired } }
    }

    @Test func firesInDueOrder() {
        let harness = Harness()
        let now = Date()
        harness.on { scheduler in
            scheduler.schedule("c", at: now.addingTimeInterval(0.15))
            scheduler.schedule("a", at: now.addingTimeInterval(0.05))
            scheduler.schedule("b", at: now.addingTimeInterval(0.10))
        }
        #expect(waitFor { harness.names.count == 3 })
        #expect(harness.names == ["a", "b", "c"])
    }

    @Test func reschedulingReplacesTheEarlierTimeAndUnscheduleCancels() {
        let harness = Harness()
        let now = Date()
        harness.on { scheduler in
            scheduler.schedule("late", at: now.addingTimeInterval(0.02))
            scheduler.schedule("late", at: now.addingTimeInterval(0.2))
            scheduler.schedule("gone", at: now.addingTimeInterval(0.05))
            scheduler.unschedule("gone")
            scheduler.schedule("soon", at: now.addingTimeInterval(0.08))
        }
        #expect(waitFor { harness.names.count == 2 })
        usleep(100_000)
        #expect(harness.names == ["soon", "late"])
    }

    @Test func aPastDueTimeFiresAtOnceAndStopSilencesEverything() {
        let harness = Harness()
        harness.on { $0.schedule("overdue", at: Date().addingTimeInterval(-60)) }
        #expect(waitFor { harness.names == ["overdue"] })
        harness.on { scheduler in
            scheduler.schedule("never", at: Date().addingTimeInterval(0.05))
            scheduler.stop()
        }
        usleep(150_000)
        #expect(harness.names == ["overdue"])
    }

    @Test func thousandsOfSourcesShareOneTimer() {
        let harness = Harness()
        let now = Date()
        harness.on { scheduler in
            for index in 0..<5000 { scheduler.schedule("s\(index)", at: now.addingTimeInterval(Double(index % 50) * 0.002)) }
            #expect(scheduler.scheduledCount == 5000)
        }
        #expect(waitFor { harness.names.count == 5000 })
        #expect(Set(harness.names).count == 5000)
    }

    private func waitFor(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition() { return true }
            usleep(5000)
        }
        return condition()
    }
}
