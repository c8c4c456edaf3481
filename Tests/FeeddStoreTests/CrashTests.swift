import FeeddCore
import Foundation
import Glibc
import TestSupport
import Testing

@testable import FeeddStore

/// Real processes, real SIGKILL: a child appends through the real Journal and prints each record only after
/// its completion; whatever it printed must survive every kill exactly once, and the store must verify.
@Suite("Crash recovery")
struct CrashTests {
    static var childPath: String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug").path,
        ]
        return candidates.map { $0 + "/journal-crash-child" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Round {
        var acked: [(seq: UInt64, id: String)]
        var stderr: String
    }

    /// Runs the child, kills it with SIGKILL after `delay` seconds, and returns what it acknowledged.
    static func runChild(_ path: String, store: String, tag: String, delay: Double) throws -> Round {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [store, tag]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let collected = LogSinkHolder()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            collected.append(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            done.signal()
        }
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        done.wait()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        var acked: [(UInt64, String)] = []
        for line in collected.all.joined().split(separator: "\n") where line != "ready" {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seq = UInt64(parts[0]) else {
                Issue.record("unexpected child output line: \(line)")
                continue
            }
            acked.append((seq, String(parts[1])))
        }
        return Round(acked: acked, stderr: stderr)
    }

    @Test func everyAcknowledgedRecordSurvivesSIGKILL() throws {
        let child = try #require(Self.childPath, "journal-crash-child is not built; run swift build --build-tests")
        let temp = TemporaryDirectory("crash")
        defer { temp.remove() }
        var allAcked: [UInt64: String] = [:]
        let seed: UInt64 = 20_261_207
        var rng = SplitMix64(seed: seed)
        var totalAcked = 0
        for round in 0..<20 {
            // Some kills land while the child is still opening (and repairing) the store, most while it appends.
            let delay =
                round % 5 == 0
                ? Double.random(in: 0.005...0.04, using: &rng) : Double.random(in: 0.05...0.25, using: &rng)
            let result = try Self.runChild(child, store: temp.store, tag: "r\(round)", delay: delay)
            #expect(!result.stderr.contains("open failed"), "round \(round): \(result.stderr)")
            for (seq, id) in result.acked {
                #expect(allAcked[seq] == nil, "round \(round): seq \(seq) acknowledged twice")
                allAcked[seq] = id
            }
            totalAcked += result.acked.count

            // Reopen like the daemon would: repair, then every acknowledged record is there exactly once.
            let log = LogCapture()
            let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
            let lastSeq = journal.lastSeq
            journal.close()
            let records = Array(try JournalReader(directory: temp.store).records())
            #expect(records.map(\.seq) == Array(1...Swift.max(1, lastSeq)).prefix(records.count).map { $0 })
            #expect(UInt64(records.count) == lastSeq, "round \(round): seqs must be gap-free from 1")
            var byID: [String: Int] = [:]
            var bySeq: [UInt64: String] = [:]
            for record in records {
                let article = try #require(record.article)
                byID[article.id, default: 0] += 1
                bySeq[record.seq] = article.id
            }
            #expect(byID.values.allSatisfy { $0 == 1 }, "round \(round): a record is stored twice")
            for (seq, id) in allAcked {
                #expect(bySeq[seq] == id, "round \(round) (seed \(seed), killed after \(delay)s): acknowledged seq \(seq) \(id) lost")
            }
            let report = JournalVerifier.verify(directory: temp.store)
            #expect(report.ok, "round \(round): \(report.damage)")
        }
        #expect(totalAcked > 0, "the child never acknowledged anything")
        let segments = try SegmentFile.list(in: temp.store)
        #expect(segments.count > 1, "the crash test should cross segment rolls")
    }

    /// Whether the store holds a committed record after seq `since` (while the child appends).
    static func hasRecord(_ store: String, after since: UInt64) -> Bool {
        var records = (try? JournalReader(directory: store).records(since: since))?.makeIterator()
        return records?.next() != nil
    }

    /// Readers and verify take no lock and must see a consistent, committed prefix while another process writes.
    @Test func readAndVerifyWhileAnotherProcessAppends() throws {
        let child = try #require(Self.childPath)
        let temp = TemporaryDirectory("live")
        defer { temp.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: child)
        process.arguments = [temp.store, "live"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(waitUntil(timeout: 20) { Self.hasRecord(temp.store, after: 0) })
        var previousCount = 0
        for _ in 0..<8 {
            let report = JournalVerifier.verify(directory: temp.store)
            #expect(report.ok, "\(report.damage)")
            let damage = LogSinkHolder()
            let seqs = try JournalReader(directory: temp.store) { damage.append($0.description) }.records().map(\.seq)
            #expect(damage.all.isEmpty, "\(damage.all)")
            #expect(seqs == Array(1...UInt64(Swift.max(1, seqs.count))).prefix(seqs.count).map { $0 })
            #expect(seqs.count >= previousCount)
            previousCount = seqs.count
            // The next pass reads while the child has appended more.
            #expect(waitUntil(timeout: 20) { Self.hasRecord(temp.store, after: UInt64(seqs.count)) })
        }
        #expect(previousCount > 0)
    }

    @Test func secondProcessIsRefusedWhileTheStoreIsLocked() throws {
        let child = try #require(Self.childPath)
        let temp = TemporaryDirectory("lockproc")
        defer { temp.remove() }
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
        defer { journal.close() }
        let result = try Self.runChild(child, store: temp.store, tag: "x", delay: 0.5)
        #expect(result.acked.isEmpty)
        #expect(result.stderr.contains("in use by another process (pid \(getpid()))"), "\(result.stderr)")
    }
}
