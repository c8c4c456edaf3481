import FeeddCore
import FeeddStore
import Foundation
import Glibc

/// `feedd verify`: check every checksum, seq and index entry of the store.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "check the store's checksums, seqs and indexes; report the exact place of damage"
    static let help = """
        usage: feedd verify [--store DIR | --config PATH]

        Reads the whole store without changing it (safe while feedd runs). Checks each record's CRC-32C, seq
        continuity within and across segments, each index entry, and that every line is JSON.
        Prints "ok: …" or one line per problem: FILE:LINE (offset N, seq S): what is wrong.
        Progress goes to stderr when it is a terminal.

        exit codes: 0 no damage, 1 damage found or store unreadable, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let directory = try ConfigLocation.storeDirectory(&arguments)
        try arguments.finish()
        guard FileManager.default.fileExists(atPath: directory) else {
            Output.error("feedd verify: no store at \(directory)")
            return ExitCode.failure
        }
        let showProgress = isatty(2) == 1
        let report = JournalVerifier.verify(directory: directory) { done, total in
            guard showProgress, total > 0 else { return }
            let percent = Int(done * 100 / total)
            FileHandle.standardError.write(Data("\rverifying: \(percent)% of \(total) bytes".utf8))
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for damage in report.damage {
            print("\(directory)/\(damage)")
        }
        let range = report.firstSeq.map { "seq \($0)…\(report.lastSeq ?? $0)" } ?? "no records"
        var summary = "\(report.records) records, \(report.segments) segments, \(report.bytes) bytes, \(range)"
        if report.uncommittedBytes > 0 { summary += ", \(report.uncommittedBytes) uncommitted bytes at the tail" }
        if report.quarantined > 0 { summary += ", \(report.quarantined) quarantined" }
        if report.ok {
            print("ok: " + summary)
            return ExitCode.success
        }
        print("damaged: \(report.damage.count) problem\(report.damage.count == 1 ? "" : "s"); " + summary)
        return ExitCode.failure
    }
}
