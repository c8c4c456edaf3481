import FeeddSystem

/// The decoded sidecar index of one segment.
package struct SegmentIndex: Sendable {
    /// Every complete entry in file order; nil where an entry's own checksum failed.
    package var entries: [IndexEntry?]
    /// False when the file is missing or its header is not feedd's.
    package var headerValid: Bool
    /// Bytes after the last complete entry (a write in progress, or a torn one).
    package var trailingBytes: Int

    /// Reads the index at `path` from entry `first` on (0 for all).
    package static func load(path: String, from first: Int = 0) -> SegmentIndex {
        guard let fd = try? FileDescriptor.open(path, .readOnly) else {
            return SegmentIndex(entries: [], headerValid: false, trailingBytes: 0)
        }
        defer { fd.close() }
        guard let header = try? fd.pread(count: IndexEntry.headerSize, at: 0), header == IndexEntry.header else {
            return SegmentIndex(entries: [], headerValid: false, trailingBytes: 0)
        }
        let size = (try? fd.size()) ?? 0
        let start = Int64(IndexEntry.headerSize + first * IndexEntry.size)
        guard size > start, let bytes = try? fd.pread(count: Int(size - start), at: start) else {
            return SegmentIndex(entries: [], headerValid: true, trailingBytes: 0)
        }
        let count = bytes.count / IndexEntry.size
        let entries = bytes.withUnsafeBytes { raw in
            (0..<count).map { IndexEntry.decode(raw, at: $0 * IndexEntry.size) }
        }
        return SegmentIndex(entries: entries, headerValid: true, trailingBytes: bytes.count % IndexEntry.size)
    }

    /// The last complete entry of the index at `path`, read without loading the rest.
    package static func lastEntry(path: String) -> IndexEntry? {
        guard let fd = try? FileDescriptor.open(path, .readOnly) else { return nil }
        defer { fd.close() }
        guard let size = try? fd.size(), size >= Int64(IndexEntry.headerSize + IndexEntry.size) else { return nil }
        let count = (size - Int64(IndexEntry.headerSize)) / Int64(IndexEntry.size)
        let at = Int64(IndexEntry.headerSize) + (count - 1) * Int64(IndexEntry.size)
        guard let bytes = try? fd.pread(count: IndexEntry.size, at: at) else { return nil }
        return bytes.withUnsafeBytes { IndexEntry.decode($0, at: 0) }
    }

    /// The first entry, read without loading the rest.
    package static func firstEntry(path: String) -> IndexEntry? {
        guard let fd = try? FileDescriptor.open(path, .readOnly) else { return nil }
        defer { fd.close() }
        guard let bytes = try? fd.pread(count: IndexEntry.headerSize + IndexEntry.size, at: 0),
            bytes.count == IndexEntry.headerSize + IndexEntry.size,
            Array(bytes.prefix(IndexEntry.headerSize)) == IndexEntry.header
        else { return nil }
        return bytes.withUnsafeBytes { IndexEntry.decode($0, at: IndexEntry.headerSize) }
    }
}
