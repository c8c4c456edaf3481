import Dispatch
import FeeddCore
import FeeddOutput
import FeeddStore
import Foundation
import Synchronization

/// Publishes the journal to the JetStream stream in journal order, from the record after the last one the
/// stream acknowledged. That seq, the cursor, is kept in the store (`output-nats.json`) and advanced only after
/// the acknowledgements of a batch, so an outage or a crash loses nothing: the output resumes from it, and the
/// few records a crash re-sends are dropped by the stream (same `Nats-Msg-Id` within its duplicate window).
///
/// Woken by the daemon after every acknowledged append, and at start to catch up; no polling loop. When NATS
/// is unreachable it retries with a growing wait (0.5 s doubling to 10 s; sooner when new records arrive and
/// the connection is back), logging once when publishing stops and once when it works again.
///
/// Unchecked Sendable: the mutable state is confined to `queue`, except `progress` (a mutex) and `wakeQueued`
/// (an atomic), which scrapes and appends reach from other threads.
final class OutputFollower: @unchecked Sendable {
    /// A batch: at most this many records, or about this many bytes, published before the cursor advances.
    static let batchRecords = 256
    static let batchBytes = 4 << 20
    /// How long one message's acknowledgement is awaited.
    static let publishTimeout = 5.0
    static let firstRetryDelay = 0.5
    static let maxRetryDelay = 10.0
    /// The cursor is written at most this often while batches keep coming (each write is two fsyncs and a
    /// rename, as much CPU as publishing a small batch), and at once when the output stops: a crash re-sends
    /// at most this long's records, which the stream drops by their `Nats-Msg-Id`.
    static let cursorSaveInterval = 1.0

    let settings: NATSOutputSettings
    private let link: NATSLink
    private let journal: Journal
    private let reader: JournalReader
    /// Kept between batches: a batch of a few records would otherwise fault in a fresh 4 MiB buffer each time.
    private let readBuffer = JournalReadBuffer()
    private let cursorStore: OutputCursorStore
    private let logger: Logger
    private let metrics: OutputMetrics
    private let now: @Sendable () -> Date
    private let queue = DispatchQueue(label: "feedd.output")

    private var cursor: OutputCursor
    private var publisher: JetStreamPublisher?
    private var streamReady = false
    /// Set while publishing fails: since when, and why (logged once, at the change).
    private var down: (since: Date, error: String)?
    private var retryDelay = OutputFollower.firstRetryDelay
    private var retryPending = false
    private var retryGeneration = 0
    private var stopped = false
    /// Whether the current drain is a catch-up (at start, after an outage): its end is logged.
    private var catchingUp = true
    /// The catch-up under way: records published, since when, and the oldest record's age when it began.
    private var catchUp = (published: 0, started: Date(), maxLag: 0.0)
    private var cursorSaveFailing = false
    /// The seq in `output-nats.json`, when it was written, and whether a later save is scheduled.
    private var savedSeq: UInt64
    private var lastCursorSave = DispatchTime(uptimeNanoseconds: 0)
    private var cursorSaveScheduled = false
    /// Callers of `finish` waiting for the backlog to drain (or for publishing to fail).
    private var idleWaiters: [DispatchSemaphore] = []
    private let wakeQueued = Atomic<Bool>(false)

    /// What a scrape reads: the cursor, the store time of the oldest record not yet published, whether up.
    private struct Progress {
        var acknowledgedSeq: UInt64
        var oldestUnpublished: Date?
        var up = false
    }

    private let progress: Mutex<Progress>

    /// The cursor of `cursor` (loaded and saved by the caller, so the claimant token exists before any claim).
    init(
        settings: NATSOutputSettings, cursor: OutputCursor, link: NATSLink, journal: Journal, logger: Logger,
        metrics: OutputMetrics, now: @escaping @Sendable () -> Date
    ) throws(StoreError) {
        self.settings = settings
        self.link = link
        self.journal = journal
        reader = try JournalReader(directory: journal.directory)
        cursorStore = OutputCursorStore(directory: journal.directory)
        self.logger = logger
        self.metrics = metrics
        self.now = now
        self.cursor = cursor
        savedSeq = cursor.acknowledgedSeq
        progress = Mutex(Progress(acknowledgedSeq: cursor.acknowledgedSeq))
        let journalLast = journal.lastSeq
        if cursor.acknowledgedSeq > journalLast {
            // The store is older than the cursor (restored from a copy): what it holds was published.
            logger.warning(
                "output_cursor_ahead", ["acknowledged_seq": cursor.acknowledgedSeq, "last_seq": journalLast],
                "the output's cursor is past the journal's end; publishing from the journal's end")
            self.cursor.acknowledgedSeq = journalLast
            progress.withLock { $0.acknowledgedSeq = journalLast }
        }
        metrics.collect { [weak self] in
            guard let self else { return (0, 0, false) }
            let (backlog, lag) = self.backlogAndLag()
            return (backlog, lag, self.progress.withLock { $0.up })
        }
    }

