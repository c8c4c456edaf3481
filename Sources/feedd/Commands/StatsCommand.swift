import FeeddCore
import FeeddStore
import Foundation

/// `feedd stats`: records, segments, bytes, oldest and newest.
enum StatsCommand: Command {
    static let name = "stats"
    static let summary = "print the store's record and segment counts, size, oldest and newest record"
    static let help = """
        usage: feedd stats [--store DIR | --config PATH]

        Reads only the sidecar indexes. Prints key: value lines.

        exit codes: 0 ok, 1 store error, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let directory = try ConfigLocation.storeDirectory(&arguments)
        try arguments.finish()
        let stats: JournalStats
        do { stats = try JournalStats(directory: directory) } catch {
            Output.error("feedd stats: \(error.message)")
            return ExitCode.failure
        }
        print("store: \(directory)")
        print("records: \(stats.records)")
        print("segments: \(stats.segments)")
        print("bytes: \(stats.bytes)")
        print("oldest: " + (stats.oldestSeq.map { "seq \($0) stored \(RFC3339.format(stats.oldestTime!))" } ?? "-"))
        print("newest: " + (stats.newestSeq.map { "seq \($0) stored \(RFC3339.format(stats.newestTime!))" } ?? "-"))
        return ExitCode.success
    }
}
