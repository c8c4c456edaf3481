import FeeddSystem

/// A segment's data and index entries exactly as `Journal.open`'s recovery read them and checked them against
/// their CRC-32C, so that the pass that follows the open (rebuilding the dedupe index) need not read them again.
struct CheckedSegment: Sendable {
    let segment: SegmentFile
    /// The segment's data as recovery mapped it; only its first `dataSize` bytes are valid (a torn tail is cut).
    let data: MappedFile
    let dataSize: Int
    /// Every entry whose line matched its checksum, in seq order; damaged ones are left out.
    let entries: [IndexEntry]

    /// The valid data.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: data.bytes[..<dataSize]) }
}
