import FeeddCore

extension NATSOptions {
    /// The connection options of feeds.conf's `[output nats]`: its servers, credentials and TLS files.
    package init(settings: NATSOutputSettings, name: String = "feedd") {
        self.init(
            urls: settings.urls, name: name, username: settings.username, password: settings.password,
            token: settings.token, credentialsFile: settings.credentialsFile, tlsCA: settings.tlsCA,
            tlsCertificate: settings.tlsCertificate, tlsKey: settings.tlsKey)
    }
}
