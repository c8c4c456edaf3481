/// A segment's data and index entries exactly as `Journal.open`'s recovery read them and checked them against
/// their CRC-32C, so that the pass that follows the open (rebuilding the dedupe index) need not read them again.
struct CheckedSegment: Sendable {
    let segment: SegmentFile
    /// The segment's valid data, from offset 0 (a torn tail already cut).
    let bytes: [UInt8]
    /// Every entry whose line matched its checksum, in seq order; damaged ones are left out.
    let entries: [IndexEntry]
}
