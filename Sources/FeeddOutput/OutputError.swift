/// Why a NATS operation failed, in words an operator can act on: each case names the server URL, stream,
/// bucket or key it is about and says what to check.
package enum OutputError: Error, CustomStringConvertible, Equatable {
    /// A connection option is unusable (an empty URL list, an unreadable credentials file).
    case invalidOptions(String)
    /// The first connection to the servers failed.
    case connect(urls: String, reason: String)
    /// A JetStream request on the connection failed (the context could not be made, the server has no JetStream).
    case jetStream(urls: String, reason: String)
    /// The stream could not be looked up, created or updated.
    case stream(name: String, action: String, reason: String)
    /// A publish was not acknowledged: the first `acknowledged` messages of the batch were, this one was not.
    case publish(stream: String, subject: String, acknowledged: Int, reason: String)
    /// A key-value bucket operation failed.
    case bucket(name: String, action: String, reason: String)
    /// A key is not a valid key-value key (letters, digits, `-`, `_`, `=`, `.` and `/` only, no leading or trailing `.`).
    case invalidKey(bucket: String, key: String)
    /// An update's expected revision was not the key's latest: another writer got there first.
    case wrongRevision(bucket: String, key: String, expected: UInt64)

    package var description: String {
        switch self {
        case .invalidOptions(let reason):
            return "NATS options: \(reason)"
        case .connect(let urls, let reason):
            return "cannot connect to NATS at \(urls): \(reason). Check that nats-server runs there (with -js) "
                + "and that the url, credentials and TLS settings are right"
        case .jetStream(let urls, let reason):
            return "JetStream at \(urls): \(reason). Check that the server runs with JetStream enabled (nats-server -js)"
        case .stream(let name, let action, let reason):
            return "stream \(name): \(action) failed: \(reason). Check the server's JetStream limits and that no "
                + "other stream claims the same subjects"
        case .publish(let stream, let subject, let acknowledged, let reason):
            return "publish to \(subject) (stream \(stream)) not acknowledged after \(acknowledged) acknowledged "
                + "message(s) of the batch: \(reason). The rest is sent again later; JetStream drops the copies"
        case .bucket(let name, let action, let reason):
            return "key-value bucket \(name): \(action) failed: \(reason). Check that the server runs with "
                + "JetStream and has room for the bucket"
        case .invalidKey(let bucket, let key):
            return "key-value bucket \(bucket): \"\(key)\" is not a valid key (letters, digits and -_=./ only, "
                + "no leading or trailing dot)"
        case .wrongRevision(let bucket, let key, let expected):
            return "key-value bucket \(bucket): key \(key) is no longer at revision \(expected); another writer "
                + "changed it first"
        }
    }
}
