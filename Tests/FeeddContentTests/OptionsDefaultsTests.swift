import FeeddCore
import Testing

@testable import FeeddContent

/// The content stages default to the settings' defaults, and take a source's effective settings.
@Suite struct OptionsDefaultsTests {
    @Test func parseOptionsDefaultToTheSettingsDefaults() {
        let options = ParseOptions()
        #expect(options.maxBytes == Int(Settings.defaults.maxBytes))
        #expect(options.iframeHosts == Settings.defaults.iframeHosts)
    }

    @Test func optionsFromAResolvedSource() {
        var settings = Settings(store: "/tmp/x")
        settings.iframeHosts = ["video.example"]
        var source = Source(name: "s", url: "https://a.example/")
        source.maxBytes = 1024
        source.content = "article"
        source.exclude = ".promo"
        let resolved = Source.Resolved(source, settings: settings)
        let parse = ParseOptions(source: resolved, url: "https://a.example/moved", contentType: "text/xml")
        #expect(parse.maxBytes == 1024 && parse.iframeHosts == ["video.example"] && parse.url == "https://a.example/moved")
        let extract = ExtractOptions(source: resolved, url: "https://a.example/story")
        #expect(extract.contentSelector == "article" && extract.excludeSelector == ".promo")
    }
}
