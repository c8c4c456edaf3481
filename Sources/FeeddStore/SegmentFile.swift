import FeeddSystem

/// One segment of the journal: `<first seq, 20 digits>.jsonl` and its sidecar index `<same>.idx`.
/// Zero-padded names sort in seq order for `ls`, shell globs and DuckDB alike.
package struct SegmentFile: Sendable, Equatable, Comparable {
    package let directory: String
    package let firstSeq: UInt64

    package init(directory: String, firstSeq: UInt64) {
        self.directory = directory
        self.firstSeq = firstSeq
    }

    package var baseName: String {
        let digits = String(firstSeq)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
    package var dataName: String { baseName + ".jsonl" }
    package var indexName: String { baseName + ".idx" }
    package var dataPath: String { directory + "/" + dataName }
    package var indexPath: String { directory + "/" + indexName }

    package static func < (lhs: SegmentFile, rhs: SegmentFile) -> Bool { lhs.firstSeq < rhs.firstSeq }

    /// The first seq encoded in a segment or index file name, or nil for any other file.
    static func firstSeq(fromName name: String, suffix: String) -> UInt64? {
        guard name.hasSuffix(suffix) else { return nil }
        let stem = name.dropLast(suffix.count)
        guard stem.count == 20, stem.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(stem)
    }

    /// The segments in `directory`, oldest first (by their data files).
    package static func list(in directory: String) throws(StoreError) -> [SegmentFile] {
        let names: [String]
        do { names = try FileSystem.list(directory) } catch {
            throw StoreError.system("list", path: directory, error)
        }
        return names.compactMap { firstSeq(fromName: $0, suffix: ".jsonl") }.sorted()
            .map { SegmentFile(directory: directory, firstSeq: $0) }
    }

    /// Index files whose data file is missing (left by a crash during retention or a roll).
    static func orphanIndexes(in directory: String) -> [String] {
        guard let names = try? FileSystem.list(directory) else { return [] }
        let data = Set(names.compactMap { firstSeq(fromName: $0, suffix: ".jsonl") })
        return names.filter { name in
            guard let seq = firstSeq(fromName: name, suffix: ".idx") else { return false }
            return !data.contains(seq)
        }
    }
}
