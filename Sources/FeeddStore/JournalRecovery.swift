import FeeddCore
import FeeddSystem
import Foundation

/// What `Journal.open` (and recovery after a write error) does before any append: make the files agree
/// with each other and with what was durably written. Data is the truth; sidecar indexes are derived
/// from it and repaired from it, never the other way round. Every repair is logged as `store_repaired`.
enum JournalRecovery {
    /// Where the writer continues, and the active segment as recovery read and checked it.
    struct Outcome {
        var position: WriterPosition
        var active: CheckedSegment?
    }

    static func run(directory: String, logger: Logger) throws(StoreError) -> Outcome {
        for name in SegmentFile.orphanIndexes(in: directory) {
            try? FileSystem.remove(directory + "/" + name)
            logger.notice("store_repaired", ["file": name, "action": "remove_orphan_index"])
        }
        let segments = try SegmentFile.list(in: directory)
        guard let active = segments.last else { return Outcome(position: WriterPosition()) }
        var previousLast: UInt64?
        for segment in segments.dropLast() {
            let last = try checkSealed(segment, logger: logger)
            if let previousLast, segment.firstSeq != previousLast + 1 {
                logger.error(
                    "store_damage",
                    [
                        "file": segment.dataName, "expected_seq": previousLast + 1,
                        "seq": segment.firstSeq,
                    ],
                    "seq gap between segments; run feedd verify")
            }
            previousLast = last ?? previousLast
        }
        let (position, checked) = try rebuild(active, sealed: false, logger: logger)
        return Outcome(position: position, active: checked)
    }

    /// A sealed segment is trusted when its index covers exactly its data; otherwise the index is rebuilt.
    /// Returns the segment's last seq. Checksums of sealed data are left to readers and `feedd verify`.
    private static func checkSealed(_ segment: SegmentFile, logger: Logger) throws(StoreError) -> UInt64? {
        let dataSize = FileSystem.size(segment.dataPath) ?? 0
        let indexSize = FileSystem.size(segment.indexPath)
        if let indexSize, (indexSize - Int64(IndexEntry.headerSize)) % Int64(IndexEntry.size) == 0 {
            let count = (indexSize - Int64(IndexEntry.headerSize)) / Int64(IndexEntry.size)
            if dataSize == 0 && count == 0 && SegmentIndex.load(path: segment.indexPath).headerValid { return nil }
            if let first = SegmentIndex.firstEntry(path: segment.indexPath),
                let last = SegmentIndex.lastEntry(path: segment.indexPath),
                first.seq == segment.firstSeq, first.offset == 0, last.end == dataSize,
                last.seq - first.seq == UInt64(count - 1)
            {
                return last.seq
            }
        }
        let (position, _) = try rebuild(segment, sealed: true, logger: logger)
        return position.indexCount > 0 ? position.nextSeq - 1 : nil
    }

