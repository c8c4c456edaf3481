@testable import FeeddContent
import Testing

/// The byte-level tables the sanitizer looks tags up in must say exactly what `SanitizerPolicy` says.
@Suite struct SanitizerTablesTests {
    let tables = SanitizerTables.shared

    static let policyTags = Set(SanitizerPolicy.allowed.keys).union(SanitizerPolicy.droppedWithContent)
        .union(SanitizerPolicy.voidElements).union(SanitizerPolicy.rawTextElements).sorted()

    func names(_ set: NameSet, in table: NameTable) -> Set<String> {
        Set(table.names.indices.filter(set.contains).map { String(decoding: table.names[$0], as: UTF8.self) })
    }

    func attributeNames(_ set: NameSet) -> Set<String> { names(set, in: tables.attributes) }

    func tagNames(_ set: NameSet) -> Set<String> { names(set, in: tables.tags) }

    @Test(arguments: policyTags) func ruleAgreesWithPolicy(_ name: String) throws {
        let number = try #require(tables.tags.number(of: name))
        #expect(String(decoding: tables.tags.names[number], as: UTF8.self) == name)
        let rule = tables.rules[number]
        let allowed = SanitizerPolicy.allowed[name].map { $0.union(SanitizerPolicy.globalAttributes) }
        #expect(rule.attributes.map(attributeNames) == allowed)
        #expect(rule.dropsContent == SanitizerPolicy.droppedWithContent.contains(name))
        #expect(rule.isVoid == SanitizerPolicy.voidElements.contains(name))
        #expect(rule.isRawText == SanitizerPolicy.rawTextElements.contains(name))
        #expect(tagNames(rule.closes) == SanitizerPolicy.implicitlyClosedBy[name] ?? [])
    }

    @Test func tablesHoldNothingElse() {
        #expect(tables.tags.names.count == Self.policyTags.count)
        #expect(tables.rules.count == Self.policyTags.count)
        #expect(attributeNames(tables.urlAttributes) == SanitizerPolicy.urlAttributes)
        // No tag keeps the attributes the sanitizer adds itself.
        for rule in tables.rules {
            #expect(rule.attributes?.contains(tables.rel) != true && rule.attributes?.contains(tables.sandbox) != true)
        }
    }

    @Test func lookupIgnoresASCIICaseOnly() {
        #expect(tables.tags.number(of: "IMG") == tables.img)
        #expect(tables.tags.number(of: "iFrAmE") == tables.iframe)
        #expect(tables.attributes.number(of: "HREF") == tables.href)
        #expect(tables.tags.number(of: "İmg") == nil)
    }

    @Test(arguments: ["", "im", "imgx", "img\u{0}", "h7", "iframe-blocked-too", "figcaptionfigcaption", "scrip", "a b"])
    func unknownNamesAreNotFound(_ name: String) {
        #expect(tables.tags.number(of: name) == nil)
    }

    @Test func numbersAreDenseAndRoundTrip() {
        let names = ["alpha", "beta", "gamma-delta", "abcdefghijklmno", "abcdefgh", "abcdefghi"]
        let table = NameTable(names)
        for (number, name) in names.enumerated() {
            #expect(table.number(of: name) == number)
            #expect(table.number(of: name.uppercased()) == number)
        }
        #expect(table.number(of: "abcdefghijklmnop") == nil)
        #expect(table.number(of: "abcdefg") == nil)
        #expect(table.number(of: "abcdefgh\u{0}") == nil)
    }

    @Test func nameSetHoldsWhatWasInserted() {
        let set = NameSet([0, 5, 63, 64, 127])
        #expect((0..<NameSet.capacity).filter(set.contains) == [0, 5, 63, 64, 127])
        #expect(NameSet().isEmpty && !set.isEmpty)
    }
}
