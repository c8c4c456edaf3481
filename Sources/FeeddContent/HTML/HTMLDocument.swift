import CFeeddXML
import FeeddCore
import Glibc

/// A parsed HTML document. Owns the libxml2 document (`htmlReadMemory`) and frees it exactly once,
/// in `deinit`, together with every node detached from it. Not thread-safe: use it from one thread.
package final class HTMLDocument {
    let handle: OpaquePointer
    /// Subtrees taken out of the tree with `detach`: still allocated so that node handles into them
    /// stay valid, freed with the document. A node detached twice is listed twice and freed once (see `deinit`);
    /// a list, because hashing every detached node into a `Set` showed in extraction profiles.
    private var detached: [OpaquePointer] = []
    /// The encoding the bytes were decoded with (an iconv name).
    package let encoding: String

    /// Parses `bytes` decoded as `encoding` (an iconv name, e.g. from `CharsetSniffer.encoding`).
    /// `lean` drops script, style and SVG contents (keeping JSON-LD) and comments before parsing: what
    /// extraction never reads, and often more than half of a page; the lean copy is then built into a tree by
    /// feedd's own tree builder, which makes the tree libxml2's HTML parser makes at a fraction of its cost
    /// (`CFeeddXML_html_parse_lean`). `libxml2` has libxml2's parser build the lean copy instead: the reference
    /// the builder is tested against.
    package init(bytes: [UInt8], encoding: String, lean: Bool = false, libxml2: Bool = false) throws(ExtractError) {
        guard !bytes.isEmpty else { throw ExtractError(.empty, "the document is empty") }
        // Legacy charsets are decoded here, undecodable bytes as U+FFFD (windows-1252 by feedd's table, the others
        // by iconv as feeds are): libxml2 stops at the first byte its converter refuses (iconv's CP1252 refuses five,
        // windows-1250 five more) and drops the rest of the page.
        let unicode = encoding.uppercased().hasPrefix("UTF-")
        let decoded =
            unicode
            ? nil : encoding == "windows-1252" ? Windows1252.utf8(bytes) : TextDecoding.utf8(bytes, exactly: encoding)
        var input = decoded ?? bytes
        let inputEncoding = decoded == nil ? encoding : "UTF-8"
        // libxml2's HTML parser stops at a NUL byte and drops the rest of the page; browsers read on. In an
        // ASCII-compatible encoding a NUL is never text, so it becomes a space.
        if !inputEncoding.uppercased().hasPrefix("UTF-16"), !inputEncoding.uppercased().hasPrefix("UTF-32"),
            input.withUnsafeBufferPointer({ memchr($0.baseAddress!, 0, $0.count) != nil })
        {
            for index in input.indices where input[index] == 0 { input[index] = 0x20 }
        }
        // Mostly-UTF-8 pages (`CharsetSniffer.isMostlyUTF8`): the stray bytes become U+FFFD here, because libxml2
        // 2.9 reads the rest of a page as Latin-1 from the first invalid byte.
        if encoding == "UTF-8", !CharsetSniffer.isValidUTF8(input) { input = CharsetSniffer.repairedUTF8(input) }
        let parsed: OpaquePointer? = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                !lean
                    ? CFeeddXML_html_parse(base, buffer.count, inputEncoding)
                    : libxml2
                        ? CFeeddXML_html_parse_lean_libxml2(base, buffer.count, inputEncoding)
                        : CFeeddXML_html_parse_lean(base, buffer.count, inputEncoding)
            }
        }
        guard let parsed else {
            throw ExtractError(.unparsable, "libxml2 produced no HTML document (encoding \(encoding))")
        }
        self.handle = parsed
        self.encoding = encoding
    }

    /// Sniffs the encoding (`CharsetSniffer`) and parses.
    package convenience init(bytes: [UInt8], contentType: String?, lean: Bool = false, libxml2: Bool = false)
        throws(ExtractError)
    {
        try self.init(
            bytes: bytes, encoding: CharsetSniffer.encoding(of: bytes, contentType: contentType), lean: lean,
            libxml2: libxml2)
    }

    deinit {
        var previous: OpaquePointer?
        // Sorted by address so that repeats sit together.
        for node in detached.sorted(by: { Int(bitPattern: UnsafeRawPointer($0)) < Int(bitPattern: UnsafeRawPointer($1)) })
        where node != previous {
            CFeeddXML_html_free_node(node)
            previous = node
        }
        CFeeddXML_html_free_doc(handle)
    }

    /// The root element, usually `<html>`.
    package var root: HTMLNode? {
        guard let raw = CFeeddXML_html_root(handle) else { return nil }
        return HTMLNode(raw, document: self)
    }

    /// The `<body>` element, or the root when the parser made none.
    package var body: HTMLNode? {
        guard let root else { return nil }
        return root.children.first { $0.tag == .body } ?? root
    }

    package var head: HTMLNode? { root?.children.first { $0.tag == .head } }

    /// Takes a node and its subtree out of the tree. Handles to it stay usable until the document goes.
    package func detach(_ node: HTMLNode) {
        CFeeddXML_html_unlink(node.raw)
        detached.append(node.pointer)
    }

    /// The node, or only its children, serialized as HTML (UTF-8).
    func serialize(_ node: HTMLNode, childrenOnly: Bool = false) -> String {
        var length = 0
        guard let text = CFeeddXML_html_serialize(handle, node.raw, childrenOnly ? 1 : 0, &length) else { return "" }
        defer { CFeeddXML_html_free_string(text) }
        return text.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
