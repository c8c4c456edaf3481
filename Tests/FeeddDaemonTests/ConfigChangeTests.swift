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

/// The `reload` line's counts and names.
@Suite struct ConfigChangeReloadLineTests {
    static func config(_ sources: [Source]) -> Config { Config(path: "feeds.conf", settings: .defaults, sources: sources) }

    /// A section added above the others moves every later `[source]` down: that is not a change.
    @Test func sourcesThatOnlyMovedInTheFileAreNotChanged() {
        let old = (0..<7).map { index in
            var source = Source(name: "desk-\(index)", url: "https://a.example/\(index)")
            source.line = 10 + index * 3
            return source
        }
        var new = old.map { source in
            var moved = source
            moved.line += 4
            return moved
        }
        new[2].interval = 3600
        new[5].url = "https://a.example/5.xml"
        var added = Source(name: "desk-new", url: "https://a.example/new")
        added.line = 5
        let states = Dictionary(uniqueKeysWithValues: old.map { source in
            var state = SourceState(name: source.name)
            state.configHash = ConfigChange.fetchHash(source)
            return (source.name, state)
        })
        let change = ConfigChange(from: Self.config(old), to: Self.config([added] + new), states: states)
        #expect(change.changed == 2)
        #expect(change.changedSources.map(\.name) == ["desk-2", "desk-5"])
        #expect(change.refetched.map(\.name) == ["desk-5"])
        #expect(change.retimed.map(\.name) == ["desk-2"])
        #expect(ConfigChange.names(change.added) == "desk-new")
        #expect(ConfigChange.names(change.changedSources) == "desk-2,desk-5")
        #expect(ConfigChange.names(change.removed) == nil, "no names: the field is left out")
    }

    @Test func namesAreBoundedToTheFirstTenAndACount() {
        let sources = (0..<13).map { Source(name: "s\($0)", url: "https://a.example/\($0)") }
        #expect(ConfigChange.names(sources) == "s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,+3 more")
        #expect(ConfigChange.names(Array(sources.prefix(10))) == "s0,s1,s2,s3,s4,s5,s6,s7,s8,s9")
    }
}
