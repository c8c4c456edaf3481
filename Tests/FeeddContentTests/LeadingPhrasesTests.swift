import Testing

@testable import FeeddContent

@Suite("Leading phrases matched on folded bytes")
struct LeadingPhrasesTests {
    static func opens(_ phrases: [String], _ head: String) -> Bool {
        LeadingPhrases(phrases).open(LeadingPhrases.fold(Array(head.utf8)))
    }

    @Test func caseIsFoldedForASCIIAndLatin1() {
        #expect(Self.opens(["read more"], "READ MORE: the talks"))
        #expect(Self.opens(["à lire aussi"], "À LIRE AUSSI"))
        #expect(Self.opens(["ähnliche artikel"], "Ähnliche Artikel"))
        #expect(!Self.opens(["read more"], "Ready for more"))
        #expect(!Self.opens(["read more"], ""))
    }

    @Test(arguments: ["Home / Latest Updates /", "Home » News", "Home › Sport", "Home > World", "HOME | Blog"])
    func breadcrumbs(_ head: String) {
        #expect(ContentCleaner.isBreadcrumb(LeadingPhrases.fold(Array(head.utf8))))
    }

    @Test func homeInProseIsNoBreadcrumb() {
        #expect(!ContentCleaner.isBreadcrumb(LeadingPhrases.fold(Array("Homes for the displaced".utf8))))
        #expect(!ContentCleaner.isBreadcrumb(LeadingPhrases.fold(Array("Home is where they return".utf8))))
    }
}
