import FeeddCore
import FeeddSystem
import Foundation
import Testing

@testable import FeeddStore

/// `feedd read`, `verify` and `stats` run as real processes against a real store.
@Suite("Store commands")
struct StoreCommandTests {
    static var feedd: String? {
        CrashTests.childPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path + "/feedd" }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(feedd, "feedd is not built"))
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self)
        )
    }

    @Test func readVerifyAndStats() throws {
        let temp = TemporaryDirectory("cli")
        defer { temp.remove() }
        var options = JournalOptions()
        options.segmentMaxBytes = 2000
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        for i in 1...10 {
            _ = try journal.append([.article(Articles.make(i, source: i % 2 == 0 ? "even" : "odd \"one\""))])
        }
        journal.close()

        let all = try Self.run(["read", "--store", temp.store])
        #expect(all.status == 0)
        let lines = all.out.split(separator: "\n")
        #expect(lines.count == 10)
        let stored = try String(contentsOfFile: temp.store + "/00000000000000000001.jsonl", encoding: .utf8)
        #expect(stored.hasPrefix(lines[0] + "\n"), "read prints the exact stored line")

        let filtered = try Self.run(["read", "--store", temp.store, "--since", "3", "--source", "odd \"one\""])
        #expect(
            filtered.out.split(separator: "\n").map { $0.prefix(9) } == ["{\"seq\":5,", "{\"seq\":7,", "{\"seq\":9,"])
        #expect(try Self.run(["read", "--store", temp.store, "--since", "x"]).status == 64)

        let stats = try Self.run(["stats", "--store", temp.store])
        #expect(stats.status == 0)
        #expect(stats.out.contains("records: 10\n"))
        #expect(stats.out.contains("oldest: seq 1 "))
        #expect(stats.out.contains("newest: seq 10 "))

        let clean = try Self.run(["verify", "--store", temp.store])
        #expect(clean.status == 0)
        #expect(clean.out.hasPrefix("ok: 10 records"))

        let segment = try #require(try SegmentFile.list(in: temp.store).first)
        let entry = try #require(SegmentIndex.load(path: segment.indexPath).entries[1])
        let fd = try FileDescriptor.open(segment.dataPath, .readWrite)
        try fd.pwrite(Array("#".utf8), at: entry.offset + 50)
        fd.close()
        let damaged = try Self.run(["verify", "--store", temp.store])
        #expect(damaged.status == 1)
        #expect(damaged.out.contains("\(segment.dataPath):2 (offset \(entry.offset), seq 2): checksum mismatch"))
        let skipped = try Self.run(["read", "--store", temp.store])
        #expect(skipped.status == 0)
        #expect(skipped.out.split(separator: "\n").count == 9)
        #expect(skipped.err.contains("seq 2"))
    }
}
