import Testing

@testable import FeeddContent

@Suite("LinkTarget tells where a link in the story leads")
struct LinkTargetTests {
    let page = LinkTarget(pageURL: "https://www.harbour.example/press/releases/2024/new-pier")

    @Test func aWayBackIsHistoryOrAListingAboveThePage() {
        #expect(page.leadsBack("javascript:history.back()"))
        #expect(page.leadsBack("javascript:history.go(-1)"))
        #expect(page.leadsBack("/press"))
        #expect(page.leadsBack("/press/releases/"))
        #expect(page.leadsBack("https://harbour.example/press/releases/2024"))
        #expect(page.leadsBack("../../"))
    }

    @Test func theRootAnotherPageOrAnotherSiteIsNoWayBack() {
        #expect(!page.leadsBack("/"))
        #expect(!page.leadsBack("/press/releases/2024/new-pier"))
        #expect(!page.leadsBack("/press/archive"))
        #expect(!page.leadsBack("/press?page=2"))
        #expect(!page.leadsBack("https://other.example/press"))
        #expect(!page.leadsBack("javascript:print()"))
    }

    @Test func theSameSiteIsAPathOrTheSameHost() {
        #expect(page.isSameSite("/news/other-story"))
        #expect(page.isSameSite("other-story"))
        #expect(page.isSameSite("https://harbour.example/news/x"))
        #expect(page.isSameSite("//www.harbour.example/news/x"))
        #expect(!page.isSameSite("https://ferries.example/timetable"))
        #expect(!page.isSameSite("mailto:desk@harbour.example"))
        #expect(!page.isSameSite("#top"))
    }

    @Test func theCanonicalURLStandsInForAMissingPageURL() {
        let target = LinkTarget(pageURL: "saved-page.html", canonicalURL: "https://harbour.example/press/x")
        #expect(target.isSameSite("https://www.harbour.example/news/y"))
        #expect(target.leadsBack("/press"))
        #expect(!LinkTarget(pageURL: nil).isSameSite("https://harbour.example/news/y"))
    }
}
