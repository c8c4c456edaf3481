import FeeddCore
import FeeddStore

extension StatusCommand {
    /// With `[output nats]`: how far the output's cursor (`output-nats.json`) is behind the journal.
    static func outputLine(_ config: Config) -> String? {
        guard let settings = config.natsOutput else { return nil }
        let lastSeq = (try? JournalStats(directory: config.settings.store))?.newestSeq ?? 0
        guard let cursor = OutputCursorStore(directory: config.settings.store).load(), cursor.stream == settings.stream else {
            return "output: stream \(settings.stream), nothing acknowledged yet (\(lastSeq) records waiting)"
        }
        let waiting = lastSeq > cursor.acknowledgedSeq ? lastSeq - cursor.acknowledgedSeq : 0
        return "output: stream \(settings.stream), acknowledged up to seq \(cursor.acknowledgedSeq) of \(lastSeq)"
            + " (\(waiting) waiting)"
    }
}
