import Dispatch
import Foundation
import Testing

@testable import FeeddDaemon

@Suite struct SchedulerTests {
    /// Time that passes only when a test says so: the scheduler's timers are armed on it and fire from `advance`.
    /// Unchecked Sendable: touched only on the harness's queue.
    final class ManualClock: @unchecked Sendable {
        final class Timer: SchedulerTimer {
            let deadline: Date
            let handler: () -> Void
            var cancelled = false
            init(deadline: Date, handler: @escaping () -> Void) {
                self.deadline = deadline
                self.handler = handler
            }
            func cancel() { cancelled = true }
        }

        private(set) var now = Date(timeIntervalSince1970: 1_800_000_000)
        private var timers: [Timer] = []

        func arm(_ delay: Double, _ handler: @escaping () -> Void) -> any SchedulerTimer {
            let timer = Timer(deadline: now.addingTimeInterval(delay), handler: handler)
            timers.append(timer)
            return timer
        }

        /// Timers armed and neither fired nor cancelled.
        var liveTimers: Int { timers.filter { !$0.cancelled }.count }

        /// Moves time forward by `seconds`, running each timer that comes due at its deadline, earliest first.
        func advance(by seconds: Double) {
            let end = now.addingTimeInterval(seconds)
            while let next = timers.filter({ !$0.cancelled && $0.deadline <= end }).min(by: { $0.deadline < $1.deadline }) {
                timers.removeAll { $0 === next }
                now = max(now, next.deadline)
                next.handler()
            }
            timers.removeAll { $0.cancelled }
            now = end
        }
    }

    /// Owns a scheduler on a manual clock and records what fires.
    /// Unchecked Sendable: `scheduler`, `clock` and `fired` are touched only on `queue`.
    final class Harness: @unchecked Sendable {
        let queue = DispatchQueue(label: "test.scheduler")
        private let clock = ManualClock()
        private var fired: [String] = []
        private var scheduler: Scheduler!

        init() {
            queue.sync {
                scheduler = Scheduler(
                    queue: queue, now: { [clock] in clock.now }, armTimer: { [clock] in clock.arm($0, $1) }
                ) { [unowned self] name in self.fired.append(name) }
            }
        }

        func on(_ body: (Scheduler, Date) -> Void) { queue.sync { body(scheduler, clock.now) } }
        func advance(by seconds: Double) { queue.sync { clock.advance(by: seconds) } }
        var names: [String] { queue.sync { fired } }
        var liveTimers: Int { queue.sync { clock.liveTimers } }
    }

    @Test func firesInDueOrderAndNothingBeforeItsTime() {
        let harness = Harness()
        harness.on { scheduler, now in
            scheduler.schedule("c", at: now.addingTimeInterval(15))
            scheduler.schedule("a", at: now.addingTimeInterval(5))
            scheduler.schedule("b", at: now.addingTimeInterval(10))
        }
        harness.advance(by: 4.9)
        #expect(harness.names == [])
        harness.advance(by: 0.1)
        #expect(harness.names == ["a"])
        harness.advance(by: 10)
        #expect(harness.names == ["a", "b", "c"])
        #expect(harness.liveTimers == 0)
    }

    @Test func reschedulingReplacesTheEarlierTimeAndUnscheduleCancels() {
        let harness = Harness()
        harness.on { scheduler, now in
            scheduler.schedule("late", at: now.addingTimeInterval(2))
            scheduler.schedule("late", at: now.addingTimeInterval(20))
            scheduler.schedule("gone", at: now.addingTimeInterval(5))
            scheduler.unschedule("gone")
            scheduler.schedule("soon", at: now.addingTimeInterval(8))
        }
        harness.advance(by: 10)
        #expect(harness.names == ["soon"])
        harness.advance(by: 10)
        #expect(harness.names == ["soon", "late"])
        harness.advance(by: 3600)
        #expect(harness.names == ["soon", "late"])
    }

    @Test func aPastDueTimeFiresAtOnceAndStopSilencesEverything() {
        let harness = Harness()
        harness.on { scheduler, now in scheduler.schedule("overdue", at: now.addingTimeInterval(-60)) }
        harness.advance(by: 0)
        #expect(harness.names == ["overdue"])
        harness.on { scheduler, now in
            scheduler.schedule("never", at: now.addingTimeInterval(5))
            scheduler.stop()
            #expect(scheduler.scheduledCount == 0)
        }
        #expect(harness.liveTimers == 0)
        harness.advance(by: 3600)
        #expect(harness.names == ["overdue"])
    }

    @Test func thousandsOfSourcesShareOneTimer() {
        let harness = Harness()
        harness.on { scheduler, now in
            for index in 0..<5000 { scheduler.schedule("s\(index)", at: now.addingTimeInterval(Double(index % 50) * 60)) }
            #expect(scheduler.scheduledCount == 5000)
        }
        #expect(harness.liveTimers == 1)
        harness.advance(by: 49 * 60 - 1)
        #expect(harness.names.count == 4900)
        #expect(harness.liveTimers == 1)
        harness.advance(by: 1)
        #expect(harness.names.count == 5000)
        #expect(Set(harness.names).count == 5000)
        #expect(harness.liveTimers == 0)
    }
}
