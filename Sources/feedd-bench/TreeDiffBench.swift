import FeeddContent
import Foundation

/// `feedd-bench tree-diff DIR`: every `.html` page of DIR parsed as extraction parses it, once with feedd's tree
/// builder and once with libxml2's parser building the same lean copy, and the two trees compared node by node
/// (kind, name, attributes and whether they have a value node, text). Prints each page that differs, where, and a
/// total line; exits 1 when any differs. The builder's check on pages we cannot ship as fixtures (the shared corpora).
enum TreeDiffBench {
    static func run(_ arguments: inout BenchArguments) throws {
        let directory = try arguments.positional("DIR")
        try arguments.finish()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".html") }.sorted()
        guard !names.isEmpty else { throw ExtractBench.NoPages(directory: directory) }
        var differing = 0
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            let bytes = Array(data)
            let ours = try? HTMLDocument(bytes: bytes, contentType: nil, lean: true)
            let theirs = try? HTMLDocument(bytes: bytes, contentType: nil, lean: true, libxml2: true)
            let difference: String?
            switch (ours, theirs) {
            case (nil, nil): difference = nil
            case let (ours?, theirs?): difference = firstDifference(ours.root, theirs.root, path: "")
            default: difference = "one parse failed"
            }
            if let difference {
                differing += 1
                print("\(name): \(difference)")
            }
        }
        print("{\"mode\":\"tree-diff\",\"pages\":\(names.count),\"differing\":\(differing)}")
        if differing > 0 { throw Differing(count: differing) }
    }

    struct Differing: Error, CustomStringConvertible {
        let count: Int
        var description: String { "\(count) page(s) differ" }
    }

    /// Where the sibling chains starting at `a` and `b` first differ, or nil.
    static func firstDifference(_ a: HTMLNode?, _ b: HTMLNode?, path: String) -> String? {
        var a = a
        var b = b
        while a != nil || b != nil {
            guard let x = a, let y = b else { return "\(path): a node only one tree has" }
            let here = path + "/" + (x.isElement ? x.name : "#\(x.nodeType)")
            guard x.nodeType == y.nodeType, x.name == y.name else { return "\(here): \(y.name) in libxml2's tree" }
            if x.nodeText != y.nodeText { return "\(here): text differs" }
            if x.isElement {
                let attributes = x.attributes, others = y.attributes
                guard attributes.map(\.name) == others.map(\.name), attributes.map(\.value) == others.map(\.value),
                    attributes.allSatisfy({ x.attributeHasValueNode($0.name) == y.attributeHasValueNode($0.name) })
                else { return "\(here): attributes differ" }
                if let inner = firstDifference(x.firstChild, y.firstChild, path: here) { return inner }
            }
            a = x.nextSibling
            b = y.nextSibling
        }
        return nil
    }
}
