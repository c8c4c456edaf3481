/// The syntax of the CSS selectors feeds.conf accepts (`links`, `content`, `exclude`): type and `*`, `.class`,
/// `#id`, `[attr]`, `[attr=v]` (also `~=`, `^=`, `$=`, `*=`, `|=`), descendant (` `) and child (`>`)
/// combinators, lists (`,`) and `:not(…)` of simple selectors. It lives in FeeddCore so the config parser
/// refuses a bad selector at load time (check-config, start and reload alike) with the same grammar that
/// FeeddContent's `CSSSelector` matches with; there is one parser, so the two cannot disagree.
package struct SelectorSyntax: Sendable {
    /// Complex selectors of the list, any of which may match.
    package let alternatives: [Complex]

    /// Parses `text`, or throws a message saying what is wrong and where.
    package init(_ text: String) throws(SelectorSyntaxError) {
        var parser = Parser(Array(text.utf8), source: text)
        alternatives = try parser.parseList()
    }

    package enum Combinator: Sendable { case descendant, child }

    package struct Complex: Sendable {
        /// Compounds left to right; `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
        package var compounds: [Compound]
        package var combinators: [Combinator]
    }

    package struct Compound: Sendable {
        package var tag: String?
        package var simple: [Simple] = []
    }

    package enum AttributeOperator: Sendable { case exists, equals, includes, prefix, suffix, substring, dashPrefix }

    package indirect enum Simple: Sendable {
        case id(String)
        case className(String)
        case attribute(String, AttributeOperator, String)
        case not([Compound])
    }

    // MARK: parser

    private struct Parser {
        let bytes: [UInt8]
        let source: String
        var index = 0

        init(_ bytes: [UInt8], source: String) {
            self.bytes = bytes
            self.source = source
        }

        func fail(_ message: String) -> SelectorSyntaxError {
            SelectorSyntaxError(message: "selector \"\(source)\": \(message) at offset \(index)")
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpaces() -> Bool {
            let start = index
            while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { index += 1 }
            return index > start
        }

        mutating func parseList() throws(SelectorSyntaxError) -> [Complex] {
            var list: [Complex] = []
            repeat {
                _ = skipSpaces()
                list.append(try parseComplex())
                _ = skipSpaces()
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == nil { break }
                throw fail("unexpected \"\(Character(Unicode.Scalar(current!)))\"")
            } while true
            return list
        }

        mutating func parseComplex() throws(SelectorSyntaxError) -> Complex {
            var complex = Complex(compounds: [try parseCompound()], combinators: [])
            while true {
                let spaced = skipSpaces()
                guard let c = current, c != UInt8(ascii: ","), c != UInt8(ascii: ")") else { break }
                if c == UInt8(ascii: ">") {
                    index += 1
                    _ = skipSpaces()
                    complex.combinators.append(.child)
                } else if spaced {
                    complex.combinators.append(.descendant)
                } else {
                    throw fail("unexpected \"\(Character(Unicode.Scalar(c)))\"")
                }
                complex.compounds.append(try parseCompound())
            }
            return complex
        }

        mutating func parseCompound() throws(SelectorSyntaxError) -> Compound {
            var compound = Compound()
            var empty = true
            if current == UInt8(ascii: "*") {
                index += 1
                empty = false
            } else if let name = identifier() {
                compound.tag = name.lowercased()
                empty = false
            }
            while let c = current {
                switch c {
                case UInt8(ascii: "#"):
                    index += 1
                    guard let name = identifier() else { throw fail("expected an id") }
                    compound.simple.append(.id(name))
                case UInt8(ascii: "."):
                    index += 1
                    guard let name = identifier() else { throw fail("expected a class name") }
                    compound.simple.append(.className(name))
                case UInt8(ascii: "["):
                    index += 1
                    compound.simple.append(try attribute())
                case UInt8(ascii: ":"):
                    index += 1
                    guard identifier()?.lowercased() == "not", current == UInt8(ascii: "(") else {
                        throw fail("only :not(…) is supported")
                    }
                    index += 1
                    var inner: [Compound] = []
                    repeat {
                        _ = skipSpaces()
                        inner.append(try parseCompound())
                        _ = skipSpaces()
                        if current == UInt8(ascii: ",") { index += 1; continue }
                        break
                    } while true
                    guard current == UInt8(ascii: ")") else { throw fail("expected \")\"") }
                    index += 1
                    compound.simple.append(.not(inner))
                default:
                    if empty { throw fail("expected a selector") }
                    return compound
                }
                empty = false
            }
            if empty { throw fail("expected a selector") }
            return compound
        }

        mutating func attribute() throws(SelectorSyntaxError) -> Simple {
            _ = skipSpaces()
            guard let name = identifier()?.lowercased() else { throw fail("expected an attribute name") }
            _ = skipSpaces()
            guard let c = current else { throw fail("unterminated [") }
            if c == UInt8(ascii: "]") {
                index += 1
                return .attribute(name, .exists, "")
            }
            var op = AttributeOperator.equals
            if c != UInt8(ascii: "=") {
                switch c {
                case UInt8(ascii: "~"): op = .includes
                case UInt8(ascii: "^"): op = .prefix
                case UInt8(ascii: "$"): op = .suffix
                case UInt8(ascii: "*"): op = .substring
                case UInt8(ascii: "|"): op = .dashPrefix
                default: throw fail("unknown attribute operator")
                }
                index += 1
                guard current == UInt8(ascii: "=") else { throw fail("expected \"=\"") }
            }
            index += 1
            _ = skipSpaces()
            var value: String
            if let quote = current, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                index += 1
                let start = index
                while let q = current, q != quote { index += 1 }
                guard current == quote else { throw fail("unterminated string") }
                value = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
            } else {
                guard let word = identifier() else { throw fail("expected a value") }
                value = word
            }
            _ = skipSpaces()
            guard current == UInt8(ascii: "]") else { throw fail("expected \"]\"") }
            index += 1
            return .attribute(name, op, value)
        }

        /// A CSS identifier (letters, digits, `-`, `_`, non-ASCII; `\` escapes one character).
        mutating func identifier() -> String? {
            var result: [UInt8] = []
            while let c = current {
                if c == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    result.append(bytes[index + 1])
                    index += 2
                    continue
                }
                let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80
                guard ok else { break }
                result.append(c)
                index += 1
            }
            return result.isEmpty ? nil : String(decoding: result, as: UTF8.self)
        }
    }
}

/// Why a selector does not parse: `selector "h2 >> a": expected a selector at offset 4`.
package struct SelectorSyntaxError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
