import CCurl
import FeeddCore
import Foundation
import Synchronization

/// The fetcher's engine: one thread that owns the curl multi handle and every transfer.
/// Other threads reach it only through `inbox` and `blocks` (each behind a mutex) and
/// `curl_multi_wakeup`; everything else is touched on the fetch thread alone.
///
/// Waiting requests are kept per host (`HostLine`), so deciding what may start costs one look per
/// waiting host, and it is only done when something changed: a request arrived, a transfer ended, or
/// the earliest host slot came due. In between, the thread sleeps in `curl_multi_poll` with that slot
/// as its only timer (and libcurl's own, while transfers run).
final class FetchLoop: @unchecked Sendable {
    private struct Submission {
        var request: FetchRequest
        /// The host whose slots the request takes; nil when the URL cannot be fetched (see `refuse`).
        var host: String?
        var completion: @Sendable (Result<FetchResponse, FetchError>) -> Void
    }

    /// The requests waiting for one host, oldest first, and what spaces them.
    private struct HostLine {
        var waiting: [Submission] = []
        /// Index of the oldest waiting request (the array is compacted when the line empties).
        var head = 0
        var running = 0
        /// When (`clock.monotonic`) the last request to this host started.
        var lastStart: Double?

        var hasWaiting: Bool { head < waiting.count }

        mutating func pop() -> Submission {
            let submission = waiting[head]
            head += 1
            if head == waiting.count {
                waiting = []
                head = 0
            }
            return submission
        }
    }

    private struct Inbox {
        var submissions: [Submission] = []
        var shutdownDeadline: Double?
        /// No more requests are taken; set by `shutdown`.
        var closed = false
        /// The multi handle is gone: `curl_multi_wakeup` must not be called any more.
        var terminated = false
    }

    private let limits: FetchLimits
    private let logger: Logger
    private let clock: FetchClock
    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let blocks = Mutex([String: Date]())
    private let inFlightCount = Atomic<Int>(0)
    private let done = DispatchGroup()
    /// The fetch thread, so `shutdown` called on it (a last release inside a callback) does not wait on itself.
    private let fetchThread = Mutex<pthread_t?>(nil)

    // Fetch-thread state.
    private var lines: [String: HostLine] = [:]
    /// Hosts with waiting requests, in the order they got their first one.
    private var waitingHosts: [String] = []
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    /// A request arrived or a transfer ended since the waiting lines were last looked at.
    private var changed = false
    /// The earliest host slot (`clock.monotonic`) a waiting request needs; nil when none waits on spacing.
    private var nextSlot: Double?
    private var shutdownDeadline: Double?

