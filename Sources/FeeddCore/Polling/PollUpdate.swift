/// What `PollPolicy.update` changed, so the caller can log state changes once and schedule the
/// next poll.
package struct PollUpdate: Sendable, Equatable {
    package var kind: PollOutcome.Kind
    /// Seconds until the next poll; nil when the source is now disabled (410) or the poll was cancelled.
    package var delay: Double?
    /// This failure is the first after a success: the source started failing (warn once).
    package var startedFailing: Bool = false
    /// This success ended a failure streak (say so once); `failuresBefore` tells how long it was.
    package var recovered: Bool = false
    package var failuresBefore: Int = 0
    /// The source's effective URL moved here on this poll (log once).
    package var movedTo: String?
    /// Seconds the whole host asked to be left alone (`Retry-After`; the fetcher enforces it, the log reports it).
    package var hostBlockedFor: Double?
    /// The source was disabled by this poll (410).
    package var disabled: Bool = false

    package init(kind: PollOutcome.Kind, delay: Double?) {
        self.kind = kind
        self.delay = delay
    }
}
