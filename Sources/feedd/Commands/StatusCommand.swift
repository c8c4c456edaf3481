import FeeddCore
import FeeddOutput
import FeeddStore
import Foundation

/// `feedd status`: one row per source from the stored state; safe while the daemon runs (read-only).
enum StatusCommand: Command {
    static let name = "status"
    static let summary = "show each source's last poll, status, new articles, errors and next poll"
    static let help = """
        usage: feedd status [--config PATH] [--json] [--shard K/N]

        One row per source of feeds.conf: last poll, last HTTP status, articles stored in the last
        24 hours, error streak, next poll, and the effective URL when a permanent redirect moved it.
        The last line says whether a feedd is running on this store (the holder of its LOCK). When none
        is, NEXT POLL reads "stopped"; when one is but a poll is well past due, it reads "overdue …".
        Reads the store only, so it works while the daemon runs. --json prints one JSON object per source,
        with "daemon" (running, stopped or unknown) and "stale" (the next poll will not happen on time).
        With shard = K/N (or --shard K/N, as given to feedd run) the rows are the sources this instance owns,
        and a line says how many sources and hosts that is. With membership = nats the members are read from
        NATS: the rows are this instance's share of the instances registered now (with it among them).
        With [output nats], a last line says how much of the journal the stream has acknowledged.

        exit codes: 0 ok, 2 invalid feeds.conf, 64 usage error
        """

    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let json = arguments.flag("json")
        let shard = try ShardOption.parse(&arguments)
        var config = try ConfigLocation.load(&arguments)
        try arguments.finish()
        ShardOption.apply(shard, to: &config)
        let configured = config.sources
        // Live membership: the share of the members registered now (read from NATS); the rows stay every
        // source when they cannot be read.
        var ownership = ShardOption.ownership(config)
        var live: String?
        if config.settings.membership == .nats {
            let reading = Result { () throws(OutputError) in try LiveMembers.read(config) }
            live = LiveMembers.line(config, reading)
            ownership = try? reading.get().ownership
        }
        if let ownership { config = ownership.owned(in: config) }
        let states = StateStore(directory: config.settings.store).load()
        let now = Date()
        let daemon = StoreLockHolder.of(directory: config.settings.store)
        var recent: [String: Int] = [:]
        if let reader = try? JournalReader(directory: config.settings.store) {
            for record in reader.records(sinceTime: now.addingTimeInterval(-86_400)) {
                if let article = record.article, article.fetched >= now.addingTimeInterval(-86_400) {
                    recent[article.source, default: 0] += 1
                }
            }
        }
        var rows: [[String]] = [["SOURCE", "LAST POLL", "STATUS", "NEW 24H", "STREAK", "NEXT POLL", "NOTE"]]
        for source in config.sources {
            let state = states[source.name]
            let note: String
            if state?.disabled == true {
                note = "disabled: gone (410)"
            } else if let error = state?.lastError, (state?.errorStreak ?? 0) > 0 {
                note = error
            } else if let moved = state?.effectiveURL {
                note = "moved to \(moved)"
            } else {
                note = ""
            }
            let next = nextPoll(state, daemon: daemon, now: now)
            if json {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("source", source.name)
                writer.field("url", source.url)
                writer.field("effective_url", state?.effectiveURL)
                writer.field("last_poll", state?.lastPoll.map(RFC3339.format))
                writer.field("last_status", state?.lastStatus)
                writer.field("last_success", state?.lastSuccess.map(RFC3339.format))
                writer.field("new_24h", recent[source.name] ?? 0)
                writer.field("error_streak", state?.errorStreak ?? 0)
                writer.field("last_error", state?.lastError)
                writer.field("next_poll", state?.nextPoll.map(RFC3339.format))
                writer.field("disabled", state?.disabled ?? false)
                writer.field("daemon", daemon.word)
                writer.field("stale", next.stale)
                writer.endObject()
                print(writer.output)
            } else {
                rows.append([
                    source.name, state?.lastPoll.map { ago($0, now) } ?? "never", state?.lastStatus.map(String.init) ?? "-",
                    String(recent[source.name] ?? 0), String(state?.errorStreak ?? 0),
                    next.text, note,
                ])
            }
        }
        if !json {
            printTable(rows)
            if let live {
                print(live)
            } else if let ownership, !ownership.ownsAll {
                print(ShardOption.line(ownership, ownership.summary(of: configured)))
            }
            print(daemon.sentence(store: config.settings.store))
            if let line = outputLine(config) { print(line) }
        }
        return ExitCode.success
    }

    /// How long past due a running daemon's poll may be before the row is marked stale: a poll waits
    /// for a free connection and the per-host delay, so a little lateness is normal.
    static let overdueGrace: Double = 300

    /// The NEXT POLL cell, and whether it is stale (no poll will happen when it says).
    static func nextPoll(_ state: SourceState?, daemon: StoreLockHolder, now: Date) -> (text: String, stale: Bool) {
        if state?.disabled == true { return ("never", false) }
        guard let next = state?.nextPoll else { return (daemon == .stopped ? "stopped" : "-", daemon == .stopped) }
        switch daemon {
        case .stopped: return ("stopped", true)
        case .running, .unknown:
            let late = now.timeIntervalSince(next)
            if late > overdueGrace { return ("overdue " + LogDuration.format(late), true) }
            return (until(next, now), false)
        }
    }

    static func ago(_ date: Date, _ now: Date) -> String {
        LogDuration.format(max(0, now.timeIntervalSince(date))) + " ago"
    }

    static func until(_ date: Date, _ now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        return seconds <= 0 ? "due" : "in " + LogDuration.format(seconds)
    }

    static func printTable(_ rows: [[String]]) {
        guard let columns = rows.first?.count else { return }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == columns - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
    }
}

extension StoreLockHolder {
    var word: String {
        switch self {
        case .running: return "running"
        case .stopped: return "stopped"
        case .unknown: return "unknown"
        }
    }

    func sentence(store: String) -> String {
        switch self {
        case .running(let pid): return "daemon: running (pid \(pid) holds \(store)/LOCK)"
        case .stopped: return "daemon: stopped (no process holds \(store)/LOCK); polls resume when feedd runs"
        case .unknown: return "daemon: unknown (/proc/locks is not readable)"
        }
    }
}
