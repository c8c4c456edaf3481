import Foundation

extension Article {
    /// Writes the article's fields (without the surrounding braces) in the documented order,
    /// so the journal can prefix its own framing fields (`seq`, `kind`).
    package func writeFields(to json: inout JSONWriter) {
        json.field("id", id)
        json.field("source", source)
        json.field("url", url)
        json.field("guid", guid)
        json.field("title", title)
        json.field("author", author)
        json.field("published", published.map(RFC3339.format))
        if publishedEstimated { json.field("published_estimated", true) }
        json.field("updated", updated.map(RFC3339.format))
        json.field("fetched", RFC3339.format(fetched))
        json.field("language", language)
        json.field("summary", summary)
        json.field("content", content)
        json.field("text", text)
        json.field("categories", categories)
        json.field("image", image)
        json.key("enclosures")
        Enclosure.write(enclosures, to: &json)
        json.field("tags", tags)
        json.field("fingerprint", fingerprint.map { Fingerprint.hex($0) })
        json.field("text_hash", textHash.map { Fingerprint.hex($0) })
        json.field("word_count", wordCount)
        if let minhash {
            json.field("minhash", minhash.hex)
            json.field("shingles", minhash.shingles)
        }
        json.field("revision", revision)
        if let duplicateOf { json.field("duplicate_of", duplicateOf) }
    }

    /// The article as one JSON object (no trailing newline).
    package var jsonObject: String {
        var json = JSONWriter()
        json.beginObject()
        writeFields(to: &json)
        json.endObject()
        return json.output
    }

    /// Reads an article back from a decoded journal record. Returns nil when required fields are missing.
    package init?(record: [String: Any]) {
        guard let id = record["id"] as? String, let source = record["source"] as? String,
            let fetchedText = record["fetched"] as? String, let fetched = RFC3339.parse(fetchedText)
        else { return nil }
        func string(_ key: String) -> String? { record[key] as? String }
        func date(_ key: String) -> Date? { string(key).flatMap(RFC3339.parse) }
        self.init(
            id: id, source: source, url: string("url"), guid: string("guid"), title: string("title"),
            author: string("author"), published: date("published"),
            publishedEstimated: record["published_estimated"] as? Bool ?? false, updated: date("updated"),
            fetched: fetched, language: string("language"), summary: string("summary"),
            content: string("content"), text: string("text"),
            categories: record["categories"] as? [String] ?? [], image: string("image"),
            enclosures: (record["enclosures"] as? [[String: Any]] ?? []).compactMap { item in
                guard let url = item["url"] as? String else { return nil }
                return Enclosure(
                    url: url, type: item["type"] as? String, length: (item["length"] as? NSNumber)?.int64Value,
                    duration: (item["duration"] as? NSNumber)?.intValue)
            },
            tags: record["tags"] as? [String] ?? [],
            fingerprint: string("fingerprint").flatMap { UInt64($0, radix: 16) },
            textHash: string("text_hash").flatMap { UInt64($0, radix: 16) },
            wordCount: (record["word_count"] as? NSNumber)?.intValue,
            minhash: string("minhash").flatMap {
                MinHashSketch(hex: $0, shingles: (record["shingles"] as? NSNumber)?.intValue ?? 0)
            },
            revision: (record["revision"] as? NSNumber)?.intValue ?? 1, duplicateOf: string("duplicate_of"))
    }
}

extension Enclosure {
    /// `[{"url","type","length"[,"duration"]}, …]`, the form both the journal and `feedd parse` print.
    /// `duration` only when known, so records without one keep their earlier bytes.
    package static func write(_ enclosures: [Enclosure], to json: inout JSONWriter) {
        json.beginArray()
        for enclosure in enclosures {
            json.beginObject()
            json.field("url", enclosure.url)
            json.field("type", enclosure.type)
            json.field("length", enclosure.length)
            if let duration = enclosure.duration { json.field("duration", duration) }
            json.endObject()
        }
        json.endArray()
    }
}

/// Formatting of 64-bit fingerprints as fixed-width hex.
package enum Fingerprint {
    package static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
