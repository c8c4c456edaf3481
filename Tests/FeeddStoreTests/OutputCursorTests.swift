import FeeddCore
import Foundation
import Testing

@testable import FeeddStore

@Suite("Output cursor")
struct OutputCursorTests {
    @Test func roundTripsAndReplacesTheFile() throws {
        let temp = TemporaryDirectory("cursor")
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        let store = OutputCursorStore(directory: temp.store)
        #expect(store.load() == nil)
        let claimant = OutputCursor.newClaimant()
        #expect(claimant.count == 32 && claimant != OutputCursor.newClaimant())
        try store.save(OutputCursor(stream: "FEEDD", acknowledgedSeq: 41, claimant: claimant))
        try store.save(OutputCursor(stream: "FEEDD", acknowledgedSeq: UInt64(Int64.max) + 7, claimant: claimant))
        #expect(store.load() == OutputCursor(stream: "FEEDD", acknowledgedSeq: UInt64(Int64.max) + 7, claimant: claimant))
        // Nothing else is left in the store (the temporary file was renamed over).
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.store) == [OutputCursorStore.fileName])
    }

    @Test func anUnreadableFileIsNoCursor() throws {
        let temp = TemporaryDirectory("cursor")
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        let store = OutputCursorStore(directory: temp.store)
        try Data("{\"stream\":\"FEEDD\"".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load() == nil)
    }
}
