import FeeddCore
import Foundation

/// Cheap looks into a stored line without a full JSON parse. Every line feedd writes starts with
/// `{"seq":N,"kind":"K",` and carries `"source":` right after `"id":`; inside a JSON string a `"` is always
/// escaped, so a search for `,"source":"` cannot match text inside a value.
package enum RecordLine {
    private static let seqPrefix = Array("{\"seq\":".utf8)
    private static let kindPrefix = Array(",\"kind\":\"".utf8)
    private static let fetchedKey = Array(",\"fetched\":\"".utf8)
    private static let sourceKey = Array(",\"source\":".utf8)

    /// `seq` and `kind` from the line's fixed prefix; nil when the line does not start that way.
    package static func header(_ line: UnsafeRawBufferPointer) -> (seq: UInt64, kind: String)? {
        guard line.count > seqPrefix.count, line.starts(with: seqPrefix) else { return nil }
        var index = seqPrefix.count
        var seq: UInt64 = 0
        var digits = 0
        while index < line.count, line[index] >= 48, line[index] <= 57, digits < 20 {
            let (product, overflow1) = seq.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(UInt64(line[index] - 48))
            if overflow1 || overflow2 { return nil }
            seq = sum
            index += 1
            digits += 1
        }
        guard digits > 0, index + kindPrefix.count < line.count,
            UnsafeRawBufferPointer(rebasing: line[index..<(index + kindPrefix.count)]).elementsEqual(kindPrefix)
        else { return nil }
        index += kindPrefix.count
        let start = index
        while index < line.count, line[index] != UInt8(ascii: "\"") { index += 1 }
        guard index < line.count else { return nil }
        return (seq, String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<index]), as: UTF8.self))
    }

    /// A full check of a line (without its newline): a JSON object whose `seq` is `seq`, with a `kind` and an `id`.
    package static func isValid(_ line: UnsafeRawBufferPointer, seq: UInt64) -> Bool {
        guard let header = header(line), header.seq == seq else { return false }
        let data = Data(line)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            (object["seq"] as? NSNumber)?.uint64Value == seq, object["kind"] is String, object["id"] is String
        else { return false }
        return true
    }

    /// The `fetched` time in milliseconds, used when an index has to be rebuilt from the data.
    static func fetchedMilliseconds(_ line: UnsafeRawBufferPointer) -> Int64? {
        guard let start = find(fetchedKey, in: line) else { return nil }
        let from = start + fetchedKey.count
        var end = from
        while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[from..<end]), as: UTF8.self)
        return RFC3339.parse(text).map { Int64($0.timeIntervalSince1970 * 1000) }
    }

    /// The bytes `"source":<json string>` must match to select `name`.
    package static func sourcePattern(_ name: String) -> [UInt8] {
        var json = JSONWriter()
        json.value(name)
        return sourceKey + json.bytes
    }

    /// True when the line's `source` is the one `pattern` (from `sourcePattern`) encodes.
    package static func matches(_ line: UnsafeRawBufferPointer, sourcePattern pattern: [UInt8]) -> Bool {
        guard let at = find(Array(pattern.prefix(sourceKey.count)), in: line) else { return false }
        let end = at + pattern.count
        guard end < line.count else { return false }
        return UnsafeRawBufferPointer(rebasing: line[at..<end]).elementsEqual(pattern)
            && (line[end] == UInt8(ascii: ",") || line[end] == UInt8(ascii: "}"))
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var match = true
                for k in 1..<needle.count where haystack[index + k] != needle[k] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
