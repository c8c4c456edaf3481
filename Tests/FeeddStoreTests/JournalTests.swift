import FeeddCore
import FeeddSystem
import Foundation
import Testing

@testable import FeeddStore

@Suite("Journal")
struct JournalTests {
    @Test func appendsSyncsAndReopens() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let log = LogCapture()
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        let first = try journal.append((1...3).map { .article(Articles.make($0)) })
        #expect(first == [1, 2, 3])
        let second = try journal.append([.article(Articles.make(4))])
        #expect(second == [4])
        #expect(journal.lastSeq == 4)
        journal.close()

        let reopened = try Journal.open(directory: temp.store, options: JournalOptions(), logger: log.logger)
        #expect(reopened.lastSeq == 4)
        #expect(try reopened.append([.article(Articles.make(5))]) == [5])
        reopened.close()
        #expect(!log.contains("store_repaired"))

        let text = try String(contentsOfFile: temp.store + "/00000000000000000001.jsonl", encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("{\"seq\":1,\"kind\":\"article\",\"id\":\"id-1\""))
        #expect(text.hasSuffix("\n"))
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["seq"] as? NSNumber)?.intValue == index + 1)
            let article = try #require(Article(record: object))
            #expect(article == Articles.make(index + 1))
        }
    }

    @Test func concurrentAppendsGetDistinctGapFreeSeqs() async throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let journal = try Journal.open(directory: temp.store, options: JournalOptions(), logger: LogCapture().logger)
        let seqs = await withTaskGroup(of: [UInt64].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mine: [UInt64] = []
                    for i in 0..<25 {
                        mine += (try? journal.append([.article(Articles.make(task * 100 + i))])) ?? []
                    }
                    return mine
                }
            }
            var all: [UInt64] = []
            for await part in group { all += part }
            return all
        }
        #expect(seqs.sorted() == Array(1...200))
        journal.close()
    }

    @Test func closeWritesEveryPendingBatchFirst() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var options = JournalOptions()
        options.batchMaxRecords = 10
        options.batchMaxDelay = 60
        let journal = try Journal.open(directory: temp.store, options: options, logger: LogCapture().logger)
        let outcomes = LogSinkHolder()
        for i in 1...95 {
            journal.append([.article(Articles.make(i))]) { result in
                outcomes.append((try? result.get()) == nil ? "failed" : "stored")
            }
        }
        journal.close()
        #expect(outcomes.all.count == 95)
        #expect(outcomes.all.allSatisfy { $0 == "stored" })
        #expect(Array(try JournalReader(directory: temp.store).records()).count == 95)
    }
}
