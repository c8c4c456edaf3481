import FeeddCore

extension DedupeState {
    /// The verdict for `article` (see `DedupeIndex.check`). Mutates only the guid-stability bookkeeping.
    mutating func check(_ article: Article, digest: TextDigest? = nil) -> DedupeDecision {
        let features = features(of: article, digest: digest)

        // 1. The same item in the same source: guid → canonical URL → title and date.
        var match: Int?
        var matchedByGUID = false
        var urlRecord: Int?
        if let urlKey = features.urlKey { urlRecord = record(forKey: urlKey) }
        if let source = features.source {
            let trustGUID = !unstableSources.contains(source)
            if trustGUID, let guidKey = features.guidKey, let record = record(forKey: guidKey),
                self.source(of: record) == source
            {
                match = record
                matchedByGUID = true
            }
            if match == nil, let record = urlRecord, self.source(of: record) == source { match = record }
            if match == nil, let titleKey = features.titleKey, let record = record(forKey: titleKey),
                self.source(of: record) == source
            {
                match = record
            }
        }
        if let record = match {
            let changed = Self.changed(old: tags[record], title: features.titleTag, text: features.textTag)
            if !changed && !matchedByGUID && features.guidKey != nil && meta[record] & Flag.hasGUID != 0 {
                noteGUIDStrike(features)
            }
            return changed ? .revision(of: idString(record), revision: revision(of: record) + 1)
                : .duplicate(of: idString(record))
        }

        // 2. The same canonical URL or the same text elsewhere.
        if let record = urlRecord { return .duplicate(of: idString(record)) }
        let matches = textMatches(features)
        if let record = matches.same { return .duplicate(of: idString(record)) }

        // 3. A near-identical text from another source.
        if let record = matches.near { return .nearDuplicate(of: idString(record)) }
        return .new
    }

    /// A real change: a title or text that both versions have and that differs.
    static func changed(old: UInt32, title: UInt32, text: UInt32) -> Bool {
        let oldTitle = old >> 16
        let oldText = old & 0xFFFF
        return (oldTitle != 0 && title != 0 && oldTitle != title) || (oldText != 0 && text != 0 && oldText != text)
    }

    private mutating func noteGUIDStrike(_ features: Features) {
        guard let source = features.source, !unstableSources.contains(source) else { return }
        let strikes = (guidStrikes[source] ?? 0) + 1
        guidStrikes[source] = strikes
        if strikes >= settings.unstableGuidStrikes {
            unstableSources.insert(source)
            newlyUnstable.append(features.sourceName)
        }
    }

    /// Records a stored article: a new record, or the new revision of an existing id.
    mutating func insert(_ article: Article, digest: TextDigest? = nil) {
        let features = features(of: article, digest: digest)
        let id: UInt64
        if let value = Self.idValue(article.id) {
            id = value
        } else {
            id = StableHash.hash64(article.id)
            foreignIDs[id] = article.id
        }
        let source = sourceNumber(article.source)
        let digest = features.digest
        let indexText = digest.wordCount > 0 && digest.wordCount >= settings.minExactTextLength

        if let record = idTable.find(id, ids: ids) {
            // A revision (or the same record inserted again): take the newer title, text and fingerprint.
            var titleTag = tags[record] >> 16
            var textTag = tags[record] & 0xFFFF
            if features.titleTag != 0 { titleTag = features.titleTag }
            if features.textTag != 0 { textTag = features.textTag }
            tags[record] = titleTag << 16 | textTag
            if article.revision > revision(of: record) { revisions[Int32(record)] = Int32(article.revision) }
            if indexText, fingerprints[record] != digest.simhash || meta[record] & Flag.indexedText == 0 {
                if meta[record] & Flag.indexedText != 0 { buckets.unlink(record, fingerprint: fingerprints[record]) }
                fingerprints[record] = digest.simhash
                buckets.link(record, fingerprint: digest.simhash)
                meta[record] |= Flag.indexedText
                if digest.wordCount >= settings.minTextLength { meta[record] |= Flag.longText }
            }
            if features.guidKey != nil { meta[record] |= Flag.hasGUID }
            linkInBands(record, digest: digest)
            addKeys(features, record: record, id: id)
            return
        }

        let record = ids.count
        if recordArraysFull { reserve(Self.growth(ids.count + 1)) }
        ids.append(id)
        fingerprints.append(indexText ? digest.simhash : 0)
        tags.append(features.titleTag << 16 | features.textTag)
        var flags = source
        if features.guidKey != nil { flags |= Flag.hasGUID }
        if indexText { flags |= Flag.indexedText }
        if indexText && digest.wordCount >= settings.minTextLength { flags |= Flag.longText }
        if article.duplicateOf != nil { flags |= Flag.markedDuplicate }
        meta.append(flags)
        if article.revision > 1 { revisions[Int32(record)] = Int32(article.revision) }
        idTable.insert(id, record: record, ids: ids)
        buckets.ensure(record: record, growth: Self.growth)
        bands.ensure(record: record, growth: Self.growth)
        if indexText { buckets.link(record, fingerprint: digest.simhash) }
        linkInBands(record, digest: digest)
        addKeys(features, record: record, id: id)
    }

    /// Links a long text that is not itself a marked copy in the MinHash bands, once (see `MinHashBands`).
    private mutating func linkInBands(_ record: Int, digest: TextDigest) {
        let flags = meta[record]
        guard flags & (Flag.inBands | Flag.markedDuplicate) == 0, flags & Flag.longText != 0,
            digest.minhash.shingles > 0
        else { return }
        bands.link(record, sketch: digest.minhash)
        meta[record] |= Flag.inBands
    }

    /// Makes the article's URL, guid and title keys lead to `record`, unless they already lead somewhere.
    private mutating func addKeys(_ features: Features, record: Int, id: UInt64) {
        addKey(features.urlKey, record: record, id: id)
        addKey(features.guidKey, record: record, id: id)
        addKey(features.titleKey, record: record, id: id)
    }

    private mutating func addKey(_ key: UInt64?, record: Int, id: UInt64) {
        guard let key, key != id, self.record(forKey: key) == nil else { return }
        keyTable.insert(key, record: record)
    }
}
