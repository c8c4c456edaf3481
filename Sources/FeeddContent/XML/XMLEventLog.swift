/// The events one parse of a feed document reports, written out one per line, so that feedd's own
/// tokenizer and libxml2 can be compared on the same bytes (`feedd-bench feed-diff`, the tokenizer's
/// tests). Adjacent text is joined, as every handler joins it: how text is cut into calls is not part
/// of what a parse reports.
package enum XMLEventLog {
    package struct Log: Equatable, Sendable {
        /// `S ns element name` with ` ns:name="value"` per attribute, `E ns name`, `T "text"`, one a line.
        package var events: [UInt8]
        package var errorCount: Int
        package var tooDeep: Bool
        package var encoding: String
        /// Who read the document.
        package var reader: XMLReader

        /// Everything but which reader produced it.
        package func sameOutput(as other: Log) -> Bool {
            events == other.events && errorCount == other.errorCount && tooDeep == other.tooDeep
                && encoding == other.encoding
        }
    }

    /// Parses `bytes` as FeedParser does (no charset, the default depth limit) and records what it reports.
    package static func record(_ bytes: [UInt8], maxDepth: Int = ParseOptions().maxDepth, readers: XMLReaders) -> Log {
        let recorder = Recorder()
        let outcome = bytes.withUnsafeBytes {
            XMLStreamReader.parse($0, charset: nil, maxDepth: maxDepth, readers: readers, handler: recorder)
        }
        recorder.endText()
        return Log(events: recorder.out, errorCount: outcome.errorCount, tooDeep: outcome.tooDeep,
                   encoding: outcome.encoding, reader: outcome.reader)
    }

    private final class Recorder: XMLEventHandler {
        var out: [UInt8] = []
        var pending: [UInt8] = []

        func startElement(_ ns: XMLNamespace, _ name: UnsafePointer<CChar>, element: FeedElement,
                          attributes: [XMLAttribute]) {
            endText()
            var line = "S \(ns.rawValue) \(element.rawValue) \(String(cString: name))"
            for attribute in attributes {
                line += " \(attribute.ns.rawValue):\(attribute.name)=\(quoted(Array(attribute.value.utf8)))"
            }
            out += Array(line.utf8) + [10]
        }

        func endElement(_ ns: XMLNamespace, _ name: @autoclosure () -> String) {
            endText()
            out += Array("E \(ns.rawValue) \(name())".utf8) + [10]
        }

        func text(_ bytes: UnsafeRawBufferPointer) { pending += bytes }

        func endText() {
            guard !pending.isEmpty else { return }
            out += Array("T \(quoted(pending))".utf8) + [10]
            pending.removeAll()
        }

        /// The bytes in quotes, with quote and backslash escaped and bytes outside printable ASCII as `\xNN`.
        private func quoted(_ bytes: [UInt8]) -> String {
            var result = "\""
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): result += "\\" + String(UnicodeScalar(byte))
                case 0..<32, 127...: result += "\\x" + String(byte, radix: 16)
                default: result.unicodeScalars.append(UnicodeScalar(byte))
                }
            }
            return result + "\""
        }
    }
}
