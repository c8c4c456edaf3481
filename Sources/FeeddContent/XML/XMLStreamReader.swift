import CFeeddXML

/// Receives the events of one streaming parse, in document order.
protocol XMLEventHandler: AnyObject {
    /// `name` is libxml2's interned copy of the local name, valid until the parse returns (no `String` is
    /// made for it unless a handler asks); `element` is the name in the feed vocabulary (`.other` when unknown).
    func startElement(_ ns: XMLNamespace, _ name: UnsafePointer<CChar>, element: FeedElement, attributes: [XMLAttribute])
    /// The name is built only when asked for: the feed builder knows it from its own frame.
    func endElement(_ ns: XMLNamespace, _ name: @autoclosure () -> String)
    func text(_ bytes: UnsafeRawBufferPointer)
}

/// Swift face of `CFeeddXML_feedParse`: a SAX2 parse of a whole in-memory document that calls the
/// handler synchronously. The handler is borrowed (unretained) for the duration of the call only.
enum XMLStreamReader {
    struct Outcome {
        /// The C result as it is: its two strings are made only when read (most parses read neither).
        fileprivate var result: CFeeddXML_FeedResult
        var tooDeep: Bool { result.status == Int32(CFeeddXML_FEED_TOO_DEEP) }
        var outOfMemory: Bool { result.status == Int32(CFeeddXML_FEED_NO_MEMORY) }
        var errorCount: Int { Int(result.errorCount) }
        var errorLine: Int { Int(result.errorLine) }
        /// Who read the document.
        var reader: XMLReader { XMLReader(rawValue: result.tokenized) ?? .libxml2 }
        var firstError: String? {
            var result = result
            let message = withUnsafeBytes(of: &result.message) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            return message.isEmpty ? nil : message
        }
        var encoding: String {
            var result = result
            return withUnsafeBytes(of: &result.encoding) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
        }
    }

    /// Holds the handler so C callbacks reach it through one pointer without a dynamic cast. The
    /// callbacks borrow it (`_withUnsafeGuaranteedRef`): `parse` keeps it alive, and a retain and
    /// release per event would cost more than the text callback's own work.
    private final class Box {
        let handler: any XMLEventHandler
        /// Attribute names made so far, by the C string libxml2 passed: it interns names
        /// in the parse's dictionary, so one pointer is one name for the whole parse, and a feed
        /// repeats a few dozen names. Found by pointer, a name is not measured, validated and copied
        /// again. (Pointers apart from the strings: the search touches no reference counts.)
        @exclusivity(unchecked) private var pointers: [UnsafePointer<CChar>] = []
        @exclusivity(unchecked) private var names: [String] = []

        init(_ handler: any XMLEventHandler) {
            self.handler = handler
            // Reserved once: grown from empty, both were reallocated four or five times per document.
            pointers.reserveCapacity(32)
            names.reserveCapacity(32)
        }

        func name(_ pointer: UnsafePointer<CChar>) -> String {
            if let index = pointers.firstIndex(of: pointer) { return names[index] }
            let made = String(cString: pointer)
            if pointers.count < 64 {
                pointers.append(pointer)
                names.append(made)
            }
            return made
        }
    }

    /// `readers`: which readers may read the document (all but the default are for comparing them).
    static func parse(_ bytes: UnsafeRawBufferPointer, charset: String?, maxDepth: Int, readers: XMLReaders = .any,
                      handler: any XMLEventHandler) -> Outcome {
        let box = Box(handler)
        var callbacks = CFeeddXML_FeedCallbacks(
            start: { context, ns, name, element, attributes, count in
                Unmanaged<Box>.fromOpaque(context!)._withUnsafeGuaranteedRef { box in
                    var list: [XMLAttribute] = []
                    if count > 0, let attributes {
                        list.reserveCapacity(Int(count))
                        for i in 0..<Int(count) {
                            let a = attributes[i]
                            // Both readers hand over valid UTF-8 (the bytes were made valid before either
                            // read them, and references are encoded from XML characters): not validated again.
                            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(a.value)?.assumingMemoryBound(to: UInt8.self),
                                                            count: a.length)
                            assert((try? UTF8Span(validating: bytes.span)) != nil, "attribute value is not valid UTF-8")
                            let value = String(copying: unsafe UTF8Span(unchecked: bytes.span))
                            list.append(XMLAttribute(ns: XMLNamespace(a.ns), name: box.name(a.name), value: value))
                        }
                    }
                    box.handler.startElement(XMLNamespace(ns), name!, element: FeedElement(number: element), attributes: list)
                }
            },
            end: { context, ns, name in
                Unmanaged<Box>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                    $0.handler.endElement(XMLNamespace(ns), String(cString: name!))
                }
            },
            text: { context, bytes, length in
                Unmanaged<Box>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                    $0.handler.text(UnsafeRawBufferPointer(start: bytes, count: length))
                }
            })
        var result = CFeeddXML_FeedResult()
        let status: Int32 = withExtendedLifetime(box) {
            let context = Unmanaged.passUnretained(box).toOpaque()
            return charset.withOptionalCString { charsetPointer in
                var limits = CFeeddXML_FeedLimits(
                    maxDepth: Int32(clamping: maxDepth), charset: charsetPointer, reader: readers.rawValue)
                return CFeeddXML_feedParse(
                    bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, &limits, &callbacks,
                    context, &result)
            }
        }
        result.status = status
        return Outcome(result: result)
    }
}

/// Who read a document: feedd's tokenizer (from the repair pass's bytes or straight from the decoded ones) or
/// libxml2.
package enum XMLReader: Int32, Sendable {
    case libxml2 = 0, tokenizerRepaired, tokenizerDirect
}

/// Which readers a parse may use (CFeeddXML_READ_*).
package enum XMLReaders: Int32, Sendable {
    /// feedd's tokenizer, straight or on the repaired bytes, and libxml2 for the rest: how feedd parses.
    case any = 0
    case libxml2Only = 1
    /// feedd's tokenizer on the repaired bytes only, and libxml2 for the rest.
    case repairedOrLibxml2 = 2
}

extension Optional where Wrapped == String {
    func withOptionalCString<R>(_ body: (UnsafePointer<CChar>?) -> R) -> R {
        switch self {
        case .some(let text): return text.withCString { body($0) }
        case .none: return body(nil)
        }
    }
}
