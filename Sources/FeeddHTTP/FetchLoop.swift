import CCurl
import FeeddCore
import Foundation
import Synchronization

/// The fetcher's engine: one thread that owns the curl multi handle and every transfer.
/// Other threads reach it only through `inbox` and `blocks` (each behind a mutex) and
/// `curl_multi_wakeup`; everything else is touched on the fetch thread alone.
final class FetchLoop: @unchecked Sendable {
    private struct Submission {
        var request: FetchRequest
        var completion: @Sendable (Result<FetchResponse, FetchError>) -> Void
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
    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let blocks = Mutex([String: Date]())
    private let inFlightCount = Atomic<Int>(0)
    private let done = DispatchGroup()
    /// The fetch thread, so `shutdown` called on it (a last release inside a callback) does not wait on itself.
    private let fetchThread = Mutex<pthread_t?>(nil)

    // Fetch-thread state.
    private var pending: [Submission] = []
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var perHost: [String: Int] = [:]
    private var lastStart: [String: Double] = [:]
    private var shutdownDeadline: Double?

    init(limits: FetchLimits, logger: Logger) {
        CurlRuntime.initialize()
        self.limits = limits
        self.logger = logger
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, limits.maxConnections)
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, limits.maxPerHost)
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(limits.maxConnections, 8))
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        done.enter()
        let thread = Thread { [self] in
            // Named from inside: only then does Foundation pass the name on to the OS (`top -H`, debuggers).
            Thread.current.name = "feedd-fetch"
            run()
            done.leave()
        }
        thread.start()
    }

    var inFlight: Int { inFlightCount.load(ordering: .relaxed) }

    func submit(_ request: FetchRequest, completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.submissions.append(Submission(request: request, completion: completion))
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
            inbox.shutdownDeadline = Self.monotonicNow() + max(0, deadline)
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
        return blocks.withLock { blocks in
            guard let until = blocks[key] else { return nil }
            if until <= Date() {
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
            let now = Self.monotonicNow()
            if let deadline = shutdownDeadline {
                for submission in pending {
                    deliver(.failure(Self.shutdownError(submission.request.url, "the fetcher shut down before this request started")), to: submission.completion)
                }
                pending = []
                if now >= deadline {
                    for transfer in Array(active.values) {
                        curl_multi_remove_handle(multi, transfer.easy)
                        finish(transfer, .failure(Self.shutdownError(transfer.url, "cut off: the fetcher shut down while this transfer was running")))
                    }
                }
                if active.isEmpty { break }
            }
            let nextStart = startEligible(now: now)
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            // A finished transfer frees a slot (or ends a shutdown): look at the queue again before sleeping.
            if readMessages() > 0 { continue }

            var timeout: Int = 3_600_000
            var curlTimeout = 0
            if curl_multi_timeout(multi, &curlTimeout) == CURLM_OK && curlTimeout >= 0 {
                timeout = min(timeout, curlTimeout)
            }
            let after = Self.monotonicNow()
            if let nextStart { timeout = min(timeout, Self.milliseconds(until: nextStart, from: after)) }
            if let deadline = shutdownDeadline { timeout = min(timeout, Self.milliseconds(until: deadline, from: after)) }
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
        pending += taken
        if shutdownDeadline == nil { shutdownDeadline = deadline }
    }

    /// Starts every queued request the limits allow, in order. Returns when the earliest waiting
    /// one may start because of host spacing (other waits end when a transfer finishes).
    private func startEligible(now: Double) -> Double? {
        var wake: Double?
        var index = 0
        while index < pending.count && active.count < limits.maxConnections {
            let submission = pending[index]
            let url = submission.request.url
            guard Self.isHTTP(url) else {
                pending.remove(at: index)
                deliver(.failure(FetchError(code: .protocolRefused, url: url, message: "only http:// and https:// URLs are fetched")), to: submission.completion)
                continue
            }
            guard let host = Fetcher.host(of: url) else {
                pending.remove(at: index)
                deliver(.failure(FetchError(code: .invalidURL, url: url, message: "not a valid URL: it has no host")), to: submission.completion)
                continue
            }
            if let until = hostBlockedUntil(host) {
                pending.remove(at: index)
                let wait = LogDuration.format(until.timeIntervalSinceNow)
                deliver(.failure(FetchError(code: .hostBlocked, url: url, message: "\(host) asked to wait (Retry-After); \(wait) left", blockedUntil: until)), to: submission.completion)
                continue
            }
            if perHost[host, default: 0] >= limits.maxPerHost {
                index += 1
                continue
            }
            if let last = lastStart[host], now - last < limits.hostDelay {
                wake = min(wake ?? .infinity, last + limits.hostDelay)
                index += 1
                continue
            }
            pending.remove(at: index)
            start(submission, host: host, now: now)
        }
        return wake
    }

    private func start(_ submission: Submission, host: String, now: Double) {
        guard let transfer = Transfer(request: submission.request, host: host, started: now, completion: submission.completion) else {
            deliver(.failure(FetchError(code: .other, url: submission.request.url, message: "libcurl could not create a transfer (out of memory?)")), to: submission.completion)
            return
        }
        perHost[host, default: 0] += 1
        lastStart[host] = now
        active[transfer.easy] = transfer
        let prepared = transfer.prepare(url: submission.request.url, now: now)
        guard prepared == CURLE_OK else {
            finish(transfer, .failure(FetchError(code: .other, url: transfer.url, message: "libcurl refused an option: \(String(cString: curl_easy_strerror(prepared)))", curlCode: Int32(prepared.rawValue))))
            return
        }
        curl_multi_add_handle(multi, transfer.easy)
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
        if code != CURLE_OK || transfer.exceeded || transfer.headersExceeded {
            finish(transfer, .failure(FetchError.fromCurl(code, transfer: transfer, elapsed: Self.monotonicNow() - transfer.started)))
            return
        }
        let status = transfer.infoLong(CURLINFO_RESPONSE_CODE)
        let hopURL = transfer.infoString(CURLINFO_EFFECTIVE_URL) ?? transfer.url
        if [301, 302, 303, 307, 308].contains(status), let location = transfer.infoString(CURLINFO_REDIRECT_URL) {
            transfer.redirects.append(FetchResponse.Redirect(status: status, from: hopURL, to: location))
            logger.debug("fetch.redirect", ["http.status": status, "http.from": hopURL, "http.to": location])
            if let error = redirectError(transfer, to: location) {
                finish(transfer, .failure(error))
                return
            }
            transfer.visited.insert(hopURL)
            transfer.visited.insert(location)
            let prepared = transfer.prepare(url: location, now: Self.monotonicNow())
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
            elapsed: Self.monotonicNow() - transfer.started, httpVersion: version)
        if status == 429 || status == 503, let retryAfter = response.retryAfter, retryAfter > 0,
            let host = Fetcher.host(of: hopURL)
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
        perHost[transfer.host, default: 1] -= 1
        if perHost[transfer.host] == 0 { perHost[transfer.host] = nil }
        transfer.release()
        switch result {
        case .success(let response):
            logger.debug("fetch.done", ["http.url": transfer.request.url, "http.status": response.status, "http.bytes": response.bytesOnWire, "http.elapsed_ms": Int(response.elapsed * 1000)])
        case .failure(let error):
            logger.debug("fetch.failed", ["http.url": transfer.request.url, "error": error.code.name], error.message)
        }
        deliver(result, to: transfer.completion)
    }

    private func deliver(_ result: Result<FetchResponse, FetchError>, to completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void, count: Bool = true) {
        if count { inFlightCount.subtract(1, ordering: .relaxed) }
        DispatchQueue.global().async { completion(result) }
    }

    // MARK: Helpers

    private static func isHTTP(_ url: String) -> Bool {
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    private static func shutdownError(_ url: String, _ message: String) -> FetchError {
        FetchError(code: .shutdown, url: url, message: message)
    }

    static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private static func milliseconds(until target: Double, from now: Double) -> Int {
        max(0, Int(((target - now) * 1000).rounded(.up)))
    }
}

extension Fetcher {
    /// The lowercased host of an http(s) URL, without port; nil when there is none.
    package static func host(of url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.lowercased()
    }
}
