/// The `keep` and `block` rules in force for one source: `[feedd]`'s, then the source's own.
///
/// An article is stored only if no `block` rule matches it and, when there is any `keep` rule, at least one
/// `keep` rule matches it. Block wins over keep; a source's rules add to `[feedd]`'s, they never replace them.
package struct ArticleFilter: Sendable, Equatable {
    package var keep: [ArticleRule]
    package var block: [ArticleRule]

    package init(_ rules: [ArticleRule] = []) {
        keep = rules.filter { $0.action == .keep }
        block = rules.filter { $0.action == .block }
    }

    /// No rules: every article passes (and the pipeline skips the check).
    package var isEmpty: Bool { keep.isEmpty && block.isEmpty }

    /// A `block` rule on `url` matches: the article would be filtered whatever its page says, so the page
    /// need not be fetched.
    package func blocks(url: String) -> Bool { block.contains { $0.matches(url: url) } }

    package func admits(_ article: Article) -> Bool {
        if block.contains(where: { $0.matches(article) }) { return false }
        return keep.isEmpty || keep.contains { $0.matches(article) }
    }
}
