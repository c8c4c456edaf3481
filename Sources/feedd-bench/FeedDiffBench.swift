import FeeddContent
import Foundation
import TestSupport

/// `feedd-bench feed-diff DIR [--broken N] [--seed S] [--list-libxml2]`: every file under DIR parsed as a feed three
/// times, as feedd parses it (its own tokenizer, on the decoded bytes or the repaired ones, libxml2 for what the
/// tokenizer leaves), with the tokenizer on the repaired bytes only, and by libxml2 alone; the events the first
/// two report are compared with libxml2's (names, namespaces, attributes, text, error count). With
/// `--broken N`, also N copies of each file broken at random (seeded: the same copies every run). Prints
/// each document whose events differ and a total line; exits 1 when any does. The tokenizer's check on
/// feeds we cannot ship as fixtures (the shared corpora). `--list-libxml2` also names the documents the tokenizer
/// left to libxml2.
enum FeedDiffBench {
    static func run(_ arguments: inout BenchArguments) throws {
        let broken = try arguments.integer("broken", otherwise: 0)
        let seed = try arguments.integer("seed", otherwise: 1)
        let listFallbacks = arguments.flag("list-libxml2")
        let directory = try arguments.positional("DIR")
        try arguments.finish()
        var paths: [String] = []
        if let walker = FileManager.default.enumerator(atPath: directory) {
            for case let path as String in walker {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue { paths.append(path) }
            }
        }
        paths.sort()
        guard !paths.isEmpty else { throw NoFiles(directory: directory) }
        var random = SplitMix64(seed: UInt64(seed))
        var documents = 0, direct = 0, repaired = 0, differing = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: directory + "/" + path) else { continue }
            let original = Array(data)
            var copies = [(original, path)]
            for copy in 0..<broken { copies.append((Self.broken(original, &random), "\(path) (broken copy \(copy + 1))")) }
            for (bytes, name) in copies {
                documents += 1
                let ours = XMLEventLog.record(bytes, readers: .any)
                switch ours.reader {
                case .tokenizerDirect: direct += 1
                case .tokenizerRepaired: repaired += 1
                case .libxml2: if listFallbacks { print("\(name): read by libxml2") }
                }
                // The tokenizer on the repair pass's bytes is checked too, also where the direct reading suffices.
                let fromRepaired = XMLEventLog.record(bytes, readers: .repairedOrLibxml2)
                let theirs = XMLEventLog.record(bytes, readers: .libxml2Only)
                if !ours.sameOutput(as: theirs) {
                    differing += 1
                    print("\(name): \(firstDifference(ours, theirs))")
                } else if !fromRepaired.sameOutput(as: theirs) {
                    differing += 1
                    print("\(name) (repaired bytes): \(firstDifference(fromRepaired, theirs))")
                }
            }
        }
        print("{\"mode\":\"feed-diff\",\"documents\":\(documents),\"tokenized_decoded\":\(direct),"
            + "\"tokenized_repaired\":\(repaired),\"differing\":\(differing)}")
        if differing > 0 { throw TreeDiffBench.Differing(count: differing) }
    }

    struct NoFiles: Error, CustomStringConvertible {
        let directory: String
        var description: String { "no files under \(directory)" }
    }

    /// The first differing event line (feedd's, then libxml2's), or the differing totals.
    private static func firstDifference(_ ours: XMLEventLog.Log, _ theirs: XMLEventLog.Log) -> String {
        let a = ours.events.split(separator: 10, omittingEmptySubsequences: false)
        let b = theirs.events.split(separator: 10, omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? String(decoding: a[index], as: UTF8.self) : "(end)"
            let y = index < b.count ? String(decoding: b[index], as: UTF8.self) : "(end)"
            if x != y { return "event \(index): \(x.prefix(200)) | libxml2: \(y.prefix(200))" }
        }
        return "errors \(ours.errorCount) | libxml2: \(theirs.errorCount), too deep \(ours.tooDeep) | \(theirs.tooDeep)"
    }

    /// Markup that breaks or bends a document where it lands.
    private static let fragments: [[UInt8]] = [
        "<", ">", "&", "&amp;", "&#0;", "&#38;", "&#x1F600;", "&#13;", "\r", "\r\n", "\t", "\"", "'", "=", "/", "</",
        "/>", "<a>", "</a>", "<x:a>", "xmlns=\"\"", " xmlns:x=\"urn:x\"", " x:b=\"1\"", " a=\"1\" a=\"2\"", "]]>",
        "<![CDATA[", "<!--", "--", "-->", "<?x y?>", "<?xml version=\"1.0\"?>", "<?feedd-cdata 0?>", "<!DOCTYPE x>",
        "\u{0}", "\u{1}", "\u{FFFE}", "é", "\u{85}", ":", "xml:lang=\"en\"",
    ].map { Array($0.utf8) }

    /// `bytes` with one to three random changes: a fragment inserted, a stretch deleted, doubled or cut off
    /// the end, or a byte replaced.
    static func broken(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        for _ in 0...Int(random.next() % 3) {
            let at = out.isEmpty ? 0 : Int(random.next() % UInt64(out.count + 1))
            let span = Int(random.next() % 16) + 1
            let end = min(out.count, at + span)
            switch random.next() % 5 {
            case 0, 1: out.insert(contentsOf: fragments[Int(random.next() % UInt64(fragments.count))], at: at)
            case 2: out.removeSubrange(at..<end)
            case 3: out.insert(contentsOf: Array(out[at..<end]), at: at)
            default:
                if random.next() % 4 == 0 { out.removeSubrange(at...) }
                else if at < out.count { out[at] = UInt8(truncatingIfNeeded: random.next()) }
            }
        }
        return out
    }
}