    /// Records stored and not yet acknowledged, and the age in seconds of the oldest of them (0 when none waits).
    /// Any thread.
    func backlogAndLag() -> (backlog: UInt64, lag: Double) {
        let snapshot = progress.withLock { $0 }
        let last = journal.lastSeq
        let backlog = last > snapshot.acknowledgedSeq ? last - snapshot.acknowledgedSeq : 0
        guard backlog > 0, let oldest = snapshot.oldestUnpublished else { return (backlog, 0) }
        return (backlog, max(0, now().timeIntervalSince(oldest)))
    }

    /// Starts publishing what is stored after the cursor.
    func start() {
        queue.async {
            self.logger.info(
                "output_started",
                ["url": self.link.options.displayURLs, "stream": self.settings.stream, "subject": self.settings.subject,
                 "acknowledged_seq": self.cursor.acknowledgedSeq, "backlog": self.journal.lastSeq - self.cursor.acknowledgedSeq])
            self.catchUp = (0, Date(), 0)
        }
        wake()
    }

    /// New records were acknowledged by the journal: publish them (coalesced: one drain per burst of wakes).
    func wake() {
        guard !wakeQueued.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async {
            self.wakeQueued.store(false, ordering: .releasing)
            self.drain()
        }
    }

    /// Gives the output up to `timeout` seconds to publish what is stored (while it can), then stops it and
    /// closes the connection. A batch in flight finishes (bounded by its acknowledgement timeout).
    func finish(timeout: Double) {
        let idle = DispatchSemaphore(value: 0)
        queue.async {
            if self.isIdle { idle.signal() } else { self.idleWaiters.append(idle) }
        }
        wake()
        _ = idle.wait(timeout: .now() + timeout)
        queue.sync {
            stopped = true
            saveCursor()
            logger.info(
                "output_stopped",
                ["acknowledged_seq": cursor.acknowledgedSeq, "backlog": journal.lastSeq - cursor.acknowledgedSeq])
        }
        link.close()
    }

    /// The cursor as it is now (for tests and `feedd status`).
    var acknowledgedSeq: UInt64 { progress.withLock { $0.acknowledgedSeq } }

    // MARK: - On `queue`

    /// Nothing left to publish, or publishing fails (a stop does not wait out an outage).
    private var isIdle: Bool { stopped || down != nil || cursor.acknowledgedSeq >= journal.lastSeq }

    private func drain() {
        guard !stopped, !retryPending || link.isConnected else { return }
        do throws(OutputError) {
            while !stopped, cursor.acknowledgedSeq < journal.lastSeq {
                let batch = readBatch()
                guard !batch.isEmpty else { break }
                try publish(batch)
            }
            recovered()
        } catch {
            failed(error)
        }
        if isIdle {
            for waiter in idleWaiters { waiter.signal() }
            idleWaiters.removeAll()
        }
    }

    /// The records after the cursor, up to a batch. Records the journal no longer has (retention dropped their
    /// segment before they were published) or cannot read (damage: `feedd verify` says where) are skipped, and
    /// logged: the cursor cannot wait for them.
    private func readBatch() -> [StoredRecord] {
        var batch: [StoredRecord] = []
        var bytes = 0
        var expected = cursor.acknowledgedSeq + 1
        for record in reader.records(since: cursor.acknowledgedSeq, buffer: readBuffer) {
            if record.seq != expected {
                logger.warning(
                    "output_skipped", ["from_seq": expected, "to_seq": record.seq - 1],
                    "records gone from the journal (retention or damage) before they were published")
            }
            expected = record.seq + 1
            batch.append(record)
            bytes += record.line.count
            if batch.count >= Self.batchRecords || bytes >= Self.batchBytes { break }
        }
        if batch.isEmpty {
            let last = journal.lastSeq
            if last > cursor.acknowledgedSeq {
                logger.warning(
                    "output_skipped", ["from_seq": expected, "to_seq": last],
                    "records gone from the journal (retention or damage) before they were published")
                advance(to: last, published: 0, duplicates: 0)
            }
        } else {
            progress.withLock { $0.oldestUnpublished = batch[0].time }
            if catchingUp { catchUp.maxLag = max(catchUp.maxLag, now().timeIntervalSince(batch[0].time)) }
        }
        return batch
    }

    /// Publishes one batch and advances the cursor over what the stream acknowledged, also when only a prefix was.
    private func publish(_ batch: [StoredRecord]) throws(OutputError) {
        let publisher = try readyPublisher()
        let messages = batch.map { OutputMessages.message(for: $0, settings: settings) }
        let started = Date()
        do throws(OutputError) {
            let acks = try publisher.publish(messages, stream: settings.stream, timeout: Self.publishTimeout)
            let duplicates = acks.count { $0.duplicate }
            advance(to: batch[batch.count - 1].seq, published: acks.count, duplicates: duplicates)
            logger.debug(
                "output_published",
                ["first_seq": batch[0].seq, "last_seq": batch[batch.count - 1].seq, "records": acks.count,
                 "duplicates": duplicates, "ms": Int(Date().timeIntervalSince(started) * 1000)])
        } catch {
            if case .publish(_, _, let acknowledged, _) = error, acknowledged > 0 {
                advance(to: batch[acknowledged - 1].seq, published: acknowledged, duplicates: 0)
            }
            // The stream may be gone (a server that lost its store): look it up again before the next try.
            streamReady = false
            throw error
        }
    }

