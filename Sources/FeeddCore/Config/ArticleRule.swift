import Synchronization

/// One `keep` or `block` line of feeds.conf: `FIELD ~ "REGEX"`, compiled once when the config is loaded.
///
/// The expression is Swift's `Regex` (the standard library's, no Foundation), not POSIX `regcomp`: it
/// understands `(?i)` and the other inline options admins expect, and it folds case and matches classes
/// over Unicode characters whatever the process locale is (glibc's ERE has no `(?i)`, and outside a UTF-8
/// locale it compares bytes). It backtracks, so its cost is bounded by what it is given: patterns of at
/// most `maxPatternLength` characters (written by the admin, not the publisher) over at most
/// `maxMatchedBytes` of each field. The price is speed: on 64 KiB of text without a match it took 2-10 ms
/// where glibc's `regexec` took 0.02-0.4 ms (same run, -O); title, url and tag rules cost microseconds, and
/// a text rule stays far below a page fetch per article, so clarity of the syntax won.
package struct ArticleRule: Sendable, Equatable, CustomStringConvertible {
    package enum Action: String, Sendable {
        case keep, block
    }

    /// The parts of an article a rule can look at.
    package enum Field: String, Sendable, CaseIterable {
        /// `tags` matches each of the feed's categories and the source's tags, one at a time.
        case title, url, author, text, tags
    }

    package static let maxPatternLength = 512
    /// Only the first 64 KiB of a field (UTF-8) are matched: a huge page costs no more than a long article.
    package static let maxMatchedBytes = 64 * 1024

    package let action: Action
    package let field: Field
    package let pattern: String
    private let compiled: CompiledPattern

    /// Parses `FIELD ~ "REGEX"`; the error is the message for feeds.conf's line.
    package init(_ action: Action, parsing value: String) throws(RuleError) {
        let key = action.rawValue
        guard let tilde = value.firstIndex(of: "~") else {
            throw RuleError("\(key) must look like FIELD ~ \"REGEX\" (missing \"~\"), not \"\(value)\"")
        }
        let name = String(value[..<tilde].trimmingSpaces)
        guard let field = Field(rawValue: name) else {
            let fields = Field.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuleError("\(key): unknown field \"\(name)\" (expected one of \(fields))")
        }
        let quoted = value[value.index(after: tilde)...].trimmingSpaces
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else {
            throw RuleError("\(key): the expression after \"~\" must be in double quotes, not \(quoted.isEmpty ? "empty" : "\(quoted)")")
        }
        // Everything between the outer quotes is the expression, backslashes and inner quotes included.
        let pattern = String(quoted.dropFirst().dropLast())
        guard !pattern.isEmpty else { throw RuleError("\(key): the expression is empty") }
        guard pattern.count <= Self.maxPatternLength else {
            throw RuleError("\(key): the expression is \(pattern.count) characters long, at most \(Self.maxPatternLength) are allowed")
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw RuleError("\(key): bad regular expression \"\(pattern)\": \(error)")
        }
        self.action = action
        self.field = field
        self.pattern = pattern
        self.compiled = CompiledPattern(regex)
    }

    /// Whether the rule's field of `article` matches; an absent field never does.
    package func matches(_ article: Article) -> Bool {
        switch field {
        case .title: return compiled.matches(article.title)
        case .url: return compiled.matches(article.url)
        case .author: return compiled.matches(article.author)
        case .text: return compiled.matches(article.text ?? article.summary)
        case .tags:
            return article.categories.contains { compiled.matches($0) } || article.tags.contains { compiled.matches($0) }
        }
    }

    /// Whether a `url` rule matches `url` (false for a rule on another field): what can be known of an
    /// article before its page is fetched.
    package func matches(url: String) -> Bool { field == .url && compiled.matches(url) }

    /// As written in feeds.conf (without the key).
    package var description: String { "\(field.rawValue) ~ \"\(pattern)\"" }

    /// Two rules are the same when they are written the same (the compiled form follows from that).
    package static func == (lhs: ArticleRule, rhs: ArticleRule) -> Bool {
        lhs.action == rhs.action && lhs.field == rhs.field && lhs.pattern == rhs.pattern
    }
}

/// A rule that could not be read; `message` says what is wrong for feeds.conf's line.
package struct RuleError: Error, Sendable, CustomStringConvertible {
    package var message: String
    init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// The compiled expression, shared by every copy of the rule. `Regex` is not `Sendable`; the workers that
/// run pipelines take turns on it through a mutex (a match is short: the text is capped).
private final class CompiledPattern: Sendable {
    private let regex: Mutex<Regex<AnyRegexOutput>>

    init(_ regex: sending Regex<AnyRegexOutput>) { self.regex = Mutex(regex) }

    func matches(_ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        let text = Self.capped(value)
        return regex.withLock { text.contains($0) }
    }

    /// The first `maxMatchedBytes` of `value`, cut at a character boundary.
    static func capped(_ value: String) -> Substring {
        let utf8 = value.utf8
        guard utf8.count > ArticleRule.maxMatchedBytes else { return value[...] }
        var end = utf8.index(utf8.startIndex, offsetBy: ArticleRule.maxMatchedBytes)
        while end > utf8.startIndex, String.Index(end, within: value) == nil { end = utf8.index(before: end) }
        return value[..<end]
    }
}
