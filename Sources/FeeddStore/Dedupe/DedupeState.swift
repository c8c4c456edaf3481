import FeeddCore
import Foundation

/// The dedupe index's data, as parallel arrays indexed by record number (one record per stored article id)
/// plus lookup tables. Per record: id 8 bytes, fingerprint 8, title and text tags 4, source and flags 4,
/// a SimHash chain link 4, the MinHash bins and bands 66 (`MinHashBands`); the id and key tables add about
/// 4 and 8 bytes per entry at their load. docs/DEDUPE.md has the budget.
struct DedupeState {
    let settings: DedupeSettings

    // Records.
    var ids: [UInt64] = []
    var fingerprints: [UInt64] = []
    /// High 16 bits: title tag; low 16 bits: text tag (0 = absent). Enough to notice a real change.
    var tags: [UInt32] = []
    /// Low 24 bits: source number; high 8 bits: `Flag`s.
    var meta: [UInt32] = []
    /// Latest revision of the records that have more than one.
    var revisions: [Int32: Int32] = [:]

    // Lookups.
    var idTable: IDTable
    var keyTable: KeyTable
    /// Same-text lookup: records by their whole 64-bit SimHash (one block).
    var buckets: SimHashBuckets
    /// Near-duplicate lookup by containment.
    var bands: MinHashBands

    // Sources.
    var sourceNumbers: [String: UInt32] = [:]
    var sourceNames: [String] = []
    var guidStrikes: [UInt32: Int] = [:]
    var unstableSources: Set<UInt32> = []
    var newlyUnstable: [String] = []

    /// Ids that are not 16 hex digits (not made by ArticleIdentity), by the 64-bit value stored for them.
    var foreignIDs: [UInt64: String] = [:]

    /// The last text digested, so `insert` after `check` of the same article does not digest it again.
    var lastDigest: (text: String, fingerprint: UInt64?, minhash: MinHashSketch?, digest: TextDigest)?
    /// The last article's keys, for the same reason.
    var lastKeys: (fields: KeyFields, keys: Keys)?

    enum Flag {
        static let hasGUID: UInt32 = 1 << 24
        /// Linked in the SimHash chains (text of at least `minExactTextLength` words).
        static let indexedText: UInt32 = 1 << 25
        /// Text of at least `minTextLength` words: may be the target of a near-duplicate verdict.
        static let longText: UInt32 = 1 << 26
        /// Stored with `duplicate_of`: not the target of a near-duplicate verdict (its original is).
        static let markedDuplicate: UInt32 = 1 << 27
        /// Linked in the MinHash bands (a possible near-duplicate target).
        static let inBands: UInt32 = 1 << 28
        static let sourceMask: UInt32 = (1 << 24) - 1
    }

    /// A state for a few hundred articles at most (those waiting for the journal): small lookup tables, so
    /// making one costs kilobytes, not the 8 MiB of the index's chain heads.
    static func small(settings: DedupeSettings) -> DedupeState { DedupeState(settings: settings, small: true) }

    init(settings: DedupeSettings, expectedCount: Int = 0, small: Bool = false) {
        self.settings = settings
        buckets = small ? SimHashBuckets(blocks: 1, maximumHeadBits: 10) : SimHashBuckets(blocks: 1)
        bands = small ? MinHashBands(headBits: 8) : MinHashBands()
        idTable = IDTable(minimumCount: expectedCount)
        keyTable = KeyTable(minimumCount: expectedCount)
        if expectedCount > 0 { reserve(expectedCount) }
    }

    var count: Int { ids.count }

    // MARK: - Article features

    /// What the index compares, derived from one article.
    struct Features {
        var source: UInt32?
        var sourceName: String
        var urlKey: UInt64?
        var guidKey: UInt64?
        var titleKey: UInt64?
        var titleTag: UInt32
        var textTag: UInt32
        var digest: TextDigest
    }

