import CCurl
import FeeddCore
import Foundation

extension FetchError {
    /// Turns libcurl's result for a hop into a `FetchError` a person can act on.
    static func fromCurl(_ code: CURLcode, transfer: Transfer, elapsed: Double) -> FetchError {
        let request = transfer.request
        let url = transfer.url
        let host = URLOrigin(url)?.host ?? url
        let raw = Int32(code.rawValue)
        var detail = transfer.errorText
        if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
        func error(_ kind: Code, _ message: String) -> FetchError {
            FetchError(code: kind, url: url, message: message, curlCode: raw)
        }
        if transfer.exceeded {
            return error(.tooLarge, "the body is larger than max_bytes (\(request.maxBytes) bytes after decoding); raise max_bytes for this source if that is expected")
        }
        if let refused = transfer.refusedAddress {
            return error(.addressRefused, "\(host) is at \(refused), a loopback, private or link-local address; set allow_private = yes for this source if that is intended")
        }
        if transfer.headersExceeded {
            return error(.badResponse, "the response headers are larger than \(Transfer.maxHeaderBytes) bytes")
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return error(.dns, "could not resolve host \(host); check the host name and the DNS of this machine")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return error(.proxy, "could not resolve the proxy \(Self.proxyName(request, url: url)); check the proxy setting (\(host) was not contacted)")
        case CURLE_PROXY:
            return error(.proxy, "the proxy \(Self.proxyName(request, url: url)) failed: \(detail); check the proxy setting (\(host) was not contacted)")
        case CURLE_COULDNT_CONNECT:
            // With a proxy, the connection curl could not make was to the proxy, not to the feed's host.
            if let proxy = Self.proxy(for: request, url: url) {
                return error(.proxy, "could not connect to the proxy \(Self.redacted(proxy)): \(detail); check the proxy setting (\(host) was not contacted)")
            }
            return error(.connect, "could not connect to \(host): \(detail)")
        case CURLE_OPERATION_TIMEDOUT:
            if detail.localizedCaseInsensitiveContains("too slow") {
                return error(.lowSpeed, "slower than 1 KB/s for \(Int(max(1, request.lowSpeedTime.rounded(.up))))s, cut off")
            }
            if transfer.infoOffset(CURLINFO_CONNECT_TIME_T) == 0 && elapsed < request.timeout {
                return error(.timeout, "no connection to \(host) within \(LogDuration.format(request.connectTimeout)) (connect_timeout)")
            }
            return error(.timeout, "no complete answer within \(LogDuration.format(request.timeout)) (timeout)")
        case CURLE_FILESIZE_EXCEEDED:
            return error(.tooLarge, "the server announced a body larger than max_bytes (\(request.maxBytes) bytes); raise max_bytes for this source if that is expected")
        case CURLE_TOO_MANY_REDIRECTS:
            return error(.tooManyRedirects, "more than \(request.maxRedirects) redirects")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return error(.protocolRefused, "only http and https are fetched: \(detail)")
        case CURLE_URL_MALFORMAT:
            return error(.invalidURL, "not a valid URL: \(detail)")
        case CURLE_PARTIAL_FILE:
            return error(.truncated, "the connection closed before the whole body arrived (\(detail))")
        case CURLE_GOT_NOTHING:
            return error(.network, "the server closed the connection without answering")
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return error(.network, "the connection failed mid-exchange: \(detail)")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP_RETURNED_ERROR:
            return error(.badResponse, "the answer is not valid HTTP: \(detail)")
        case CURLE_BAD_CONTENT_ENCODING:
            return error(.badResponse, "the body could not be decoded (Content-Encoding): \(detail)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            var advice = "if the server speaks plain HTTP use http://"
            if code == CURLE_PEER_FAILED_VERIFICATION {
                advice = "for a private CA set ca_file; insecure = true skips the check"
            } else if code == CURLE_SSL_CACERT_BADFILE {
                advice = "check that ca_file (\(request.caFile ?? "system bundle")) is a readable PEM file"
            }
            return error(.tls, "TLS with \(host) failed: \(detail); \(advice)")
        default:
            return error(.other, detail)
        }
    }

    /// The proxy libcurl goes through for `url`: the source's `proxy`, else (when unset) the environment's
    /// `<scheme>_proxy` or `all_proxy`, unless `no_proxy` names the host. nil when there is none.
    static func proxy(for request: FetchRequest, url: String) -> String? {
        if let proxy = request.proxy { return proxy.isEmpty ? nil : proxy }
        let environment = ProcessInfo.processInfo.environment
        func variable(_ name: String) -> String? {
            let value = environment[name] ?? environment[name.uppercased()]
            return value?.isEmpty == false ? value : nil
        }
        let origin = URLOrigin(url)
        let host = origin?.host ?? ""
        if let noProxy = variable("no_proxy") {
            for entry in noProxy.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
                if entry == "*" || host == suffix || host.hasSuffix("." + suffix) { return nil }
            }
        }
        // curl reads only the lowercase http_proxy (a CGI environment can set HTTP_PROXY from a header).
        let schemeProxy = url.lowercased().hasPrefix("https:") ? variable("https_proxy") : environment["http_proxy"]
        return schemeProxy ?? variable("all_proxy")
    }

    /// How a message names the proxy: its URL without credentials.
    static func proxyName(_ request: FetchRequest, url: String) -> String {
        proxy(for: request, url: url).map(redacted) ?? "(from the environment)"
    }

    /// A proxy URL without its `user:password@`, which must not reach the log.
    static func redacted(_ proxy: String) -> String {
        let afterScheme = proxy.range(of: "://").map(\.upperBound) ?? proxy.startIndex
        guard let at = proxy[afterScheme...].firstIndex(of: "@"),
            !proxy[afterScheme..<at].contains("/")
        else { return proxy }
        return String(proxy[..<afterScheme]) + String(proxy[proxy.index(after: at)...])
    }
}
