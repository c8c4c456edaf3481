import FeeddCore
import FeeddSystem
import Foundation

/// Reads committed records. Needs no lock and works while the daemon writes: it follows the sidecar
/// indexes, which the writer extends only after the data is synced, so it never sees a partial or
/// uncommitted line. A record whose checksum fails is reported to `onDamage` and skipped, never served.
package struct JournalReader: Sendable {
    package let directory: String
    package let onDamage: @Sendable (StoreDamage) -> Void

    package init(directory: String) throws(StoreError) {
        try self.init(directory: directory, onDamage: { _ in })
    }

    package init(directory: String, onDamage: @escaping @Sendable (StoreDamage) -> Void) throws(StoreError) {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw StoreError(.notFound, path: directory, errno: .current, "no store at \(directory)")
        }
        self.directory = directory
        self.onDamage = onDamage
    }

    /// Committed records with seq greater than `since` and stored at or after `sinceTime`, oldest first.
    /// Seeks through the sidecars; the data is read in large sequential chunks.
    /// `buffer`, when given, holds the data read and is kept for the next call: a reader that comes back
    /// often for a few new records (the NATS output) reuses its pages instead of faulting in fresh ones.
    package func records(since seq: UInt64? = nil, sinceTime: Date? = nil, buffer: JournalReadBuffer? = nil)
        -> JournalRecords
    {
        JournalRecords(
            directory: directory, since: seq,
            sinceTime: sinceTime.map { Int64(($0.timeIntervalSince1970 * 1000).rounded(.up)) }, onDamage: onDamage,
            buffer: buffer)
    }

    /// Prints every committed record after `since` (and at or after `sinceTime`), then waits with inotify for
    /// new ones, across segment rolls, until `handler` returns false. No polling: the reader sleeps in the kernel.
    package func follow(
        since seq: UInt64? = nil, sinceTime: Date? = nil, handler: (StoredRecord) -> Bool
    ) throws(StoreError) {
        let inotify: Inotify
        do {
            inotify = try Inotify()
            try inotify.addWatch(
                directory, mask: Inotify.modify | Inotify.create | Inotify.movedTo | Inotify.closeWrite)
        } catch {
            throw StoreError.system("watch", path: directory, error)
        }
        var last = seq
        var time = sinceTime
        while true {
            for record in records(since: last, sinceTime: time) {
                last = record.seq
                time = nil
                guard handler(record) else { return }
            }
            do {
                // Drain everything that happened; the next pass reads what the index now covers.
                _ = try inotify.wait()
            } catch {
                throw StoreError.system("wait for changes in", path: directory, error)
            }
        }
    }
}

