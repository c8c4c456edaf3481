import FeeddCore
import FeeddSystem
import Foundation
import Glibc
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

    #if FEEDD_FAULTS  // fault injection exists in debug builds only
    /// Rule 2: the replacement is synced and renamed, and the rename made durable; a failure keeps the old state.
    @Test func failedSaveKeepsThePreviousState() throws {
        let temp = TemporaryDirectory("state")
        defer { temp.remove(); FaultInjection.disarm(pathPrefix: temp.path) }
        let store = StateStore(directory: temp.store)
        var state = SourceState(name: "a")
        state.etag = "\"v1\""
        try store.save(["a": state])
        state.etag = "\"v2\""
        FaultInjection.arm(.sync, errno: EIO, pathPrefix: temp.store)
        #expect(throws: StoreError.self) { try store.save(["a": state]) }
        #expect(store.load()["a"]?.etag == "\"v1\"")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.store) == ["state.json"])
        FaultInjection.arm(.directorySync, errno: EIO, pathPrefix: temp.store)
        #expect(throws: StoreError.self) { try store.save(["a": state]) }
        try store.save(["a": state])
        #expect(store.load()["a"]?.etag == "\"v2\"")
    }
    #endif
}
