import FeeddCore
import FeeddSystem
import Foundation

/// Checks a whole store without changing it: every index entry's own checksum, seq continuity within and
/// across segments, that entries tile the data exactly, every record's CRC-32C, and that each line is a JSON
/// object whose `seq` matches. Each problem names the file, line, offset and seq.
package enum JournalVerifier {
    package static func verify(directory: String) -> VerifyReport {
        verify(directory: directory, progress: nil)
    }

    /// `progress` gets (bytes checked, total bytes) after each segment.
    package static func verify(directory: String, progress: ((Int64, Int64) -> Void)?) -> VerifyReport {
        var report = VerifyReport()
        let segments: [SegmentFile]
        do { segments = try SegmentFile.list(in: directory) } catch {
            report.damage.append(StoreDamage(file: directory, problem: error.message))
            return report
        }
        report.quarantined = (try? FileSystem.list(directory + "/quarantine"))?.count ?? 0
        // An index without its data file is a segment being created or removed right now (the writer makes the
        // index first and retention removes the data first); the next open cleans up any left by a crash.
        let total = segments.reduce(Int64(0)) { $0 + (FileSystem.size($1.dataPath) ?? 0) }
        var done: Int64 = 0
        var expectedSeq: UInt64?
        for (number, segment) in segments.enumerated() {
            let isActive = number == segments.count - 1
            if let expected = expectedSeq, segment.firstSeq != expected {
                report.damage.append(
                    StoreDamage(
                        file: segment.dataName, seq: segment.firstSeq,
                        problem: "seq gap: the previous segment ends at \(expected - 1)"))
            }
            let last = check(segment, active: isActive, report: &report)
            expectedSeq = (last ?? (segment.firstSeq - 1)) + 1
            report.segments += 1
            done += FileSystem.size(segment.dataPath) ?? 0
            progress?(done, total)
        }
        return report
    }

    /// Returns the last seq the segment's index covers.
    private static func check(_ segment: SegmentFile, active: Bool, report: inout VerifyReport) -> UInt64? {
        // The index before the data: the writer extends the data first, so every entry read here is covered by
        // the data read next, even while feedd appends.
        let index = SegmentIndex.load(path: segment.indexPath)
        guard let fd = try? FileDescriptor.open(segment.dataPath, .readOnly),
            let size = try? fd.size(), let bytes = try? fd.pread(count: Int(size), at: 0)
        else {
            // Gone since the listing: retention removed it while we ran. Anything else is a problem.
            if FileSystem.exists(segment.dataPath) {
                report.damage.append(StoreDamage(file: segment.dataName, problem: "cannot read the segment"))
            }
            return nil
        }
        fd.close()
        report.bytes += size
        guard index.headerValid else {
            if size > 0 || !active {
                report.damage.append(
                    StoreDamage(
                        file: segment.indexName,
                        problem: FileSystem.exists(segment.indexPath)
                            ? "index header is not feedd's; opening the store with feedd rebuilds it"
                            : "index missing; opening the store with feedd rebuilds it"))
            }
            return nil
        }
        var expectedSeq = segment.firstSeq
        var expectedOffset: Int64 = 0
        var lastSeq: UInt64?
        // In the active segment, bad entries at the very end are an index write in progress, not damage.
        var entries = index.entries
        if active {
            while let last = entries.last, last == nil { entries.removeLast() }
        }
        bytes.withUnsafeBytes { raw in
            for (number, item) in entries.enumerated() {
                let lineNumber = number + 1
                guard let entry = item else {
                    report.damage.append(
                        StoreDamage(
                            file: segment.indexName, offset: Int64(IndexEntry.headerSize + number * IndexEntry.size),
                            line: lineNumber, seq: expectedSeq, problem: "index entry checksum mismatch"))
                    expectedSeq += 1
                    continue
                }
                if entry.seq != expectedSeq {
                    report.damage.append(
                        StoreDamage(
                            file: segment.dataName, offset: entry.offset, line: lineNumber, seq: entry.seq,
                            problem: "seq \(entry.seq) where \(expectedSeq) was expected"))
                }
                if entry.offset != expectedOffset {
                    report.damage.append(
                        StoreDamage(
                            file: segment.dataName, offset: expectedOffset, line: lineNumber, seq: entry.seq,
                            problem:
                                "\(entry.offset - expectedOffset) bytes at this offset are not covered by the index"))
                }
                expectedSeq = entry.seq + 1
                lastSeq = entry.seq
                guard entry.end <= size, entry.length > 0, entry.offset >= 0 else {
                    report.damage.append(
                        StoreDamage(
                            file: segment.dataName, offset: entry.offset, line: lineNumber, seq: entry.seq,
                            problem: "the index points past the end of the data (\(size) bytes)"))
                    continue
                }
                expectedOffset = entry.end
                let line = UnsafeRawBufferPointer(rebasing: raw[Int(entry.offset)..<Int(entry.end)])
                report.records += 1
                if report.firstSeq == nil { report.firstSeq = entry.seq }
                report.lastSeq = entry.seq
                if CRC32C.checksum(line) != entry.crc {
                    report.damage.append(
                        StoreDamage(
                            file: segment.dataName, offset: entry.offset, line: lineNumber, seq: entry.seq,
                            problem: "checksum mismatch (CRC-32C)"))
                    continue
                }
                if line[line.count - 1] != 0x0A
                    || !RecordLine.isValid(UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 1)]), seq: entry.seq)
                {
                    report.damage.append(
                        StoreDamage(
                            file: segment.dataName, offset: entry.offset, line: lineNumber, seq: entry.seq,
                            problem: "not a JSON line with this seq"))
                }
            }
        }
        if index.trailingBytes > 0 && !active {
            report.damage.append(
                StoreDamage(file: segment.indexName, problem: "\(index.trailingBytes) bytes of a partial index entry"))
        }
        if expectedOffset < size {
            if active {
                report.uncommittedBytes = size - expectedOffset
            } else {
                report.damage.append(
                    StoreDamage(
                        file: segment.dataName, offset: expectedOffset, line: entries.count + 1,
                        problem: "\(size - expectedOffset) bytes at the end are not covered by the index"))
            }
        }
        return lastSeq
    }
}