    mutating func features(of article: Article, digest given: TextDigest? = nil) -> Features {
        let keys = keys(of: article)
        let digest: TextDigest
        if var given {
            if let fingerprint = article.fingerprint { given.simhash = fingerprint }
            if let minhash = article.minhash { given.minhash = minhash }
            digest = given
        } else {
            digest = self.digest(of: article)
        }
        return Features(
            source: sourceNumbers[article.source], sourceName: article.source, urlKey: keys.url,
            guidKey: keys.guid, titleKey: keys.title, titleTag: keys.titleTag, textTag: Self.tag16(digest.exactHash),
            digest: digest)
    }

    /// The hashed identity keys of an article. `insert` follows `check` of the same article: the last
    /// result is kept, and reused when the identity fields are the same strings.
    struct Keys {
        var url: UInt64?
        var guid: UInt64?
        var title: UInt64?
        var titleTag: UInt32
    }

    struct KeyFields: Equatable {
        var source: String
        var url: String?
        var guid: String?
        var title: String?
        var published: Date?
    }

    mutating func keys(of article: Article) -> Keys {
        let fields = KeyFields(
            source: article.source, url: article.url, guid: article.guid, title: article.title,
            published: article.publishedEstimated ? nil : article.published)
        if let last = lastKeys, last.fields == fields { return last.keys }
        let url = fields.url.flatMap { $0.isEmpty ? nil : $0 }
        let keys = Keys(
            url: url.map(ArticleIdentity.urlKey),
            guid: fields.guid.flatMap { ArticleIdentity.guidKey(source: fields.source, guid: $0) },
            title: url == nil
                ? ArticleIdentity.titleKey(source: fields.source, title: fields.title, published: fields.published) : nil,
            titleTag: Self.tag16(TextDigest(fields.title ?? "", computeSimHash: false).exactHash))
        lastKeys = (fields, keys)
        return keys
    }

    /// 16 bits of a hash, never 0 for a present value (0 means absent).
    static func tag16(_ hash: UInt64) -> UInt32 {
        guard hash != 0 else { return 0 }
        let tag = UInt32(truncatingIfNeeded: hash >> 48)
        return tag == 0 ? 1 : tag
    }

    mutating func digest(of article: Article) -> TextDigest {
        if let stored = article.storedTextDigest { return stored }
        let text = article.text ?? ""
        if let last = lastDigest, last.fingerprint == article.fingerprint, last.minhash == article.minhash,
            last.text == text
        {
            return last.digest
        }
        let digest = article.completedTextDigest
        lastDigest = (text, article.fingerprint, article.minhash, digest)
        return digest
    }

    // MARK: - Lookups

    func record(forKey key: UInt64) -> Int? {
        idTable.find(key, ids: ids) ?? keyTable.find(key)
    }

    func source(of record: Int) -> UInt32 { meta[record] & Flag.sourceMask }

    func revision(of record: Int) -> Int { Int(revisions[Int32(record)] ?? 1) }

    func idString(_ record: Int) -> String {
        let id = ids[record]
        return foreignIDs[id] ?? Fingerprint.hex(id)
    }

    /// A record with the same text (same fingerprint and text tag, any source), else the long text from
    /// another source that contains the most of this one or is most contained in it, when that containment
    /// reaches the threshold (earliest on ties).
    func textMatches(_ features: Features) -> (same: Int?, near: Int?) {
        guard features.digest.wordCount >= settings.minExactTextLength, features.digest.wordCount > 0
        else { return (nil, nil) }
        let fingerprint = features.digest.simhash
        let textTag = features.textTag
        var same: Int?
        fingerprints.withUnsafeBufferPointer { prints in
            meta.withUnsafeBufferPointer { meta in
                tags.withUnsafeBufferPointer { tags in
                    buckets.forEachInChain(fingerprint, block: 0) { record in
                        guard prints[record] == fingerprint, tags[record] & 0xFFFF == textTag,
                            meta[record] & Flag.indexedText != 0
                        else { return true }
                        same = record
                        return false
                    }
                }
            }
        }
        if same != nil { return (same, nil) }
        guard settings.nearDuplicateContainment >= 0, features.digest.wordCount >= settings.minTextLength
        else { return (nil, nil) }
        return (nil, containing(features))
    }

