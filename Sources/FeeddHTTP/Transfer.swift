import CCurl
import FeeddCore
import Foundation

/// One fetch in progress: owns its libcurl easy handle, header list and error buffer, and collects
/// headers and body as libcurl hands them over. Lives on the fetch thread only; `release()` frees
/// the C resources exactly once.
final class Transfer {
    let request: FetchRequest
    let completion: @Sendable (Result<FetchResponse, FetchError>) -> Void
    /// The host whose politeness slot this transfer holds (the first hop's host).
    let host: String
    let easy: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var released = false

    /// The URL of the hop in progress.
    private(set) var url: String
    var visited: Set<String>
    var redirects: [FetchResponse.Redirect] = []
    /// Headers of the latest response of this hop (reset at each status line).
    private(set) var headers: [HTTPHeader] = []
    private(set) var body: [UInt8] = []
    /// Set when the decoded body passed `maxBytes`; the write callback then stops the transfer.
    private(set) var exceeded = false
    /// Set instead of `exceeded` when the request keeps the first `maxBytes` (`cutAtMaxBytes`).
    private(set) var cut = false
    /// The private address a connection was refused to (`FetchRequest.allowPrivate`), if any.
    private(set) var refusedAddress: String?
    /// Header bytes of this hop, and whether they passed `maxHeaderBytes` (which stops the transfer).
    private var headerBytes = 0
    private(set) var headersExceeded = false
    /// Far more than any real response needs (and below libcurl's own 300 KB limit, so the error is ours).
    static let maxHeaderBytes = 256 << 10
    var bytesOnWire: Int64 = 0
    /// Monotonic seconds when the first hop started.
    let started: Double

    init?(request: FetchRequest, host: String, started: Double,
          completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void) {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.request = request
        self.completion = completion
        self.host = host
        self.started = started
        self.url = request.url
        self.visited = [request.url]
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit { release() }

    /// Frees the easy handle, header list and error buffer. The handle must be out of the multi.
    func release() {
        guard !released else { return }
        released = true
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }

    /// libcurl's message for the last failure, if it wrote one.
    var errorText: String {
        let text = String(decoding: UnsafeRawBufferPointer(start: errorBuffer, count: strlen(errorBuffer)), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Prepares the handle for a hop to `url` (the first, or a redirect target). Returns libcurl's
    /// complaint when an option is refused.
    func prepare(url: String, now: Double) -> CURLcode {
        self.url = url
        headers = []
        body = []
        exceeded = false
        cut = false
        refusedAddress = nil
        headerBytes = 0
        headersExceeded = false
        errorBuffer[0] = 0
        let context = Unmanaged.passUnretained(self).toOpaque()
        let remaining = max(0.001, started + request.timeout - now)
        var results: [CURLcode] = []
        func set(_ option: CURLoption, _ value: Int) { results.append(CCurl_easy_setopt_long(easy, option, value)) }
        func set(_ option: CURLoption, _ value: String) {
            results.append(value.withCString { CCurl_easy_setopt_string(easy, option, $0) })
        }
        set(CURLOPT_URL, url)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_HTTPGET, 1)
        // Redirects are followed by the fetcher so that each hop is seen.
        set(CURLOPT_FOLLOWLOCATION, 0)
        // Empty means every encoding this libcurl can decode.
        set(CURLOPT_ACCEPT_ENCODING, "")
        set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Over TLS, wait to learn whether a connection can multiplex (HTTP/2) rather than opening another
        // one to the same host. Not over plain HTTP: there the answer only comes with the first response.
        set(CURLOPT_PIPEWAIT, url.prefix(8).lowercased() == "https://" ? 1 : 0)
        set(CURLOPT_USERAGENT, request.userAgent)
        set(CURLOPT_TIMEOUT_MS, Int((remaining * 1000).rounded(.up)))
        set(CURLOPT_CONNECTTIMEOUT_MS, Int(max(0.001, min(request.connectTimeout, remaining)) * 1000))
        set(CURLOPT_LOW_SPEED_LIMIT, 1024)
        set(CURLOPT_LOW_SPEED_TIME, max(1, Int(request.lowSpeedTime.rounded(.up))))
        if !request.cutAtMaxBytes {
            results.append(CCurl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBytes)))
        }
        if let proxy = request.proxy { set(CURLOPT_PROXY, proxy) }
        if let caFile = request.caFile { set(CURLOPT_CAINFO, caFile) }
        set(CURLOPT_SSL_VERIFYPEER, request.insecure ? 0 : 1)
        set(CURLOPT_SSL_VERIFYHOST, request.insecure ? 0 : 2)
        results.append(CCurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
        results.append(CCurl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, Transfer.writeCallback))
        results.append(CCurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        results.append(CCurl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, Transfer.headerCallback))
        results.append(CCurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        results.append(CCurl_easy_setopt_opensocket_callback(easy, Transfer.openSocketCallback))
        results.append(CCurl_easy_setopt_opensocket_data(easy, context))

        let newList = makeHeaderList(for: url)
        results.append(CCurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, newList))
        // libcurl keeps only the pointer: the old list may go once the new one is set.
        curl_slist_free_all(headerList)
        headerList = newList
        return results.first { $0 != CURLE_OK } ?? CURLE_OK
    }