    /// Repairs a segment from its data. The active (last) one: keep the index prefix that agrees with the data,
    /// check its checksums, index complete valid lines after it, cut a torn or invalid tail, and sync both files;
    /// its checked bytes and entries are returned, so that nothing needs to read them again.
    private static func rebuild(_ segment: SegmentFile, sealed: Bool, logger: Logger) throws(StoreError)
        -> (WriterPosition, CheckedSegment?)
    {
        let data: FileDescriptor
        do { data = try FileDescriptor.open(segment.dataPath, .readWrite) } catch {
            throw StoreError.system("open", path: segment.dataPath, error)
        }
        defer { data.close() }
        // Mapped, not read into a buffer: the pages come straight from the page cache. Nothing shortens the file
        // while it is mapped but the torn-tail cut below, which only drops bytes past `validEnd`, never read after.
        let mapped: MappedFile
        do { mapped = try MappedFile(data, count: Int(try data.size())) } catch {
            throw StoreError.system("read", path: segment.dataPath, error)
        }
        let raw = mapped.bytes
        let dataSize = Int64(raw.count)
        let index = SegmentIndex.load(path: segment.indexPath)

        // 1. The index prefix that agrees with the data (a checksum mismatch there is damage, not a torn tail).
        var kept: [IndexEntry] = []  // stops at the first entry that is damaged or disagrees
        var damaged: [IndexEntry] = []
        var expectedSeq = segment.firstSeq
        var expectedOffset: Int64 = 0
        if index.headerValid {
            for item in index.entries {
                guard let entry = item, entry.seq == expectedSeq, entry.offset == expectedOffset, entry.end <= dataSize,
                    entry.length > 0
                else { break }
                let matches =
                    CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[Int(entry.offset)..<Int(entry.end)])) == entry.crc
                if !matches { damaged.append(entry) }
                kept.append(entry)
                expectedSeq += 1
                expectedOffset = entry.end
            }
        }
        let droppedEntries = index.entries.count - kept.count
        for entry in damaged {
            let line = Array(raw[Int(entry.offset)..<Int(entry.end)])
            let saved = quarantine(line, segment: segment, offset: entry.offset)
            logger.error(
                "store_damage",
                [
                    "file": segment.dataName, "offset": entry.offset, "seq": entry.seq,
                    "quarantine": saved,
                ], "checksum mismatch in a stored record; it is excluded from reads, copied aside; run feedd verify")
        }

        // 2. Lines after the index: indexed when complete and valid, in seq order.
        var lastTime = kept.last?.time ?? 0
        var added: [IndexEntry] = []
        var offset = Int(expectedOffset)
        var validEnd = offset
        var quarantined: [String] = []
        do {
            while offset < raw.count {
                guard let newline = raw[offset...].firstIndex(of: 0x0A) else { break }
                let line = UnsafeRawBufferPointer(rebasing: raw[offset..<newline])
                if RecordLine.isValid(line, seq: expectedSeq) {
                    let time = max(lastTime, RecordLine.fetchedMilliseconds(line) ?? lastTime)
                    let full = UnsafeRawBufferPointer(rebasing: raw[offset...newline])
                    added.append(
                        IndexEntry(
                            seq: expectedSeq, offset: Int64(offset), time: time, length: UInt32(full.count),
                            crc: CRC32C.checksum(full)))
                    lastTime = time
                    expectedSeq += 1
                    offset = newline + 1
                    validEnd = offset
                } else if sealed {
                    // Sealed data is never cut: a bad line is set aside and the rest stays readable.
                    quarantined.append(
                        quarantine(Array(raw[offset...newline]), segment: segment, offset: Int64(offset)))
                    if let header = RecordLine.header(line), header.seq > expectedSeq { expectedSeq = header.seq }
                    offset = newline + 1
                } else {
                    break
                }
            }
        }
        if sealed && offset < raw.count {
            quarantined.append(quarantine(Array(raw[offset...]), segment: segment, offset: Int64(offset)))
        }
        let entries = kept + added

        // 3. Cut the active segment's tail that is torn or invalid; keep a copy when whole lines go.
        var truncated: Int64 = 0
        if !sealed && Int64(validEnd) < dataSize {
            let tail = Array(raw[validEnd...])
            if tail.contains(0x0A) {
                quarantined.append(quarantine(tail, segment: segment, offset: Int64(validEnd)))
            }
            truncated = dataSize - Int64(validEnd)
            do {
                try data.truncate(to: Int64(validEnd))
                try data.dataSync()
            } catch {
                throw StoreError.system("truncate the torn tail of", path: segment.dataPath, error)
            }
        }

        // 4. Write the index the data supports, then sync it.
        let indexChanged = !index.headerValid || droppedEntries > 0 || index.trailingBytes > 0 || !added.isEmpty
        if indexChanged {
            try writeIndex(segment, keeping: index.headerValid ? kept.count : 0, entries: entries, logger: logger)
        }
        if indexChanged || truncated > 0 || !quarantined.isEmpty {
            logger.notice(
                "store_repaired",
                [
                    "file": segment.dataName, "sealed": sealed, "truncated_bytes": truncated,
                    "index_rebuilt": !index.headerValid, "index_dropped": droppedEntries,
                    "index_added": added.count, "quarantined": quarantined.count,
                ],
                quarantined.isEmpty
                    ? "repaired the segment from its data"
                    : "repaired the segment; damaged lines were copied to \(quarantined.joined(separator: ", "))")
        }
        if !quarantined.isEmpty && sealed {
            logger.error(
                "store_damage", ["file": segment.dataName, "quarantined": quarantined.count],
                "damaged lines in a sealed segment were set aside; run feedd verify")
        }
        var position = WriterPosition(segment: segment)
        position.dataSize = Int64(validEnd)
        if sealed { position.dataSize = dataSize }
        position.indexCount = entries.count
        position.nextSeq = (entries.last?.seq).map { $0 + 1 } ?? segment.firstSeq
        position.firstTime = entries.first?.time
        position.lastTime = entries.last?.time ?? 0
        guard !sealed else { return (position, nil) }
        // Damaged entries stay in the index (`feedd verify` reports them) but are never served.
        let served = damaged.isEmpty ? entries : entries.filter { entry in !damaged.contains { $0.seq == entry.seq } }
        // Checked: the pages leave the process's memory until the reader that follows maps them back one by one
        // (from the page cache), so the open's peak memory is the larger of the two passes, not their sum.
        mapped.releasePages(before: validEnd)
        return (position, CheckedSegment(segment: segment, data: mapped, dataSize: validEnd, entries: served))
    }

    /// Rewrites the index: the first `keeping` entries stay as they are, the rest are written fresh.
    private static func writeIndex(_ segment: SegmentFile, keeping: Int, entries: [IndexEntry], logger: Logger)
        throws(StoreError)
    {
        let path = segment.indexPath
        do {
            let fd = try FileDescriptor.open(path, [.readWrite, .create], mode: 0o644)
            defer { fd.close() }
            var buffer: [UInt8] = keeping == 0 ? IndexEntry.header : []
            for entry in entries[keeping...] { entry.encode(into: &buffer) }
            let start = keeping == 0 ? Int64(0) : Int64(IndexEntry.headerSize + keeping * IndexEntry.size)
            try fd.truncate(to: start)
            try fd.pwrite(buffer, at: start)
            try fd.dataSync()
            try FileSystem.syncDirectory(segment.directory)
        } catch {
            throw StoreError.system("rewrite the index", path: path, error)
        }
    }

    /// Copies damaged bytes to `quarantine/<segment>-<offset>.bad` (synced) and returns that path;
    /// the original stays where it was, excluded from reads by its checksum or cut from the active tail.
    @discardableResult
    static func quarantine(_ bytes: [UInt8], segment: SegmentFile, offset: Int64) -> String {
        let directory = segment.directory + "/quarantine"
        try? FileSystem.createDirectory(directory)
        let path = "\(directory)/\(segment.baseName)-\(offset).bad"
        if !FileSystem.exists(path) {
            try? FileSystem.writeAtomically(bytes, to: path)
            try? FileSystem.syncDirectory(segment.directory)
        }
        return path
    }
}