    /// The near-duplicate target of `features` by containment (see `textMatches`).
    func containing(_ features: Features) -> Int? {
        let sketch = features.digest.minhash
        guard sketch.shingles > 0 else { return nil }
        let query = MinHashBands.lowBytes(sketch.bins)
        let ownSource = features.source ?? UInt32.max
        var best: Int?
        var bestContainment = settings.nearDuplicateContainment
        meta.withUnsafeBufferPointer { meta in
            bands.forEachCandidate(sketch) { record in
                let flags = meta[record]
                guard flags & Flag.inBands != 0, flags & Flag.markedDuplicate == 0,
                    flags & Flag.sourceMask != ownSource
                else { return }
                let matches = bands.matches(record, query)
                guard matches >= settings.minimumMatchingBins else { return }
                let containment = MinHashSketch.containment(
                    jaccard: MinHashSketch.resemblance(matches: matches, bits: 8), sketch.shingles,
                    Int(bands.sizes[record]))
                if containment > bestContainment || (containment == bestContainment && (best.map { record < $0 } ?? true)) {
                    best = record
                    bestContainment = containment
                }
            }
        }
        return best
    }

    // MARK: - Storage

    /// Record arrays grow by 1/8: less slack than doubling, and copying 40 bytes a few more times is cheap.
    static func growth(_ needed: Int) -> Int { max(needed, 1024, needed + needed / 8) }

    /// True when any record array is full (their capacities are rounded differently by the allocator).
    var recordArraysFull: Bool {
        ids.count == ids.capacity || fingerprints.count == fingerprints.capacity || tags.count == tags.capacity
            || meta.count == meta.capacity
    }

    mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        fingerprints.reserveCapacity(count)
        tags.reserveCapacity(count)
        meta.reserveCapacity(count)
        buckets.reserve(records: count)
        bands.reserve(records: count)
    }

    mutating func sourceNumber(_ name: String) -> UInt32 {
        if let number = sourceNumbers[name] { return number }
        // Past 16 million names, sources share numbers; only same-source tests get looser.
        let number = UInt32(sourceNames.count) & Flag.sourceMask
        sourceNumbers[name] = number
        sourceNames.append(name)
        return number
    }

    static func idValue(_ id: String) -> UInt64? {
        guard id.utf8.count == 16, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return UInt64(id, radix: 16)
    }

    var memoryBytes: Int { memoryBreakdown.reduce(0) { $0 + $1.bytes } }

    /// Where the bytes are (capacities, not counts).
    var memoryBreakdown: [(part: String, bytes: Int)] {
        [
            ("record ids", ids.capacity * 8),
            ("record fingerprints", fingerprints.capacity * 8),
            ("record tags and flags", tags.capacity * 4 + meta.capacity * 4),
            ("simhash chain links", buckets.memoryBytes - buckets.fixedMemoryBytes),
            ("simhash chain heads", buckets.fixedMemoryBytes),
            ("minhash bins (8 bits) and sizes", bands.sketchMemoryBytes),
            ("minhash band links", bands.linkMemoryBytes),
            ("minhash band heads", bands.fixedMemoryBytes),
            ("id table", idTable.memoryBytes),
            ("key table", keyTable.memoryBytes),
            // Dictionaries: about two words per slot plus the element, at their load.
            ("revisions, sources, other", revisions.capacity * 16 + foreignIDs.count * 64 + guidStrikes.capacity * 24
                + sourceNames.reduce(0) { $0 + 64 + $1.utf8.count } + sourceNumbers.capacity * 32),
        ]
    }
}
