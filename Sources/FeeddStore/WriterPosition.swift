/// Where the writer continues: the active segment and what it already holds.
struct WriterPosition: Sendable {
    /// nil for an empty store: the first append creates the first segment.
    var segment: SegmentFile?
    var dataSize: Int64 = 0
    var indexCount: Int = 0
    var nextSeq: UInt64 = 1
    /// Stored time (ms) of the segment's first record, for the age limit.
    var firstTime: Int64?
    /// Stored time (ms) of the newest record; times never decrease.
    var lastTime: Int64 = 0
}
