// Benchmark of FeeddCore's NFC against Foundation's precomposedStringWithCanonicalMapping, in one process,
// on the visible text of real pages. Built by scripts/bench-nfc with NFC.swift and NFCTables.swift.
//   bench-nfc LIST ROUNDS PER_PAGE_TSV [NormalizationTest.txt]     (LIST: one page path a line)
// With the UCD's NormalizationTest.txt it first checks conformance: c2 == NFC(c1) == NFC(c2) == NFC(c3) and
// c4 == NFC(c4) == NFC(c5) on every line.
import Foundation

/// The text between tags, script/style/comments dropped: the kind of text feedd normalizes.
func visibleText(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count / 2)
    var i = 0
    let n = bytes.count
    func startsWith(_ word: String, at k: Int) -> Bool {
        let w = Array(word.utf8)
        guard k + w.count <= n else { return false }
        for j in 0..<w.count where bytes[k + j] | 0x20 != w[j] { return false }
        return true
    }
    func skip(to closing: String, from k: Int) -> Int {
        var j = k
        while j < n && !startsWith(closing, at: j) { j += 1 }
        return min(n, j + closing.utf8.count)
    }
    while i < n {
        if bytes[i] == UInt8(ascii: "<") {
            if startsWith("<!--", at: i) { i = skip(to: "-->", from: i + 4); continue }
            if startsWith("<script", at: i) { i = skip(to: "</script>", from: i); continue }
            if startsWith("<style", at: i) { i = skip(to: "</style>", from: i); continue }
            while i < n && bytes[i] != UInt8(ascii: ">") { i += 1 }
            i += 1
            out.append(32)
            continue
        }
        out.append(bytes[i])
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// What feedd did before its own NFC: Foundation, skipped when every code point is below U+0300 or in
/// U+2002–U+205F (the old `TextNormalizer.mayNeedNFC`).
func previousFeeddNFC(_ text: String) -> String {
    var iterator = text.utf8.makeIterator()
    while let c = iterator.next() {
        guard c >= 0xCC else { continue }
        guard c == 0xE2, let second = iterator.next(), let third = iterator.next() else {
            return text.precomposedStringWithCanonicalMapping
        }
        if !((second == 0x80 && third >= 0x82) || (second == 0x81 && third <= 0x9F)) {
            return text.precomposedStringWithCanonicalMapping
        }
    }
    return text
}

func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

let args = CommandLine.arguments
if args.count > 4, let table = try? String(contentsOfFile: args[4], encoding: .utf8) {
    func field(_ text: Substring) -> String {
        let scalars = text.split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
        return String(String.UnicodeScalarView(scalars))
    }
    var lines = 0, failures = 0
    for line in table.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("@") {
        let c = line.split(separator: ";", omittingEmptySubsequences: false).prefix(5).map(field)
        guard c.count == 5 else { continue }
        lines += 1
        let same: (String, String) -> Bool = { $0.unicodeScalars.elementsEqual($1.unicodeScalars) }
        let ok = same(NFC.normalize(c[0]), c[1]) && same(NFC.normalize(c[1]), c[1]) && same(NFC.normalize(c[2]), c[1])
            && same(NFC.normalize(c[3]), c[3]) && same(NFC.normalize(c[4]), c[3])
        if !ok {
            failures += 1
            if failures <= 5 { print("conformance failure: \(line)") }
        }
    }
    print("NormalizationTest.txt: \(lines) lines, \(failures) failures")
}
let paths = try String(contentsOfFile: args[1], encoding: .utf8).split(separator: "\n").map(String.init)
let rounds = Int(args[2]) ?? 10
var perPage = "page\tkind\ttext_bytes\tours_us\tfoundation_us\tprevious_us\tratio\n"

struct Totals {
    var pages = 0, bytes = 0, differ = 0
    var ours = 0.0, foundation = 0.0, previous = 0.0
    var ratios: [Double] = []
}
var totals: [String: Totals] = [:]

for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    let published = visibleText([UInt8](data))
    let variants = [("as published", published), ("NFD of it", published.decomposedStringWithCanonicalMapping)]
    for (set, text) in variants {
        var kind = set
        if set == "as published" {
            kind = text.utf8.allSatisfy({ $0 < 0x80 }) ? "published: ASCII only"
                : NFC.isNormalized(text) ? "published: non-ASCII, NFC" : "published: not NFC"
        }
        var ours = 0.0, theirs = 0.0
        var a = "", b = ""
        // Alternating order, best of the rounds for each.
        ours = .infinity; theirs = .infinity
        var previous = Double.infinity
        for round in 0..<rounds {
            previous = min(previous, seconds { _ = previousFeeddNFC(text) })
            if round % 2 == 0 {
                ours = min(ours, seconds { a = NFC.normalize(text) })
                theirs = min(theirs, seconds { b = text.precomposedStringWithCanonicalMapping })
            } else {
                theirs = min(theirs, seconds { b = text.precomposedStringWithCanonicalMapping })
                ours = min(ours, seconds { a = NFC.normalize(text) })
            }
        }
        var t = totals[kind, default: Totals()]
        t.pages += 1; t.bytes += text.utf8.count; t.ours += ours; t.foundation += theirs; t.previous += previous
        t.ratios.append(theirs / max(ours, 1e-9))
        if !a.unicodeScalars.elementsEqual(b.unicodeScalars) { t.differ += 1 }
        totals[kind] = t
        let url = URL(fileURLWithPath: path)
        let name = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
        let ratio = String(format: "%.1f", theirs / max(ours, 1e-9))
        perPage += "\(name)\t\(kind)\t\(text.utf8.count)\t\(Int(ours * 1e6))\t\(Int(theirs * 1e6))"
        perPage += "\t\(Int(previous * 1e6))\t\(ratio)\n"
    }
}
if args.count > 3 { try perPage.write(toFile: args[3], atomically: true, encoding: .utf8) }

print("| text | pages | MB | feedd NFC ms | Foundation ms | Foundation/feedd | per page min / median / max"
    + " | previous feedd path ms | results differ |")
print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
for kind in ["published: ASCII only", "published: non-ASCII, NFC", "published: not NFC", "NFD of it"] {
    guard let t = totals[kind] else { continue }
    let r = t.ratios.sorted()
    let format = "| %@ | %d | %.1f | %.1f | %.1f | %.1fx | %.1f / %.1f / %.1f | %.1f | %d |"
    print(String(format: format, kind, t.pages,
                 Double(t.bytes) / 1e6, t.ours * 1e3, t.foundation * 1e3, t.foundation / t.ours,
                 r.first!, r[r.count / 2], r.last!, t.previous * 1e3, t.differ))
}
