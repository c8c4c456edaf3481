import FeeddCore
import Foundation

/// Properties the fuzz targets (Fuzz/FeeddFuzz) check on every input, shared with the tests that replay saved
/// inputs. Each returns nil when the property holds, else what broke.
package enum FuzzProperties {
    /// The first line is the base, the rest the reference: canonicalization is idempotent on both, and
    /// resolving never traps.
    package static func url(_ text: String) -> String? {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        let reference = parts.count > 1 ? String(parts[1]) : ""
        let canonicalizer = URLCanonicalizer(stripParams: ["ref"])
        for input in [base, reference] {
            guard let canonical = canonicalizer.canonicalize(input) else { continue }
            let again = canonicalizer.canonicalize(canonical)
            guard again == canonical else {
                return "canonicalize is not idempotent: \(input.debugDescription) -> \(canonical.debugDescription)"
                    + " -> \(again.debugDescription)"
            }
        }
        _ = canonicalizer.resolve(reference, against: base)
        _ = canonicalizer.canonicalize(reference, base: base)
        return nil
    }

    /// The lean decoder the dedupe rebuild runs on every stored line never traps, and where the line is JSON
    /// it reads the same strings as the full decoder.
    package static func record(_ bytes: [UInt8]) -> String? {
        guard let lean = bytes.withUnsafeBytes({ Article(identityFieldsOf: $0) }),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return nil }
        let pairs: [(String, String?)] = [
            ("id", lean.id), ("source", lean.source), ("url", lean.url), ("guid", lean.guid), ("title", lean.title),
        ]
        for (key, value) in pairs {
            guard let full = object[key] as? String, value != full else { continue }
            return "\(key): lean \(value.debugDescription), full \(full.debugDescription)"
        }
        return nil
    }

    /// A parsed date, written as the store writes it, reads back as the same second.
    package static func date(_ text: String) -> String? {
        guard let date = DateParser.parse(text) else { return nil }
        let stored = RFC3339.format(date)
        let second = date.timeIntervalSince1970.rounded(.down)
        guard RFC3339.parse(stored)?.timeIntervalSince1970 == second,
            DateParser.parse(stored)?.timeIntervalSince1970 == second
        else { return "\(text.debugDescription) parsed to \(date.timeIntervalSince1970), stored as \(stored), reads back otherwise" }
        return nil
    }
}
