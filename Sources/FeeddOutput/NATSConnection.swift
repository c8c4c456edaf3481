import CNats
import FeeddCore
import Glibc

/// One connection to NATS, shared by the publisher and the key-value buckets made on it.
///
/// Reconnecting never stops once connected: an outage makes requests fail fast (instead of waiting out their
/// timeout) until the server is back, and then the same connection carries on. Disconnects, reconnects and the
/// close are logged. The C library's connection is internally locked, so one value serves every thread.
package final class NATSConnection: @unchecked Sendable {
    package let options: NATSOptions
    /// The `natsConnection *`, destroyed once, in `deinit`, after every object made on it (they hold this value).
    let handle: OpaquePointer

    /// Connects to the first server that answers; throws when none does.
    package init(options: NATSOptions, logger: Logger) throws(OutputError) {
        self.options = options
        if let failure = NATSLibrary.open() { throw .connect(urls: options.displayURLs, reason: failure) }
        guard !options.urls.isEmpty else { throw .invalidOptions("no server URL is set") }
        for file in [options.credentialsFile, options.tlsCA, options.tlsCertificate, options.tlsKey].compactMap({ $0 })
        where access(file, R_OK) != 0 {
            throw .invalidOptions("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        var natsOptions: OpaquePointer?
        guard natsOptions_Create(&natsOptions) == NATS_OK, let natsOptions else {
            throw .connect(urls: options.displayURLs, reason: "out of memory")
        }
        defer { natsOptions_Destroy(natsOptions) }
        try Self.configure(natsOptions, options)

        // The events box is retained for the C library until the closed callback, the last one it makes.
        let events = ConnectionEvents(logger: logger, urls: options.displayURLs)
        let context = Unmanaged.passRetained(events).toOpaque()
        natsOptions_SetDisconnectedCB(natsOptions, ConnectionEvents.disconnected, context)
        natsOptions_SetReconnectedCB(natsOptions, ConnectionEvents.reconnected, context)
        natsOptions_SetClosedCB(natsOptions, ConnectionEvents.closed, context)

        var connection: OpaquePointer?
        let status = natsConnection_Connect(&connection, natsOptions)
        guard status == NATS_OK, let connection else {
            let reason = NATSLibrary.describe(status)
            // A failed connect makes no callbacks, so the box is released here instead.
            Unmanaged<ConnectionEvents>.fromOpaque(context).release()
            throw .connect(urls: options.displayURLs, reason: reason)
        }
        handle = connection
        logger.info("nats_connected", ["url": connectedURL ?? options.displayURLs, "name": options.name])
    }

    deinit {
        natsConnection_Destroy(handle)
    }

    /// Closes the connection (later calls fail with "connection closed"); `deinit` frees it.
    package func close() {
        natsConnection_Close(handle)
    }

    /// Whether the connection is up right now (not reconnecting, not closed).
    package var isConnected: Bool {
        natsConnection_Status(handle) == NATS_CONN_STATUS_CONNECTED
    }

    /// Why a call failed while the connection is down, for error messages.
    var downReason: String {
        "the connection to \(options.displayURLs) is down; it reconnects on its own"
    }

    /// The URL of the server connected to, nil while disconnected.
    package var connectedURL: String? {
        Self.connectedURL(handle)
    }

    static func connectedURL(_ connection: OpaquePointer?) -> String? {
        var buffer = [CChar](repeating: 0, count: 512)
        guard natsConnection_GetConnectedUrl(connection, &buffer, buffer.count) == NATS_OK, buffer[0] != 0 else {
            return nil
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return NATSOptions.redacted(String(decoding: bytes, as: UTF8.self))
    }

    private static func configure(_ natsOptions: OpaquePointer, _ options: NATSOptions) throws(OutputError) {
        func check(_ status: natsStatus, _ what: String) throws(OutputError) {
            guard status == NATS_OK else { throw .invalidOptions("\(what): \(NATSLibrary.describe(status))") }
        }
        let urls = options.urls.map { strdup($0) }
        defer { urls.forEach { free($0) } }
        var servers = urls.map { UnsafePointer<CChar>($0) }
        try check(natsOptions_SetServers(natsOptions, &servers, Int32(servers.count)), "servers \(options.displayURLs)")
        try check(natsOptions_SetName(natsOptions, options.name), "name")
        if options.username != nil || options.password != nil {
            try check(natsOptions_SetUserInfo(natsOptions, options.username, options.password), "username/password")
        }
        if let token = options.token { try check(natsOptions_SetToken(natsOptions, token), "token") }
        if let file = options.credentialsFile {
            try check(natsOptions_SetUserCredentialsFromFiles(natsOptions, file, nil), "credentials file \(file)")
        }
        if let ca = options.tlsCA {
            try check(natsOptions_LoadCATrustedCertificates(natsOptions, ca), "TLS CA file \(ca)")
            try check(natsOptions_SetSecure(natsOptions, true), "TLS")
        }
        if options.tlsCertificate != nil || options.tlsKey != nil {
            guard let certificate = options.tlsCertificate, let key = options.tlsKey else {
                throw .invalidOptions("a TLS client certificate needs both the certificate and the key file")
            }
            try check(
                natsOptions_LoadCertificatesChain(natsOptions, certificate, key), "TLS certificate \(certificate)")
            try check(natsOptions_SetSecure(natsOptions, true), "TLS")
        }
        try check(natsOptions_SetTimeout(natsOptions, milliseconds(options.connectTimeout)), "connect timeout")
        try check(natsOptions_SetAllowReconnect(natsOptions, true), "reconnect")
        try check(natsOptions_SetMaxReconnect(natsOptions, -1), "reconnect")
        try check(natsOptions_SetReconnectWait(natsOptions, milliseconds(options.reconnectWait)), "reconnect wait")
        // While reconnecting, requests (publish acks, key-value calls) fail at once with "disconnected"
        // instead of each waiting out its timeout.
        try check(natsOptions_SetFailRequestsOnDisconnect(natsOptions, true), "fail requests on disconnect")
    }
}

/// Seconds as the C library's milliseconds, at least 1.
func milliseconds(_ seconds: Double) -> Int64 {
    max(1, Int64((seconds * 1000).rounded()))
}

/// Seconds on the monotonic clock, for deadlines and for how long ago a member was heard from.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// The state the C library's connection callbacks reach through their `void *` closure.
private final class ConnectionEvents: Sendable {
    let logger: Logger
    let urls: String

    init(logger: Logger, urls: String) {
        self.logger = logger
        self.urls = urls
    }

    static func from(_ closure: UnsafeMutableRawPointer?) -> ConnectionEvents {
        Unmanaged<ConnectionEvents>.fromOpaque(closure!).takeUnretainedValue()
    }

    static let disconnected: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { _, closure in
        let events = from(closure)
        events.logger.warning(
            "nats_disconnected", ["url": events.urls], "lost the NATS connection; reconnecting")
    }

    static let reconnected: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { connection, closure in
        let events = from(closure)
        events.logger.notice("nats_reconnected", ["url": NATSConnection.connectedURL(connection) ?? events.urls])
    }

    /// The last callback for a connection: it releases the box the others use.
    static let closed: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { _, closure in
        let events = Unmanaged<ConnectionEvents>.fromOpaque(closure!).takeRetainedValue()
        events.logger.info("nats_closed", ["url": events.urls])
    }
}
