import FeeddCore
import Testing

@testable import FeeddHTTP

/// How a proxy failure names the proxy: the source's own, else none when `proxy` is empty, never its password.
@Suite struct ProxyNameTests {
    @Test(arguments: [
        ("http://user:secret@proxy.example:3128", "http://proxy.example:3128"),
        ("socks5h://u@10.0.0.1:1080", "socks5h://10.0.0.1:1080"),
        ("proxy.example:3128", "proxy.example:3128"),
        ("http://proxy.example:3128/a@b", "http://proxy.example:3128/a@b"),
    ])
    func credentialsAreLeftOut(proxy: String, shown: String) {
        #expect(FetchError.redacted(proxy) == shown)
    }

    @Test func theSourcesProxyWinsAndAnEmptyOneMeansNone() {
        let url = "http://feed.example/rss"
        #expect(FetchError.proxy(for: FetchRequest(url: url, proxy: "http://p.example:3128"), url: url) == "http://p.example:3128")
        #expect(FetchError.proxy(for: FetchRequest(url: url, proxy: ""), url: url) == nil)
    }
}
