/// The timing settings that govern one source's polls, seconds. A source's come from
/// `Source.Resolved.poll`.
package struct PollSettings: Sendable, Equatable {
    /// The configured interval (the source's, else the global one).
    package var interval: Double
    package var minInterval: Double
    package var maxInterval: Double
    /// The longest wait after repeated failures.
    package var maxBackoff: Double
    /// How often validators are withheld so a full, unconditional response is fetched.
    package var revalidate: Double

    package init(interval: Double, minInterval: Double, maxInterval: Double, maxBackoff: Double, revalidate: Double) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.maxBackoff = maxBackoff
        self.revalidate = revalidate
    }
}
