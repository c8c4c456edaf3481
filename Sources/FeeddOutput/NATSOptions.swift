/// How to reach the NATS servers: URLs, client name, credentials and TLS. Plain values, checked when
/// `NATSConnection` connects, so that a config parser can build them without touching the network.
package struct NATSOptions: Sendable, Equatable {
    /// Server URLs (`nats://host:4222`, `tls://…`); the client picks among them and fails over.
    package var urls: [String]
    /// The name the server shows for this client (`nats server report connections`).
    package var name: String
    package var username: String?
    package var password: String?
    package var token: String?
    /// A `.creds` file (user JWT and NKey seed), as `nsc` writes it.
    package var credentialsFile: String?
    /// PEM files: the CA that signed the server's certificate, and this client's certificate and key.
    package var tlsCA: String?
    package var tlsCertificate: String?
    package var tlsKey: String?
    /// Seconds to wait for the first connection (and each reconnect attempt's TCP connect).
    package var connectTimeout: Double
    /// Seconds between reconnect attempts to the same server; reconnecting never stops.
    package var reconnectWait: Double

    package init(
        urls: [String], name: String = "feedd", username: String? = nil, password: String? = nil,
        token: String? = nil, credentialsFile: String? = nil, tlsCA: String? = nil, tlsCertificate: String? = nil,
        tlsKey: String? = nil, connectTimeout: Double = 5, reconnectWait: Double = 2
    ) {
        self.urls = urls
        self.name = name
        self.username = username
        self.password = password
        self.token = token
        self.credentialsFile = credentialsFile
        self.tlsCA = tlsCA
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.connectTimeout = connectTimeout
        self.reconnectWait = reconnectWait
    }

    /// The URLs for messages, without any password written in them (`nats://user:secret@host` → `nats://user@host`).
    package var displayURLs: String {
        urls.map(Self.redacted).joined(separator: ",")
    }

    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }
}
