import Testing

@testable import FeeddHTTP

@Suite struct RobotsTxtTests {
    let text = """
        # robots for a news site
        User-agent: *
        Disallow: /wp-admin/
        Allow: /wp-admin/admin-ajax.php
        Disallow: /search
        Disallow: /*?replytocom=
        Disallow: /*.pdf$

        User-agent: BadBot
        Disallow: /

        User-agent: feedd
        User-agent: other
        Disallow: /private/
        Crawl-delay: 5
        """

    @Test func theGroupNamingFeeddWinsOverTheStarGroup() {
        let robots = RobotsTxt(text, agent: "feedd")
        #expect(!robots.allows("/private/story"))
        #expect(robots.allows("/wp-admin/"))
        #expect(robots.crawlDelay == 5)
    }

    @Test func theStarGroupAppliesToOthers() {
        let robots = RobotsTxt(text, agent: "SomeReader")
        #expect(!robots.allows("/wp-admin/options.php"))
        #expect(robots.allows("/wp-admin/admin-ajax.php"))
        #expect(!robots.allows("/search?q=kabul"))
        #expect(!robots.allows("/2017/02/story/?replytocom=12"))
        #expect(robots.allows("/2017/02/story/"))
        #expect(!robots.allows("/files/report.pdf"))
        #expect(robots.allows("/files/report.pdf.html"))
        #expect(robots.crawlDelay == nil)
    }

    @Test func disallowAllAndEmptyFiles() {
        #expect(!RobotsTxt("User-agent: *\nDisallow: /\n", agent: "feedd").allows("/anything"))
        #expect(RobotsTxt("User-agent: *\nDisallow:\n", agent: "feedd").allows("/anything"))
        #expect(RobotsTxt("", agent: "feedd").allows("/anything"))
        #expect(RobotsTxt.allowAll.allows("/"))
        #expect(RobotsTxt("<html>not robots</html>", agent: "feedd").allows("/x"))
    }

    @Test func longestMatchWinsAndAllowWinsTies() {
        let robots = RobotsTxt("User-agent: *\nDisallow: /news\nAllow: /news/\nDisallow: /news/old\nAllow: /page\nDisallow: /page\n", agent: "feedd")
        #expect(!robots.allows("/news"))
        #expect(robots.allows("/news/today"))
        #expect(!robots.allows("/news/old/1"))
        #expect(robots.allows("/page"))
    }
}
