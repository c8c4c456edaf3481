/// The timing settings that govern one source's polls, seconds. Built from `[feedd]` and the
/// source's own `interval`.
package struct PollSettings: Sendable, Equatable {
    /// The configured interval (the source's, else the global one).
    package var interval: Double
    package var minInterval: Double
    package var maxInterval: Double
    /// The longest wait after repeated failures.
    package var maxBackoff: Double
    /// How often validators are withheld so a full, unconditional response is fetched.
    package var revalidate: Double

    package init(
        interval: Double = 15 * 60, minInterval: Double = 5 * 60, maxInterval: Double = 24 * 3600,
        maxBackoff: Double = 24 * 3600, revalidate: Double = 12 * 3600
    ) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.maxBackoff = maxBackoff
        self.revalidate = revalidate
    }

    package init(settings: Settings, source: Source) {
        self.init(
            interval: source.interval ?? settings.interval, minInterval: settings.minInterval,
            maxInterval: settings.maxInterval, maxBackoff: settings.maxBackoff, revalidate: settings.revalidate)
    }
}
