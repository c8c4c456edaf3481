import FeeddCore

/// Reads RSS (0.90–2.0, 1.0), Atom (0.3, 1.0) and JSON Feed (1.0, 1.1) from bytes. The format is
/// detected from the content (JSON object or XML root element), never from the Content-Type.
package enum FeedParser {
    package static func parse(_ bytes: [UInt8], options: ParseOptions) throws(FeedParseError) -> ParsedFeed {
        guard bytes.count <= options.maxBytes else {
            throw FeedParseError(.tooLarge, "document is \(bytes.count) bytes, over the limit of \(options.maxBytes)")
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] == 32 || bytes[start] == 9 || bytes[start] == 10 || bytes[start] == 13 {
            start += 1
        }
        guard start < bytes.count else { throw FeedParseError(.empty, "the document is empty") }
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
            return try JSONFeedParser.parse(bytes, options: options)
        }
        let builder = FeedDocumentBuilder(options: options, documentSize: bytes.count)
        let outcome = bytes.withUnsafeBytes { buffer in
            XMLStreamReader.parse(buffer, charset: options.charset, maxDepth: options.maxDepth, handler: builder)
        }
        if outcome.outOfMemory { throw FeedParseError(.internalError, "out of memory while parsing") }
        if outcome.tooDeep {
            throw FeedParseError(.tooDeep, "elements nest deeper than \(options.maxDepth) levels")
        }
        if let feed = builder.result() { return feed }
        if let root = builder.rootName {
            let hint = root.lowercased() == "html"
                ? "the document is an HTML page; look for its <link rel=\"alternate\"> feed URL"
                : "the root element <\(root)> is not rss, RDF or an Atom feed"
            throw FeedParseError(.notAFeed, hint)
        }
        if Self.holdsNoMarkup(bytes[start...]) {
            throw FeedParseError(.empty, "the document is empty (no element, only a declaration or comments)")
        }
        let detail = outcome.firstError.map { " (line \(outcome.errorLine): \($0))" } ?? ""
        throw FeedParseError(.notAFeed, "no XML element found, the document is not a feed\(detail)")
    }

    /// True when the bytes are only whitespace, processing instructions (the XML declaration) and comments.
    private static func holdsNoMarkup(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        func skip(past terminator: [UInt8]) -> Bool {
            var probe = index
            while probe + terminator.count <= bytes.endIndex {
                if bytes[probe..<probe + terminator.count].elementsEqual(terminator) {
                    index = probe + terminator.count
                    return true
                }
                probe += 1
            }
            return false
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                index += 1
            } else if bytes[index...].starts(with: "<?".utf8) {
                guard skip(past: Array("?>".utf8)) else { return false }
            } else if bytes[index...].starts(with: "<!--".utf8) {
                guard skip(past: Array("-->".utf8)) else { return false }
            } else {
                return false
            }
        }
        return true
    }
}