/// The records of a store from a starting point; each iteration reads the files as they are at that moment.
package struct JournalRecords: Sequence, Sendable {
    let directory: String
    let since: UInt64?
    let sinceTime: Int64?
    let onDamage: @Sendable (StoreDamage) -> Void
    /// A segment already read and checked (the active one, by `Journal.openAndRead`): served from memory.
    var checked: CheckedSegment? = nil
    /// Where data read from the files goes; nil: a buffer of the iteration's own.
    var buffer: JournalReadBuffer? = nil

    package func makeIterator() -> Iterator {
        Iterator(records: self)
    }

    package struct Iterator: IteratorProtocol {
        private let records: JournalRecords
        private var segments: [SegmentFile]? = nil
        private var segmentIndex = 0
        private var entries: [IndexEntry?] = []
        private var firstEntryNumber = 0
        private var position = 0
        private var data: FileDescriptor?
        /// Data read from the file: `chunkCount` bytes from offset `chunkStart`, in a buffer reused by every read
        /// (a fresh buffer per read would be fresh pages for the kernel to zero each time).
        private let chunk: JournalReadBuffer
        private var chunkCount = 0
        private var chunkStart: Int64 = 0
        private var previous: UInt64?
        /// Set while serving `records.checked`: its data, whose every entry's checksum already matched.
        private var serving: CheckedSegment?
        /// The served data's pages before this offset were released: every record there has been copied out.
        private var released = 0

        init(records: JournalRecords) {
            self.records = records
            chunk = records.buffer ?? JournalReadBuffer()
        }

        private static let chunkBytes = 4 << 20

        package mutating func next() -> StoredRecord? {
            if segments == nil { start() }
            while true {
                if position >= entries.count {
                    guard openNextSegment() else { return nil }
                    continue
                }
                let number = position
                position += 1
                guard let entry = entries[number] else {
                    // In the active segment a bad entry with nothing valid after it is an entry being written
                    // right now (a reader can see half of a write): it is not committed yet, so stop here.
                    if segmentIndex == segments!.count, !entries[number...].contains(where: { $0 != nil }) {
                        position = entries.count
                        continue
                    }
                    records.onDamage(
                        StoreDamage(
                            file: currentSegment.indexName,
                            offset: Int64(IndexEntry.headerSize + (firstEntryNumber + number) * IndexEntry.size),
                            line: firstEntryNumber + number + 1,
                            problem: "index entry checksum mismatch; record skipped"))
                    continue
                }
                if let since = records.since, entry.seq <= since { continue }
                if let sinceTime = records.sinceTime, entry.time < sinceTime { continue }
                guard let record = read(entry, number: number) else { continue }
                return record
            }
        }

        private var currentSegment: SegmentFile { segments![segmentIndex - 1] }

        /// Picks the first segment that can hold a wanted record, using only file names and index ends.
        private mutating func start() {
            let all = (try? SegmentFile.list(in: records.directory)) ?? []
            var first = 0
            if let since = records.since {
                first = Swift.max(0, (all.lastIndex { $0.firstSeq <= since + 1 }) ?? 0)
            }
            if let sinceTime = records.sinceTime {
                while first < all.count - 1, let last = SegmentIndex.lastEntry(path: all[first].indexPath),
                    last.time < sinceTime
                {
                    first += 1
                }
            }
            segments = all
            segmentIndex = first
        }

        private mutating func openNextSegment() -> Bool {
            data?.close()
            data = nil
            chunkCount = 0
            serving = nil
            guard let segments, segmentIndex < segments.count else { return false }
            let segment = segments[segmentIndex]
            segmentIndex += 1
            if let checked = records.checked, checked.segment == segment, records.since == nil, records.sinceTime == nil {
                entries = checked.entries.map(Optional.some)
                firstEntryNumber = 0
                position = 0
                chunkStart = 0
                serving = checked
                released = 0
                return true
            }
            // Seek by seq straight to the entry (entries are fixed-size and seqs contiguous), else load all.
            var skip = 0
            if let since = records.since, since >= segment.firstSeq { skip = Int(since - segment.firstSeq + 1) }
            var index = SegmentIndex.load(path: segment.indexPath, from: skip)
            if skip > 0, let first = index.entries.first, first?.seq != segment.firstSeq + UInt64(skip) {
                index = SegmentIndex.load(path: segment.indexPath)
                skip = 0
            }
            guard index.headerValid else {
                if FileSystem.exists(segment.dataPath), FileSystem.size(segment.dataPath) ?? 0 > 0 {
                    records.onDamage(
                        StoreDamage(file: segment.indexName, problem: "index missing or damaged; segment skipped"))
                }
                entries = []
                position = 0
                return true
            }
            entries = index.entries
            firstEntryNumber = skip
            position = 0
            if let sinceTime = records.sinceTime {
                // Times never decrease: binary search the first entry at or after the wanted time.
                var low = 0
                var high = entries.count
                while low < high {
                    let middle = (low + high) / 2
                    if let entry = entries[middle], entry.time < sinceTime { low = middle + 1 } else { high = middle }
                }
                position = low
            }
            data = try? FileDescriptor.open(segment.dataPath, .readOnly)
            if data == nil { entries = [] }
            return true
        }

        /// The line for `entry`, checked against its CRC-32C; nil (reported) when damaged.
        private mutating func read(_ entry: IndexEntry, number: Int) -> StoredRecord? {
            let segment = currentSegment
            if serving == nil, entry.offset < chunkStart || entry.end > chunkStart + Int64(chunkCount) { fill(from: number) }
            let start = Int(entry.offset - chunkStart)
            let end = Int(entry.end - chunkStart)
            func damage(_ problem: String) -> StoredRecord? {
                records.onDamage(
                    StoreDamage(
                        file: segment.dataName, offset: entry.offset, line: firstEntryNumber + number + 1,
                        seq: entry.seq,
                        problem: problem))
                return nil
            }
            guard start >= 0, end <= (serving?.dataSize ?? chunkCount), end > start else {
                return damage("the index points past the end of the data; record skipped")
            }
            let verify = serving == nil
            let (valid, header, line) = withData { raw -> (Bool, (seq: UInt64, kind: String)?, [UInt8]) in
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                guard !verify || CRC32C.checksum(line) == entry.crc, line[line.count - 1] == 0x0A else {
                    return (false, nil, [])
                }
                let body = UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 1)])
                return (true, RecordLine.header(body), Array(body))
            }
            guard valid else { return damage("checksum mismatch; record skipped") }
            if let serving, end - released >= Self.chunkBytes {
                // Copied out: the mapping's pages behind this line need not stay in the process's memory.
                serving.data.releasePages(before: end)
                released = end
            }
            guard let header, header.seq == entry.seq else {
                return damage("the line's seq does not match the index; record skipped")
            }
            return StoredRecord(
                seq: entry.seq, kind: header.kind, line: line, time: Date(timeIntervalSince1970: Double(entry.time) / 1000))
        }

        /// The bytes lines are taken from: the checked segment's data, or the chunk last read from the file.
        private func withData<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            if let serving { return body(serving.bytes) }
            return chunk.bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<chunkCount])) }
        }

        /// Reads the data covering entries from `number` on, up to about `chunkBytes` (at least one whole entry).
        private mutating func fill(from number: Int) {
            guard let data, let first = entries[number] else { return }
            var end = first.end
            var k = number + 1
            while k < entries.count, let entry = entries[k], entry.offset == end,
                entry.end - first.offset <= Int64(Self.chunkBytes)
            {
                end = entry.end
                k += 1
            }
            let count = Int(end - first.offset)
            if chunk.bytes.count < count { chunk.bytes = [UInt8](repeating: 0, count: Swift.max(count, Self.chunkBytes)) }
            let read = chunk.bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(Errno) in
                    try data.pread(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<count]), at: first.offset)
                }
            }
            chunkStart = first.offset
            chunkCount = (try? read.get()) ?? 0
        }
    }
}

/// The memory a `JournalRecords` iteration reads data into, kept between iterations by a caller that owns it.
/// Unchecked Sendable: one iteration at a time uses it (its owner's queue).
package final class JournalReadBuffer: @unchecked Sendable {
    var bytes: [UInt8] = []

    package init() {}
}