    /// Request headers for a hop: the source's own (minus credentials when the host changed) and the
    /// validators. Validators stay on redirect hops: they came from the final URL's earlier answer.
    private func makeHeaderList(for url: String) -> UnsafeMutablePointer<curl_slist>? {
        let sameHost = URLOrigin(url)?.host == host
        var lines: [String] = []
        for header in request.headers {
            let name = header.name.lowercased()
            if !sameHost && (name == "authorization" || name == "cookie") { continue }
            // Configured credentials replace an Authorization header of `headers`.
            if request.credentials != nil && name == "authorization" { continue }
            lines.append("\(header.name): \(header.value)")
        }
        if let credentials = request.credentials, let hop = URLOrigin(url),
            hop == (request.credentialsOrigin ?? URLOrigin(request.url))
        {
            // Our own header rather than CURLOPT_USERPWD, so that this check (origin, not host) decides
            // each hop; curl's verbose trace, which could show it, is never on.
            lines.append("Authorization: \(credentials.basicAuthorization)")
        }
        if let etag = request.etag, !etag.isEmpty { lines.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified, !lastModified.isEmpty {
            lines.append("If-Modified-Since: \(lastModified)")
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            // A CR or LF in a configured value would split the request; drop such headers.
            guard !line.contains(where: { $0 == "\r" || $0 == "\n" }) else { continue }
            guard let appended = curl_slist_append(list, line) else { continue }
            list = appended
        }
        return list
    }

    // MARK: libcurl callbacks (run on the fetch thread, inside curl_multi_perform)

    private static let writeCallback: CCurl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    /// Makes the socket for a connection, or refuses it when the address is private and the request
    /// does not allow that (the transfer then fails with `.addressRefused`, no packet sent).
    private static let openSocketCallback: CCurl_opensocket_callback = { context, _, address in
        guard let context, let address else { return CCurl_socket_bad() }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        let usesProxy = !(transfer.request.proxy ?? "").isEmpty
        if !transfer.request.allowPrivate, !usesProxy, let refused = AddressPolicy.refusal(CCurl_sockaddr_address(address)) {
            transfer.refusedAddress = refused
            return CCurl_socket_bad()
        }
        return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    }

    private static let headerCallback: CCurl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    /// Returns how much was taken; anything less than offered makes libcurl stop with CURLE_WRITE_ERROR.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        // The cap applies to decoded bytes, so a small compressed body cannot expand without limit.
        if Int64(body.count) + Int64(bytes.count) > request.maxBytes {
            if request.cutAtMaxBytes {
                body.append(contentsOf: bytes.prefix(max(0, Int(request.maxBytes) - body.count)))
                cut = true
            } else {
                exceeded = true
            }
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Returns how much was taken, like the write callback.
    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        headerBytes += bytes.count
        if headerBytes > Self.maxHeaderBytes {
            headersExceeded = true
            return 0
        }
        // Read as bytes: libcurl hands over one header line per call, for every response of every fetch.
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if line.starts(with: "HTTP/".utf8) {
            // A new response begins (after 1xx, or a proxy's CONNECT answer): only the last one counts.
            headers = []
            return bytes.count
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return bytes.count }
        let name = Self.trimmed(line[..<colon])
        guard !name.isEmpty else { return bytes.count }
        let lowered = name.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        let value = Self.trimmed(line[(colon + 1)...])
        headers.append(HTTPHeader(name: String(decoding: lowered, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        return bytes.count
    }

    /// `bytes` without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return bytes[start..<end]
    }

    // MARK: Reading results

    func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        _ = CCurl_easy_getinfo_long(easy, info, &value)
        return value
    }

    func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard CCurl_easy_getinfo_string(easy, info, &value) == CURLE_OK, let value else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: value, count: strlen(value)), as: UTF8.self)
    }

    func infoOffset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = CCurl_easy_getinfo_off_t(easy, info, &value)
        return Int64(value)
    }
}
