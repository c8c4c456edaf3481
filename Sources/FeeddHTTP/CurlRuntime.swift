import CCurl
import Glibc

/// Process-wide libcurl set-up, done once before the first multi handle exists.
enum CurlRuntime {
    private static let initialized: Bool = {
        // libcurl with NOSIGNAL still writes to sockets a peer may have closed: SIGPIPE must not kill us.
        signal(SIGPIPE, SIG_IGN)
        return CCurl_global_init_all() == CURLE_OK
    }()

    static func initialize() {
        guard initialized else { fatalError("curl_global_init failed") }
    }
}
