import FeeddCore
import FeeddStore
import Foundation
import Glibc

/// Journal recovery against arbitrary tails: a copy of a valid store (one segment, `kept` committed records)
/// gets the input appended to its data file, as if a crash, a torn write or a stray writer had left it there.
/// `Journal.open` must keep every committed record, accept a new append right after them, and leave a store
/// that `JournalVerifier` finds clean. Stores live in /dev/shm: the journal fsyncs on every open and append.
enum JournalFuzz {
    static let kept = 4

    /// A store with `kept` records (the template each input starts from) and the lines of two more records
    /// with the next seqs (seeds: valid tails the fuzzer mutates).
    struct Template: Sendable {
        var files: [(name: String, bytes: [UInt8])]
        var lines: [[UInt8]]
        var nextLines: [[UInt8]]
    }

    static let template: Template = makeTemplate()

    /// One-record batches are written at once instead of after the group-commit delay.
    static let options = JournalOptions(batchMaxRecords: 1)

    static let silent = Logger(sink: LogSink(level: .error, style: .stream) { _ in })

    static func article(_ number: Int) -> Article {
        Article(
            id: "id-\(number)", source: "fuzz", url: "https://example.com/posts/\(number)", guid: "guid-\(number)",
            title: "Post \(number) \"quoted\"", author: "Writer",
            published: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
            fetched: Date(timeIntervalSince1970: 1_700_000_100 + Double(number)), language: "en",
            summary: "Summary \(number)", content: "<p>Body \(number) é ü</p>", text: "Body \(number)",
            categories: ["a"], tags: ["t"], fingerprint: 0xDEAD_BEEF)
    }

    static func makeTemplate() -> Template {
        let root = temporaryDirectory()
        func store(_ name: String, records: Int) -> String {
            let path = root + "/" + name
            do {
                let journal = try Journal.open(directory: path, logger: silent)
                _ = try journal.append((1...records).map { JournalRecord.article(article($0)) })
                journal.close()
            } catch {
                fatalError("cannot build the journal template in \(path): \(error)")
            }
            return path
        }
        let base = store("template", records: kept)
        let longer = store("longer", records: kept + 2)
        let segment = SegmentFile(directory: base, firstSeq: 1)
        var files: [(String, [UInt8])] = []
        for name in [segment.dataName, segment.indexName] {
            guard let data = FileManager.default.contents(atPath: base + "/" + name) else {
                fatalError("journal template has no \(name)")
            }
            files.append((name, [UInt8](data)))
        }
        let longerData = [UInt8](FileManager.default.contents(atPath: longer + "/" + segment.dataName) ?? Data())
        let allLines = longerData.split(separator: 0x0A).map { Array($0) }
        let lines = files[0].1.split(separator: 0x0A).map { Array($0) }
        precondition(lines.count == kept && allLines.count == kept + 2, "unexpected journal template")
        try? FileManager.default.removeItem(atPath: root)
        return Template(files: files, lines: lines, nextLines: Array(allLines[kept...]))
    }

    static func temporaryDirectory() -> String {
        var template = Array("/dev/shm/feedd-fuzz-journal-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { fatalError("mkdtemp failed: \(String(cString: strerror(errno)))") }
        return String(cString: made)
    }

    static func run(tail: [UInt8]) {
        let template = self.template
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataName = template.files[0].name
        for (name, bytes) in template.files {
            let contents = name == dataName ? bytes + tail : bytes
            guard FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(contents)) else {
                fatalError("cannot write \(name)")
            }
        }

        let journal: Journal
        do {
            journal = try Journal.open(directory: directory, options: options, logger: silent)
        } catch {
            fatalError("Journal.open failed on a valid segment with a fuzzed tail: \(error)")
        }
        let recovered = journal.lastSeq
        guard recovered >= UInt64(kept) else { fatalError("open lost committed records: last seq \(recovered)") }
        let seqs: [UInt64]
        do {
            seqs = try journal.append([.article(article(1000))])
        } catch {
            fatalError("append after recovery failed: \(error)")
        }
        guard seqs == [recovered + 1] else { fatalError("append after recovery got seqs \(seqs), last was \(recovered)") }
        journal.close()

        let records: [StoredRecord]
        do {
            records = Array(try JournalReader(directory: directory).records())
        } catch {
            fatalError("cannot read the recovered store: \(error)")
        }
        guard records.count == Int(recovered) + 1 else {
            fatalError("read \(records.count) records after recovery to seq \(recovered) and one append")
        }
        for (number, line) in template.lines.enumerated() {
            guard records[number].seq == UInt64(number + 1), records[number].line == line else {
                fatalError("committed record \(number + 1) changed in recovery: \(records[number].text)")
            }
        }
        for (number, record) in records.enumerated() where record.seq != UInt64(number + 1) {
            fatalError("seq \(record.seq) at position \(number + 1)")
        }
        let report = JournalVerifier.verify(directory: directory)
        guard report.ok, report.records == records.count else {
            fatalError("verify after recovery: \(report.records) records, damage \(report.damage)")
        }
    }

    /// Tails worth starting from: the next records whole, torn, doubled, and with a changed byte.
    static func writeSeeds(to directory: String) {
        let next = template.nextLines
        let line5 = next[0] + [0x0A]
        let line6 = next[1] + [0x0A]
        var flipped = line5
        flipped[flipped.count / 2] ^= 0x01
        let seeds: [[UInt8]] = [
            [], line5, line5 + line6, Array(line5.dropLast()), Array(line5.prefix(line5.count / 2)),
            line5 + Array(line6.prefix(10)), flipped, line6, line5 + line5, [0x0A], Array("{\"seq\":5}\n".utf8),
        ]
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (number, seed) in seeds.enumerated() {
            _ = FileManager.default.createFile(atPath: directory + "/journal-seed-\(number)", contents: Data(seed))
        }
    }
}
