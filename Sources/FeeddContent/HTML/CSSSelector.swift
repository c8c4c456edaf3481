import FeeddCore

/// A CSS selector (grammar: FeeddCore's `SelectorSyntax`, shared with the config check) and its matching.
/// Parsed once, matched many times; matching walks right to left from the candidate element.
package struct CSSSelector: Sendable, CustomStringConvertible {
    package let description: String
    private let alternatives: [SelectorSyntax.Complex]

    package init(_ text: String) throws(ExtractError) {
        do {
            alternatives = try SelectorSyntax(text).alternatives
        } catch {
            throw ExtractError(.invalidSelector, error.message)
        }
        description = text
    }

    /// True when `node` is an element matching any selector of the list.
    package func matches(_ node: HTMLNode) -> Bool {
        guard node.isElement else { return false }
        return alternatives.contains { $0.matches(node) }
    }
}

extension SelectorSyntax.Complex {
    func matches(_ node: HTMLNode) -> Bool { matches(node, at: compounds.count - 1) }

    private func matches(_ node: HTMLNode, at index: Int) -> Bool {
        guard compounds[index].matches(node) else { return false }
        if index == 0 { return true }
        switch combinators[index - 1] {
        case .child:
            guard let parent = node.parent else { return false }
            return matches(parent, at: index - 1)
        case .descendant:
            var ancestor = node.parent
            while let current = ancestor {
                if matches(current, at: index - 1) { return true }
                ancestor = current.parent
            }
            return false
        }
    }
}

extension SelectorSyntax.Compound {
    func matches(_ node: HTMLNode) -> Bool {
        if let tag, node.name != tag { return false }
        return simple.allSatisfy { $0.matches(node) }
    }
}

extension SelectorSyntax.Simple {
    func matches(_ node: HTMLNode) -> Bool {
        switch self {
        case .id(let id): return node.attribute("id") == id
        case .className(let name):
            guard let classes = node.attribute("class") else { return false }
            return classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains { $0 == name }
        case .attribute(let name, let op, let expected):
            guard let value = node.attribute(name) else { return false }
            switch op {
            case .exists: return true
            case .equals: return value == expected
            case .includes: return value.split(separator: " ").contains { $0 == expected }
            case .prefix: return !expected.isEmpty && value.hasPrefix(expected)
            case .suffix: return !expected.isEmpty && value.hasSuffix(expected)
            case .substring: return !expected.isEmpty && value.contains(expected)
            case .dashPrefix: return value == expected || value.hasPrefix(expected + "-")
            }
        case .not(let compounds): return !compounds.contains { $0.matches(node) }
        }
    }
}
