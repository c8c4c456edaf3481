// A child process for feedd's crash tests: appends through the real Journal as fast as it can, from several
// threads, and prints "seq id" for each record only after its append completion (i.e. after fdatasync).
// The test kills it with SIGKILL at a random moment and checks every printed record survived.
import Dispatch
import FeeddCore
import FeeddStore
import Foundation
import Glibc

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: journal-crash-child STORE TAG\n".utf8))
    exit(64)
}
let directory = arguments[1]
let tag = arguments[2]
let sink = LogSink(level: .warning, style: .stream) { line in FileHandle.standardError.write(Data(line.utf8)) }
let options = JournalOptions(segmentMaxBytes: 24 * 1024, batchMaxRecords: 8, batchMaxDelay: 0.001)
let journal: Journal
do {
    journal = try Journal.open(directory: directory, options: options, logger: Logger(sink: sink))
} catch {
    FileHandle.standardError.write(Data("open failed: \(error)\n".utf8))
    exit(1)
}

/// One write(2) per acknowledgement, so a kill never leaves half a line of a record that was acked.
@Sendable func report(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { raw in
        var done = 0
        while done < raw.count {
            let n = write(1, raw.baseAddress! + done, raw.count - done)
            if n <= 0 { if errno == EINTR { continue }; exit(2) }
            done += n
        }
    }
}

let threads = 4
for thread in 0..<threads {
    Thread.detachNewThread {
        var n = 0
        while true {
            let size = 1 + n % 3
            let ids = (0..<size).map { "\(tag)-\(thread)-\(n + $0)" }
            let records = ids.map { id in
                JournalRecord.article(
                    Article(
                        id: id, source: "crash", title: "record \(id)", fetched: Date(),
                        content: String(repeating: "c", count: 300 + (n * 37) % 900)))
            }
            n += size
            let done = DispatchSemaphore(value: 0)
            journal.append(records) { result in
                if case .success(let seqs) = result {
                    report(zip(seqs, ids).map { "\($0) \($1)\n" }.joined())
                }
                done.signal()
            }
            done.wait()
        }
    }
}
report("ready\n")
dispatchMain()
