import FeeddCore
import Foundation
import Testing

@testable import FeeddStore

@Suite("Source state")
struct StateStoreTests {
    @Test func roundTripsAndReplacesAtomically() throws {
        let temp = TemporaryDirectory("state")
        defer { temp.remove() }
        let store = StateStore(directory: temp.store)
        #expect(store.load().isEmpty)
        var state = SourceState(name: "blog \"one\"")
        state.etag = "\"abc\""
        state.lastModified = "Wed, 21 Oct 2015 07:28:00 GMT"
        state.errorStreak = 3
        state.lastStatus = 304
        state.disabled = true
        state.nextPoll = Date(timeIntervalSince1970: 1_800_000_000)
        state.feedHint = 3600
        state.recentPublications = [Date(timeIntervalSince1970: 1_700_000_000)]
        try store.save([state.name: state, "other": SourceState(name: "other")])
        let loaded = store.load()
        #expect(loaded[state.name] == state)
        #expect(loaded["other"] == SourceState(name: "other"))
        try store.save(["other": SourceState(name: "other")])
        #expect(store.load().count == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: temp.store)
        #expect(names == ["state.json"], "no temporary file is left behind")
    }

    @Test func unreadableStateLoadsAsEmpty() throws {
        let temp = TemporaryDirectory("state")
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        try Data("{\"sources\": {tru".utf8).write(to: URL(fileURLWithPath: temp.store + "/state.json"))
        #expect(StateStore(directory: temp.store).load().isEmpty)
    }
}