    init(limits: FetchLimits, clock: FetchClock, logger: Logger) {
        CurlRuntime.initialize()
        self.limits = limits
        self.clock = clock
        self.logger = logger
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, limits.maxConnections)
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, limits.maxPerHost)
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(limits.maxConnections, 8))
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        done.enter()
        let thread = Thread { [self] in
            Self.nameCurrentThread("feedd-fetch")
            run()
            done.leave()
        }
        thread.start()
    }

    var inFlight: Int { inFlightCount.load(ordering: .relaxed) }

    func submit(_ request: FetchRequest, completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void) {
        // The host is read here, once, on the caller's thread: the fetch thread never parses a waiting URL again.
        let submission = Submission(request: request, host: URLOrigin(request.url)?.host, completion: completion)
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.submissions.append(submission)
            inFlightCount.add(1, ordering: .relaxed)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted {
            deliver(.failure(Self.shutdownError(request.url, "the fetcher is shut down")), to: completion, count: false)
        }
    }

    func shutdown(deadline: Double) {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.closed = true
            inbox.shutdownDeadline = FetchClock.monotonicNow() + max(0, deadline)
            if !inbox.terminated { curl_multi_wakeup(multi) }
        }
        if let thread = fetchThread.withLock({ $0 }), pthread_equal(thread, pthread_self()) != 0 { return }
        done.wait()
    }

    func blockHost(_ host: String, until: Date) {
        let key = host.lowercased()
        blocks.withLock { blocks in
            if let current = blocks[key], current >= until { return }
            blocks[key] = until
        }
    }

    func hostBlockedUntil(_ host: String) -> Date? {
        let key = host.lowercased()
        let now = clock.now()
        return blocks.withLock { blocks in
            guard let until = blocks[key] else { return nil }
            if until <= now {
                blocks[key] = nil
                return nil
            }
            return until
        }
    }

    // MARK: The fetch thread

    private func run() {
        fetchThread.withLock { $0 = pthread_self() }
        while true {
            takeInbox()
            if let deadline = shutdownDeadline {
                failWaiting()
                if FetchClock.monotonicNow() >= deadline {
                    for transfer in Array(active.values) {
                        curl_multi_remove_handle(multi, transfer.easy)
                        finish(transfer, .failure(Self.shutdownError(transfer.url, "cut off: the fetcher shut down while this transfer was running")))
                    }
                }
                if active.isEmpty { break }
            }
            if changed || nextSlot.map({ clock.monotonic() >= $0 }) == true {
                changed = false
                startEligible()
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            // A finished transfer frees a slot (or ends a shutdown): look at the lines again before sleeping.
            if readMessages() > 0 { continue }

            var timeout: Int = 3_600_000
            var curlTimeout = 0
            if curl_multi_timeout(multi, &curlTimeout) == CURLM_OK && curlTimeout >= 0 {
                timeout = min(timeout, curlTimeout)
            }
            if let nextSlot { timeout = min(timeout, Self.milliseconds(until: nextSlot, from: clock.monotonic())) }
            if let deadline = shutdownDeadline {
                timeout = min(timeout, Self.milliseconds(until: deadline, from: FetchClock.monotonicNow()))
            }
            // Sleeps on the transfers' sockets until one is ready, a timer is due, or wakeup is called.
            curl_multi_poll(multi, nil, 0, Int32(timeout), nil)
        }
        inbox.withLock { inbox in
            inbox.terminated = true
            curl_multi_cleanup(multi)
        }
    }

    private func takeInbox() {
        let (taken, deadline) = inbox.withLock { inbox -> ([Submission], Double?) in
            defer { inbox.submissions = [] }
            return (inbox.submissions, inbox.shutdownDeadline)
        }
        if shutdownDeadline == nil { shutdownDeadline = deadline }
        for submission in taken {
            guard let host = submission.host else {
                refuse(submission)
                continue
            }
            if lines[host]?.hasWaiting != true { waitingHosts.append(host) }
            lines[host, default: HostLine()].waiting.append(submission)
            changed = true
        }
    }

    /// Fails a request whose URL cannot be fetched, saying why.
    private func refuse(_ submission: Submission) {
        let url = submission.request.url
        let error =
            Self.isHTTP(url)
            ? FetchError(code: .invalidURL, url: url, message: "not a valid URL: it has no valid host")
            : FetchError(code: .protocolRefused, url: url, message: "only http:// and https:// URLs are fetched")
        deliver(.failure(error), to: submission.completion)
    }

    private func failWaiting() {
        for host in waitingHosts {
            while lines[host]?.hasWaiting == true, let submission = lines[host]?.pop() {
                deliver(.failure(Self.shutdownError(submission.request.url, "the fetcher shut down before this request started")), to: submission.completion)
            }
        }
        waitingHosts = []
        nextSlot = nil
    }

    /// Starts every waiting request the limits allow, hosts in the order they started waiting, each
    /// host's requests in order; refuses the waiting requests of a host that asked everyone to wait.
    /// Sets `nextSlot` to when the earliest request held back by host spacing may start (other waits
    /// end when a transfer finishes).
    private func startEligible() {
        nextSlot = nil
        let now = clock.monotonic()
        var stillWaiting: [String] = []
        for host in waitingHosts {
            guard var line = lines[host] else { continue }
            if let until = hostBlockedUntil(host) {
                let wait = LogDuration.format(until.timeIntervalSince(clock.now()))
                while line.hasWaiting {
                    let submission = line.pop()
                    let url = submission.request.url
                    deliver(.failure(FetchError(code: .hostBlocked, url: url, message: "\(host) asked to wait (Retry-After); \(wait) left", blockedUntil: until)), to: submission.completion)
                }
            }
            while line.hasWaiting && active.count < limits.maxConnections && line.running < limits.maxPerHost {
                if let last = line.lastStart, now - last < limits.hostDelay {
                    nextSlot = min(nextSlot ?? .infinity, last + limits.hostDelay)
                    break
                }
                line.running += 1
                line.lastStart = now
                let submission = line.pop()
                lines[host] = line
                start(submission, host: host)
                // A transfer that could not start gave its slot back, and a line left idle may be gone.
                line = lines[host] ?? HostLine()
            }
            lines[host] = line
            if line.hasWaiting { stillWaiting.append(host) }
            forgetIfIdle(host, now: now)
        }
        waitingHosts = stillWaiting
    }

    /// Drops a host's line once nothing waits or runs there and its spacing is over: the map holds only
    /// hosts in use, however many were ever fetched.
    private func forgetIfIdle(_ host: String, now: Double) {
        guard let line = lines[host], !line.hasWaiting, line.running == 0 else { return }
        if line.lastStart.map({ now - $0 >= limits.hostDelay }) ?? true { lines[host] = nil }
    }

    private func start(_ submission: Submission, host: String) {
        let now = FetchClock.monotonicNow()
        guard let transfer = Transfer(request: submission.request, host: host, started: now, completion: submission.completion) else {
            release(host)
            deliver(.failure(FetchError(code: .other, url: submission.request.url, message: "libcurl could not create a transfer (out of memory?)")), to: submission.completion)
            return
        }
        active[transfer.easy] = transfer
        let prepared = transfer.prepare(url: submission.request.url, now: now)
        guard prepared == CURLE_OK else {
            finish(transfer, .failure(FetchError(code: .other, url: transfer.url, message: "libcurl refused an option: \(String(cString: curl_easy_strerror(prepared)))", curlCode: Int32(prepared.rawValue))))
            return
        }
        curl_multi_add_handle(multi, transfer.easy)
    }

    /// A transfer to `host` ended: its slot is free for the next waiting request.
    private func release(_ host: String) {
        lines[host]?.running -= 1
        changed = true
        // Lines of hosts no longer in use are swept now and then, so the map stays the size of the work.
        if lines.count > 64 + 2 * (waitingHosts.count + active.count) {
            let now = clock.monotonic()
            for idle in Array(lines.keys) { forgetIfIdle(idle, now: now) }
        }
    }

    /// Handles finished hops; returns how many there were.
    private func readMessages() -> Int {
        var handled = 0
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard CCurl_msg_is_done(message) != 0, let easy = CCurl_msg_easy(message), let transfer = active[easy] else {
                continue
            }
            let code = CCurl_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            completeHop(transfer, code: code)
            handled += 1
        }
        return handled
    }

    /// A hop ended: follow its redirect, or finish the transfer.
    private func completeHop(_ transfer: Transfer, code: CURLcode) {
        transfer.bytesOnWire += transfer.infoOffset(CURLINFO_SIZE_DOWNLOAD_T) + Int64(transfer.infoLong(CURLINFO_HEADER_SIZE))
        // A body cut at `maxBytes` on purpose stops libcurl with a write error; the response stands.
        let cutOnPurpose = transfer.cut && code == CURLE_WRITE_ERROR
        if (code != CURLE_OK && !cutOnPurpose) || transfer.exceeded || transfer.headersExceeded {
            finish(transfer, .failure(FetchError.fromCurl(code, transfer: transfer, elapsed: FetchClock.monotonicNow() - transfer.started)))
            return
        }
        let status = transfer.infoLong(CURLINFO_RESPONSE_CODE)
        let hopURL = transfer.infoString(CURLINFO_EFFECTIVE_URL) ?? transfer.url
        if [301, 302, 303, 307, 308].contains(status), let location = transfer.infoString(CURLINFO_REDIRECT_URL) {
            transfer.redirects.append(FetchResponse.Redirect(status: status, from: hopURL, to: location))
            logger.debug("fetch_redirect", ["status": status, "from": hopURL, "to": location])
            if let error = redirectError(transfer, to: location) {
                finish(transfer, .failure(error))
                return
            }
            transfer.visited.insert(hopURL)
            transfer.visited.insert(location)
            let prepared = transfer.prepare(url: location, now: FetchClock.monotonicNow())
            guard prepared == CURLE_OK else {
                finish(transfer, .failure(FetchError.fromCurl(prepared, transfer: transfer, elapsed: 0)))
                return
            }
            curl_multi_add_handle(multi, transfer.easy)
            return
        }
        let version: String
        switch transfer.infoLong(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): version = "1.0"
        case Int(CURL_HTTP_VERSION_2_0): version = "2"
        case Int(CURL_HTTP_VERSION_3): version = "3"
        default: version = "1.1"
        }
        let response = FetchResponse(
            requestedURL: transfer.request.url, effectiveURL: hopURL, status: status, headers: transfer.headers,
            body: transfer.body, redirects: transfer.redirects, bytesOnWire: transfer.bytesOnWire,
            elapsed: FetchClock.monotonicNow() - transfer.started, httpVersion: version, received: clock.now())
        if status == 429 || status == 503, let retryAfter = response.retryAfter, retryAfter > 0,
            let host = URLOrigin(hopURL)?.host
        {
            blockHost(host, until: response.received.addingTimeInterval(min(retryAfter, limits.maxRetryAfter)))
        }
        finish(transfer, .success(response))
    }

    private func redirectError(_ transfer: Transfer, to location: String) -> FetchError? {
        if !Self.isHTTP(location) {
            let scheme = location.split(separator: ":", maxSplits: 1).first.map(String.init) ?? location
            return FetchError(code: .protocolRefused, url: transfer.request.url, message: "redirected to a \(scheme): URL (\(location)); only http and https are followed")
        }
        if transfer.visited.contains(location) {
            let chain = ([transfer.request.url] + transfer.redirects.map(\.to)).joined(separator: " -> ")
            return FetchError(code: .redirectLoop, url: transfer.request.url, message: "redirect loop: \(chain)")
        }
        if transfer.redirects.count > transfer.request.maxRedirects {
            return FetchError(code: .tooManyRedirects, url: transfer.request.url, message: "more than \(transfer.request.maxRedirects) redirects; last to \(location)")
        }
        return nil
    }

    /// Ends a transfer whose handle is already out of the multi: frees it, releases its host slot
    /// and hands the result over.
    private func finish(_ transfer: Transfer, _ result: Result<FetchResponse, FetchError>) {
        active[transfer.easy] = nil
        release(transfer.host)
        transfer.release()
        switch result {
        case .success(let response):
            logger.debug("fetch_done", ["url": transfer.request.url, "status": response.status, "bytes": response.bytesOnWire, "ms": Int(response.elapsed * 1000)])
        case .failure(let error):
            logger.debug("fetch_failed", ["url": transfer.request.url, "kind": error.code.name, "error": error.message])
        }
        deliver(result, to: transfer.completion)
    }

    private func deliver(_ result: Result<FetchResponse, FetchError>, to completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void, count: Bool = true) {
        if count { inFlightCount.subtract(1, ordering: .relaxed) }
        DispatchQueue.global().async { completion(result) }
    }

    // MARK: Helpers

    /// Names the calling thread for `top -H`, perf and debuggers. Written to /proc: Foundation's
    /// `Thread.current.name` is lost when the thread runs before its creator has recorded its id, and
    /// `pthread_setname_np` is not imported (it needs _GNU_SOURCE).
    private static func nameCurrentThread(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = name.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }

    private static func isHTTP(_ url: String) -> Bool {
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    private static func shutdownError(_ url: String, _ message: String) -> FetchError {
        FetchError(code: .shutdown, url: url, message: message)
    }

    private static func milliseconds(until target: Double, from now: Double) -> Int {
        max(0, Int(((target - now) * 1000).rounded(.up)))
    }
}
