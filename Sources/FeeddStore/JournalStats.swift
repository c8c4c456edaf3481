import FeeddSystem
import Foundation

/// Counts from the sidecar indexes alone, without reading the data.
package struct JournalStats: Sendable {
    package var segments = 0
    package var records = 0
    package var bytes: Int64 = 0
    package var oldestSeq: UInt64?
    package var newestSeq: UInt64?
    package var oldestTime: Date?
    package var newestTime: Date?

    package init(directory: String) throws(StoreError) {
        for segment in try SegmentFile.list(in: directory) {
            segments += 1
            bytes += FileSystem.size(segment.dataPath) ?? 0
            let indexSize = FileSystem.size(segment.indexPath) ?? 0
            records += Swift.max(0, Int(indexSize) - IndexEntry.headerSize) / IndexEntry.size
            if oldestSeq == nil, let first = SegmentIndex.firstEntry(path: segment.indexPath) {
                oldestSeq = first.seq
                oldestTime = Date(timeIntervalSince1970: Double(first.time) / 1000)
            }
            if let last = SegmentIndex.lastEntry(path: segment.indexPath) {
                newestSeq = last.seq
                newestTime = Date(timeIntervalSince1970: Double(last.time) / 1000)
            }
        }
    }
}
