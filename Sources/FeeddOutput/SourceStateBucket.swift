import FeeddCore

/// Per-source poll state (validators, backoff, next poll: opaque bytes to this module) in `<prefix>-sources`,
/// so that when a source moves to another instance its new owner polls it conditionally instead of
/// downloading everything again. Source names are encoded into valid keys (`KeyEncoding`).
package final class SourceStateBucket: Sendable {
    package let bucket: KeyValueBucket

    package init(connection: NATSConnection, prefix: String, ttl: Double? = nil, logger: Logger) throws(OutputError) {
        bucket = try KeyValueBucket.open(
            connection: connection, prefix: prefix, role: "sources", ttl: ttl, logger: logger)
    }

    /// The state last stored for `source`, nil when none is.
    package func get(_ source: String) throws(OutputError) -> [UInt8]? {
        try bucket.get(KeyEncoding.encode(source))?.value
    }

    package func put(_ source: String, _ state: [UInt8]) throws(OutputError) {
        try bucket.put(KeyEncoding.encode(source), state)
    }

    package func delete(_ source: String) throws(OutputError) {
        try bucket.delete(KeyEncoding.encode(source))
    }

    /// The names of every source with stored state.
    package func sources() throws(OutputError) -> [String] {
        try bucket.keys().compactMap(KeyEncoding.decode).sorted()
    }
}
