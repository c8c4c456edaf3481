import CFeeddXML
import Foundation

/// A node of an `HTMLDocument` (a libxml2 `xmlNodePtr`). Keeps its document alive; the document owns the memory.
package struct HTMLNode {
    let pointer: OpaquePointer
    package let document: HTMLDocument

    init(_ pointer: OpaquePointer, document: HTMLDocument) {
        self.pointer = pointer
        self.document = document
    }

    var raw: OpaquePointer { pointer }

    package enum Kind: Equatable { case element, text, comment, other }

    package var kind: Kind {
        switch CFeeddXML_html_node_type(raw) {
        case Int32(CFeeddXML_NODE_ELEMENT): .element
        case Int32(CFeeddXML_NODE_TEXT), Int32(CFeeddXML_NODE_CDATA): .text
        case Int32(CFeeddXML_NODE_COMMENT): .comment
        default: .other
        }
    }

    /// libxml2's node type (`xmlElementType`): tells CDATA (script data) from text, and processing instructions
    /// from other nodes, where `kind` does not.
    package var nodeType: Int32 { CFeeddXML_html_node_type(raw) }

    package var isElement: Bool { CFeeddXML_html_node_type(raw) == Int32(CFeeddXML_NODE_ELEMENT) }

    /// The lowercase element name; "" for non-elements.
    package var name: String {
        isElement ? String(cString: CFeeddXML_html_node_name(raw)) : ""
    }

    /// The element's name as an `HTMLTag`; `.other` for names extraction does not test and for non-elements.
    package var tag: HTMLTag { HTMLTag(raw) }

    /// True when this is an element named `tag` (lowercase ASCII), without building a String.
    package func isElement(_ tag: StaticString) -> Bool {
        guard isElement else { return false }
        return strcmpStatic(CFeeddXML_html_node_name(raw), tag)
    }

    /// The text of a text or comment node; nil for elements.
    package var nodeText: String? {
        guard let text = CFeeddXML_html_node_text(raw) else { return nil }
        return String(cString: text)
    }

    /// The raw bytes of a text node's text (borrowed, valid while the node lives), for cheap measuring.
    func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let text = CFeeddXML_html_node_text(raw) else { return nil }
        let length = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: length) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    package var parent: HTMLNode? {
        CFeeddXML_html_parent(raw).map { HTMLNode($0, document: document) }
    }
    package var firstChild: HTMLNode? {
        CFeeddXML_html_first_child(raw).map { HTMLNode($0, document: document) }
    }
    package var nextSibling: HTMLNode? {
        CFeeddXML_html_next_sibling(raw).map { HTMLNode($0, document: document) }
    }

    /// The attribute's value ("" for a valueless attribute), nil when absent. `name` must be lowercase.
    package func attribute(_ name: String) -> String? {
        guard let value = CFeeddXML_html_attr_value(raw, name) else { return nil }
        return String(cString: value)
    }

    package func hasAttribute(_ name: String) -> Bool { CFeeddXML_html_attr_value(raw, name) != nil }

    /// Whether the attribute is present with exactly `value`, compared byte for byte without making a String.
    package func attribute(_ name: String, is value: StaticString) -> Bool {
        guard let text = CFeeddXML_html_attr_value(raw, name) else { return false }
        return strcmpStatic(text, value)
    }

    /// Whether the attribute's value, with ASCII letters lowercased and spaces dropped, contains one of `needles`
    /// (lowercase ASCII without spaces): the test for inline styles such as `display: none`, in bytes, without the
    /// Strings that lowercasing and filtering made for every styled element. Only ASCII can spell the needles, so
    /// leaving other characters as they are answers as the Unicode lowercasing did.
    package func attribute(_ name: String, compactContains needles: [StaticString]) -> Bool {
        guard let text = CFeeddXML_html_attr_value(raw, name) else { return false }
        let length = strlen(text)
        guard length > 0 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
            var count = 0
            for i in 0..<length {
                var b = UInt8(bitPattern: text[i])
                if b == 0x20 { continue }
                if b >= 0x41, b <= 0x5A { b += 0x20 }
                buffer[count] = b
                count += 1
            }
            let compact = UnsafeBufferPointer(rebasing: buffer[0..<count])
            return needles.contains { needle in
                let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
                guard n.count > 0, n.count <= count else { return false }
                for start in 0...(count - n.count) where compact[start] == n[0] {
                    if memcmp(compact.baseAddress! + start, n.baseAddress!, n.count) == 0 { return true }
                }
                return false
            }
        }
    }

    /// Whether the attribute has a value node: libxml2 gives `<x a="">` one and `<x a>` none, which `attribute(_:)`
    /// reads alike ("" both); the tree builder's tests tell them apart.
    package func attributeHasValueNode(_ name: String) -> Bool {
        var attr = CFeeddXML_html_first_attr(raw)
        while let current = attr {
            if String(cString: CFeeddXML_html_attr_name(current)) == name {
                return UnsafeRawPointer(current).assumingMemoryBound(to: CFeeddXML_attr_layout.self).pointee.children
                    != nil
            }
            attr = CFeeddXML_html_next_attr(current)
        }
        return false
    }

    /// Every attribute in source order.
    package var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var attr = CFeeddXML_html_first_attr(raw)
        while let current = attr {
            result.append((String(cString: CFeeddXML_html_attr_name(current)), String(cString: CFeeddXML_html_attr_value_of(current))))
            attr = CFeeddXML_html_next_attr(current)
        }
        return result
    }

    /// Direct children, all kinds.
    package var children: HTMLChildren { HTMLChildren(first: firstChild) }

    /// Direct element children.
    package var elementChildren: [HTMLNode] { children.filter(\.isElement) }

    /// All text below the node, concatenated as in the source (no whitespace handling).
    package var textContent: String {
        guard let text = CFeeddXML_html_text_content(raw) else { return "" }
        defer { CFeeddXML_html_free_string(text) }
        return String(cString: text)
    }

    /// The node serialized as HTML.
    package var outerHTML: String { document.serialize(self) }

    /// The children serialized as HTML.
    package var innerHTML: String { document.serialize(self, childrenOnly: true) }

    /// Calls `visit` for every descendant element in document order (not the node itself).
    /// Returning false from `visit` skips that element's subtree.
    package func forEachDescendantElement(_ visit: (HTMLNode) -> Bool) {
        var stack: [OpaquePointer] = []
        if let first = CFeeddXML_html_first_child(raw) { stack.append(first) }
        while let current = stack.popLast() {
            if let next = CFeeddXML_html_next_sibling(current) { stack.append(next) }
            guard CFeeddXML_html_node_type(current) == Int32(CFeeddXML_NODE_ELEMENT) else { continue }
            let node = HTMLNode(current, document: document)
            if visit(node), let child = CFeeddXML_html_first_child(current) {
                stack.append(child)
            }
        }
    }

    /// Every descendant element in document order.
    package var descendantElements: [HTMLNode] {
        var result: [HTMLNode] = []
        forEachDescendantElement { result.append($0); return true }
        return result
    }

    /// True when `other` is this node or below it.
    package func contains(_ other: HTMLNode) -> Bool {
        var current: HTMLNode? = other
        while let node = current {
            if node.pointer == pointer { return true }
            current = node.parent
        }
        return false
    }

    /// Elements below this node matching `selector`, in document order.
    package func select(_ selector: CSSSelector) -> [HTMLNode] {
        var result: [HTMLNode] = []
        forEachDescendantElement { node in
            if selector.matches(node) { result.append(node) }
            return true
        }
        return result
    }

    package func first(_ selector: CSSSelector) -> HTMLNode? {
        var found: HTMLNode?
        forEachDescendantElement { node in
            if found != nil { return false }
            if selector.matches(node) { found = node }
            return found == nil
        }
        return found
    }
}

extension HTMLNode: Equatable {
    package static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool { lhs.pointer == rhs.pointer }
}

extension HTMLNode: Hashable {
    package func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}

/// The children of a node as a sequence (walks next-sibling links lazily).
package struct HTMLChildren: Sequence {
    let first: HTMLNode?

    package struct Iterator: IteratorProtocol {
        var next_: HTMLNode?
        package mutating func next() -> HTMLNode? {
            guard let current = next_ else { return nil }
            next_ = current.nextSibling
            return current
        }
    }

    package func makeIterator() -> Iterator { Iterator(next_: first) }
}

/// Compares a C string with a lowercase ASCII static string.
@inline(__always)
private func strcmpStatic(_ cString: UnsafePointer<CChar>, _ tag: StaticString) -> Bool {
    let count = tag.utf8CodeUnitCount
    let bytes = tag.utf8Start
    for i in 0..<count where UInt8(bitPattern: cString[i]) != bytes[i] { return false }
    return cString[count] == 0
}
