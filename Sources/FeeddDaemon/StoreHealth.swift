import Foundation

/// Which store failures get a log line. A full disk fails every append until space is freed: one line when
/// appends start failing (with what to do), a reminder at most every `reminderInterval` with the count of
/// polls not stored, and one line when an append succeeds again. Pure, so the daemon only logs what it says.
struct StoreHealth {
    enum Line: Equatable {
        /// The first failed append after the store was fine.
        case failed
        /// Appends still fail; `notStored` polls were not stored since `since`.
        case stillFailing(notStored: Int, since: Date)
        /// An append succeeded after `notStored` polls were not stored.
        case recovered(notStored: Int, since: Date)
    }

    static let reminderInterval: TimeInterval = 300

    private(set) var failingSince: Date?
    private(set) var notStored = 0
    private var lastLine: Date?

    var isFailing: Bool { failingSince != nil }

    mutating func appendFailed(now: Date) -> Line? {
        notStored += 1
        guard let since = failingSince, let last = lastLine else {
            failingSince = now
            lastLine = now
            return .failed
        }
        guard now.timeIntervalSince(last) >= Self.reminderInterval else { return nil }
        lastLine = now
        return .stillFailing(notStored: notStored, since: since)
    }

    mutating func appendSucceeded() -> Line? {
        guard let since = failingSince else { return nil }
        let line = Line.recovered(notStored: notStored, since: since)
        self = StoreHealth()
        return line
    }
}
