/// The `listen` value: `host:port` or `[ipv6]:port`, port 1–65535. The host is looked up when the listener
/// binds (FeeddSystem); here only its form is checked.
package struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// nil unless `text` is `host:port` with a non-empty host and a port from 1 to 65535
    /// (`allowAnyPort` also accepts 0, "any free port", for tests).
    package init?(parsing text: String, allowAnyPort: Bool = false) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil  // an IPv6 address needs brackets
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "[" || $0 == "]" || $0 == "/" }),
            !portText.isEmpty, portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), portText.count <= 5,
            let port = Int(portText), (allowAnyPort ? 0 : 1)...65535 ~= port
        else { return nil }
        self.host = host
        self.port = port
    }

    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
