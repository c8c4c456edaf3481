import FeeddCore

/// Exact dedupe across instances: an article claims its exact keys ("url:<hex>", "text:<hex>") in the
/// `<prefix>-dedupe` bucket with create-if-absent, so when two instances store the same story at once only
/// one claim wins and the other learns whose article it is. Generic: keys and ids are opaque strings.
package final class DedupeClaims: Sendable {
    package let bucket: KeyValueBucket

    /// Opens (or creates) `<prefix>-dedupe`; `ttl` seconds bounds how long a claim is remembered (nil: for ever).
    package init(connection: NATSConnection, prefix: String, ttl: Double? = nil, logger: Logger) throws(OutputError) {
        bucket = try KeyValueBucket.open(
            connection: connection, prefix: prefix, role: "dedupe", ttl: ttl, logger: logger)
    }

    /// Claims every claim's keys for its owner, all in one round trip (`KeyValueBucket.createAll`), and returns
    /// for each claim, in order, the keys another id already held, with that id. A key the owner itself holds
    /// counts as claimed, so a claim retried after a lost reply gives the same answer. When it throws, nothing
    /// is known of any claim: the keys it created hold their owner, so a retry counts them as claimed.
    package func claimAll(_ claims: [(keys: [String], owner: String)], timeout: Double = 5) throws(OutputError)
        -> [[String: String]]
    {
        var entries: [(key: String, value: [UInt8])] = []
        for claim in claims {
            let value = Array(claim.owner.utf8)
            for key in claim.keys { entries.append((KeyEncoding.encode(key), value)) }
        }
        let results = try bucket.createAll(entries, timeout: timeout)
        var held: [[String: String]] = []
        held.reserveCapacity(claims.count)
        var index = 0
        for claim in claims {
            var own: [String: String] = [:]
            for key in claim.keys {
                if case .exists(let entry) = results[index], entry.value != entries[index].value {
                    own[key] = String(decoding: entry.value, as: UTF8.self)
                }
                index += 1
            }
            held.append(own)
        }
        return held
    }

    /// The id holding `key`, nil when nobody does.
    package func holder(of key: String) throws(OutputError) -> String? {
        try bucket.get(KeyEncoding.encode(key)).map { String(decoding: $0.value, as: UTF8.self) }
    }

    /// Gives up `owner`'s claims on `keys` (an article deleted or never stored), leaving others' claims alone.
    package func release(_ keys: [String], owner: String) throws(OutputError) {
        for key in keys {
            let encoded = KeyEncoding.encode(key)
            guard let entry = try bucket.get(encoded), entry.value == Array(owner.utf8) else { continue }
            try bucket.delete(encoded)
        }
    }
}
