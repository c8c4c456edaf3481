import FeeddCore
import FeeddStore
import Foundation
import Glibc

/// `feedd read`: committed records as JSON Lines, exactly as stored.
enum ReadCommand: Command {
    static let name = "read"
    static let summary = "print stored records as JSON Lines (optionally following new ones)"
    static let help = """
        usage: feedd read [--store DIR | --config PATH] [--since SEQ | --since-time RFC3339] [--source NAME] [--follow]
               feedd read --nats [--config PATH] [--since SEQ | --since-time RFC3339] [--source NAME]

        Prints committed records, one JSON object per line, exactly as stored, oldest first.
          --since SEQ          only records with seq greater than SEQ (resume from the last seq you saw)
          --since-time TIME    only records stored at or after TIME (RFC 3339, e.g. 2026-01-31T00:00:00Z)
          --source NAME        only records of that source
          --follow             keep waiting for new records (across segment rolls) until interrupted
        Damaged records are skipped with a warning on stderr; run 'feedd verify' for details.

        With --nats, prints the records of the JetStream stream of feeds.conf's [output nats] instead (what every
        instance published), in stream order, up to its last message; --since is then a stream sequence number and
        --since-time the time the stream stored a message. --follow does not apply.

        exit codes: 0 ok, 1 store error, 64 usage error, 66 --source names no source the store has
                    (without --follow, which waits for a source that has not stored anything yet)
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let sinceText = try arguments.option("since")
        let sinceTimeText = try arguments.option("since-time")
        let source = try arguments.option("source")
        let follow = arguments.flag("follow")
        let nats = arguments.flag("nats")
        if nats, follow { throw UsageError(command: name, "--follow does not apply to --nats") }
        if nats, try arguments.option("store") != nil {
            throw UsageError(command: name, "--nats reads the stream of feeds.conf's [output nats]: use --config, not --store")
        }
        let config = nats ? try ConfigLocation.load(&arguments) : nil
        let directory = try config.map(\.settings.store) ?? ConfigLocation.storeDirectory(&arguments)
        try arguments.finish()
        var since: UInt64?
        if let sinceText {
            guard let value = UInt64(sinceText) else {
                throw UsageError(command: name, "--since needs a seq number, not \"\(sinceText)\"")
            }
            since = value
        }
        var sinceTime: Date?
        if let sinceTimeText {
            guard let value = RFC3339.parse(sinceTimeText) else {
                throw UsageError(command: name, "--since-time needs an RFC 3339 time like 2026-01-31T00:00:00Z")
            }
            sinceTime = value
        }
        if since != nil && sinceTime != nil {
            throw UsageError(command: name, "use either --since or --since-time")
        }
        if let config, nats {
            return ReadNATSCommand.run(config: config, since: since, sinceTime: sinceTime, source: source)
        }
        let reader: JournalReader
        do {
            reader = try JournalReader(directory: directory) { damage in
                Output.error("feedd read: warning: \(damage)")
            }
        } catch {
            Output.error("feedd read: \(error.message)")
            return ExitCode.failure
        }
        let pattern = source.map(RecordLine.sourcePattern)
        var out = StandardOutput()
        func isWanted(_ record: StoredRecord) -> Bool {
            guard let pattern else { return true }
            return record.line.withUnsafeBytes { RecordLine.matches($0, sourcePattern: pattern) }
        }
        func emit(_ record: StoredRecord) -> Bool {
            guard isWanted(record) else { return true }
            return out.write(record.line)
        }
        if follow {
            do {
                try reader.follow(since: since, sinceTime: sinceTime) { record in
                    let keepGoing = emit(record)
                    // A follower wants each record as soon as it is committed.
                    return keepGoing && out.flush()
                }
            } catch {
                Output.error("feedd read: \(error.message)")
                return ExitCode.failure
            }
        } else {
            var printed = false
            for record in reader.records(since: since, sinceTime: sinceTime) {
                printed = printed || isWanted(record)
                guard emit(record) else { break }
            }
            // Nothing printed for a name may be a typo: say so, unless the source has records before the range.
            if let source, !printed, !reader.records(since: nil, sinceTime: nil).contains(where: isWanted) {
                _ = out.flush()
                Output.error("feedd read: no source \"\(source)\" in the store \(directory) ('feedd status' lists the configured sources)")
                return ExitCode.noSuchSource
            }
        }
        _ = out.flush()
        return ExitCode.success
    }
}

/// Buffered stdout with large writes; false once the reader has gone away (EPIPE), so `read | head` ends quietly.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private var broken = false

    init() {
        signal(SIGPIPE, SIG_IGN)
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ line: [UInt8]) -> Bool {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        return buffer.count < 1 << 20 ? !broken : flush()
    }

    mutating func flush() -> Bool {
        guard !broken else { return false }
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                broken = true
                return false
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
        return true
    }
}
