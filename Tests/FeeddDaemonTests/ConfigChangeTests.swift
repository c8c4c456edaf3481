import FeeddCore
import FeeddDaemon
import Testing

/// What a SIGHUP reload does to each source, decided without a daemon.
@Suite struct ConfigChangeTests {
    static func config(_ sources: [Source]) -> Config { Config(path: "feeds.conf", settings: .defaults, sources: sources) }

    static func state(for source: Source) -> SourceState {
        var state = SourceState(name: source.name)
        state.configHash = ConfigChange.fetchHash(source)
        return state
    }

    @Test func sourcesAreAddedRemovedOrLeftAlone() {
        let kept = Source(name: "kept", url: "https://a.example/feed")
        let gone = Source(name: "gone", url: "https://b.example/feed")
        let new = Source(name: "new", url: "https://c.example/feed")
        let change = ConfigChange(
            from: Self.config([kept, gone]), to: Self.config([kept, new]),
            states: ["kept": Self.state(for: kept), "gone": Self.state(for: gone)])
        #expect(change.added.map(\.name) == ["new"])
        #expect(change.removed.map(\.name) == ["gone"])
        #expect(change.changed == 0)
    }

    @Test func aChangedURLProxyOrHeaderStartsAfreshAndAnythingElseOnlyRetimes() {
        let source = Source(name: "desk", url: "https://a.example/feed")
        let states = ["desk": Self.state(for: source)]
        var moved = source
        moved.url = "https://a.example/rss"
        var proxied = source
        proxied.proxy = "http://proxy.example:3128"
        var header = source
        header.headers = [HTTPHeader(name: "Authorization", value: "Bearer x")]
        for fetchedDifferently in [moved, proxied, header] {
            let change = ConfigChange(from: Self.config([source]), to: Self.config([fetchedDifferently]), states: states)
            #expect(change.refetched.map(\.name) == ["desk"])
            #expect(change.retimed.isEmpty)
        }
        var slower = source
        slower.interval = 3600
        slower.tags = ["world"]
        let change = ConfigChange(from: Self.config([source]), to: Self.config([slower]), states: states)
        #expect(change.retimed.map(\.name) == ["desk"])
        #expect(change.refetched.isEmpty)
    }

    @Test func aChangedSourceWithoutStateStartsAfresh() {
        let source = Source(name: "desk", url: "https://a.example/feed")
        var slower = source
        slower.interval = 3600
        let change = ConfigChange(from: Self.config([source]), to: Self.config([slower]), states: [:])
        #expect(change.refetched.map(\.name) == ["desk"])
    }
}