    /// The publisher, connecting and making sure of the stream first when needed.
    private func readyPublisher() throws(OutputError) -> JetStreamPublisher {
        let connection = try link.connection()
        let publisher: JetStreamPublisher
        if let made = self.publisher {
            publisher = made
        } else {
            publisher = try JetStreamPublisher(connection: connection, logger: logger)
            self.publisher = publisher
        }
        if !streamReady {
            try publisher.ensureStream(
                StreamSettings(
                    name: settings.stream, subjects: OutputMessages.streamSubjects(settings),
                    duplicateWindow: settings.duplicateWindow))
            streamReady = true
        }
        return publisher
    }

    private func advance(to seq: UInt64, published: Int, duplicates: Int) {
        cursor.acknowledgedSeq = seq
        let caughtUp = seq >= journal.lastSeq
        progress.withLock {
            $0.acknowledgedSeq = seq
            if caughtUp { $0.oldestUnpublished = nil }
        }
        metrics.published.increment(by: Double(published))
        if duplicates > 0 { metrics.duplicates.increment(by: Double(duplicates)) }
        catchUp.published += published
        saveCursorSoon()
    }

    /// Saves the cursor now when the last save is `cursorSaveInterval` old, else once that much time has passed.
    private func saveCursorSoon() {
        let due = lastCursorSave + Self.cursorSaveInterval
        if DispatchTime.now() >= due {
            saveCursor()
        } else if !cursorSaveScheduled {
            cursorSaveScheduled = true
            queue.asyncAfter(deadline: due) { [weak self] in
                guard let self else { return }
                self.cursorSaveScheduled = false
                self.saveCursor()
            }
        }
    }

    /// Writes the cursor when it moved since the last save (or that save failed).
    private func saveCursor() {
        guard cursor.acknowledgedSeq != savedSeq || cursorSaveFailing else { return }
        lastCursorSave = .now()
        let seq = cursor.acknowledgedSeq
        do {
            try cursorStore.save(cursor)
            savedSeq = seq
            if cursorSaveFailing {
                cursorSaveFailing = false
                logger.notice("output_cursor_saved", ["file": cursorStore.path, "acknowledged_seq": seq])
            }
        } catch {
            // Publishing goes on; after a restart the records since the last saved cursor are sent again, and the
            // stream drops those it still remembers.
            if !cursorSaveFailing {
                cursorSaveFailing = true
                logger.error("output_cursor_failed", ["file": cursorStore.path, "error": "\(error)"])
            }
        }
    }

    /// Publishing works (again): log the change and the end of a catch-up.
    private func recovered() {
        progress.withLock { $0.up = true }
        retryPending = false
        retryGeneration += 1
        retryDelay = Self.firstRetryDelay
        let backlog = journal.lastSeq - cursor.acknowledgedSeq
        if let down {
            logger.notice(
                "output_up",
                ["url": link.options.displayURLs, "stream": settings.stream, "backlog": backlog,
                 "after": LogDuration.format(now().timeIntervalSince(down.since))])
            self.down = nil
        }
        if catchingUp {
            catchingUp = false
            logger.info(
                "output_caught_up",
                ["published": catchUp.published, "acknowledged_seq": cursor.acknowledgedSeq, "backlog": backlog,
                 "max_lag": LogDuration.format(catchUp.maxLag), "ms": Int(Date().timeIntervalSince(catchUp.started) * 1000)])
        }
    }

    /// Publishing failed: log the change (not each retry) and try again later.
    private func failed(_ error: OutputError) {
        progress.withLock { $0.up = false }
        if down == nil {
            down = (now(), "\(error)")
            let (backlog, lag) = backlogAndLag()
            logger.warning(
                "output_down",
                ["url": link.options.displayURLs, "stream": settings.stream, "backlog": backlog,
                 "lag": LogDuration.format(lag), "error": "\(error)"],
                "records are kept in the journal and published when NATS answers again")
        }
        catchingUp = true
        catchUp = (0, Date(), 0)
        retryPending = true
        let delay = retryDelay
        retryDelay = min(retryDelay * 2, Self.maxRetryDelay)
        retryGeneration += 1
        let generation = retryGeneration
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in
            // Only the latest retry runs: one a wake made obsolete does nothing.
            guard let self, generation == self.retryGeneration else { return }
            self.retryPending = false
            self.drain()
        }
    }
}
