// JetStream key-value buckets: the small shared state several feedd instances agree through, kept by the
// NATS servers feedd already publishes to, so there is no coordinator or cluster protocol of our own.
import CNats
import FeeddCore
import Glibc

/// One key's latest value in a bucket.
package struct KeyValueEntry: Sendable, Equatable {
    package var key: String
    package var value: [UInt8]
    package var revision: UInt64

    package init(key: String, value: [UInt8], revision: UInt64) {
        self.key = key
        self.value = value
        self.revision = revision
    }
}

/// What `create` found: the key was absent and now holds our value, or someone else's entry was there.
package enum CreateResult: Sendable, Equatable {
    case created(revision: UInt64)
    case exists(KeyValueEntry)
}

/// A JetStream key-value bucket: the shared state feedd instances agree through (members, dedupe claims,
/// per-source poll state). Every write is acknowledged by the server before the call returns.
///
/// With the server feedd targets (nats-server 2.9), a bucket's TTL removes old entries silently: no delete
/// marker is written, so a watch does not see expiries and `get` simply stops finding the key.
///
/// A call that fails because the connection dropped mid-request may still have been applied (its reply was
/// lost): callers retry with calls that are safe to repeat (a put of the same value, a create that finds
/// their own value).
package final class KeyValueBucket: @unchecked Sendable {
    package let name: String
    package let connection: NATSConnection
    /// The `jsCtx *` and `kvStore *`, destroyed once in `deinit` (store first); the library locks both.
    private let context: OpaquePointer
    private let store: OpaquePointer

    private init(name: String, connection: NATSConnection, context: OpaquePointer, store: OpaquePointer) {
        self.name = name
        self.connection = connection
        self.context = context
        self.store = store
    }

    deinit {
        kvStore_Destroy(store)
        jsCtx_Destroy(context)
    }

    /// Opens the bucket, creating it when absent with `ttl` seconds (nil: entries never expire) and `history`
    /// values kept per key (1…64). An existing bucket keeps its own TTL and history.
    package static func open(
        connection: NATSConnection, name: String, ttl: Double? = nil, history: Int = 1, logger: Logger,
        timeout: Double = 5
    ) throws(OutputError) -> KeyValueBucket {
        let context = try JetStream.context(connection, timeout: timeout)
        var store: OpaquePointer?
        var status = js_KeyValue(&store, context, name)
        if status == NATS_NOT_FOUND {
            var config = kvConfig()
            kvConfig_Init(&config)
            config.History = UInt8(max(1, min(64, history)))
            config.TTL = ttl.map { nanoseconds($0) } ?? 0  // libnats 3.4 passes it on as the stream's max age, in ns
            config.StorageType = js_FileStorage
            status = name.withCString { bucket in
                config.Bucket = bucket
                return js_CreateKeyValue(&store, context, &config)
            }
            if status == NATS_OK {
                logger.notice(
                    "nats_bucket_created", ["bucket": name, "ttl": ttl.map { LogDuration.format($0) }, "history": history])
            }
        }
        guard status == NATS_OK, let store else {
            let reason = NATSLibrary.describe(status)
            jsCtx_Destroy(context)
            throw .bucket(name: name, action: "opening it", reason: reason)
        }
        return KeyValueBucket(name: name, connection: connection, context: context, store: store)
    }

    /// Opens (or creates) the bucket `<prefix>-<role>` that one of feedd's shared roles keeps (`dedupe`,
    /// `sources`, `members`), one value per key.
    package static func open(
        connection: NATSConnection, prefix: String, role: String, ttl: Double? = nil, logger: Logger
    ) throws(OutputError) -> KeyValueBucket {
        try open(
            connection: connection, name: try KeyEncoding.bucketName(prefix: prefix, role: role), ttl: ttl, history: 1,
            logger: logger)
    }

    /// The key's latest value, nil when it is absent, deleted or expired.
    package func get(_ key: String) throws(OutputError) -> KeyValueEntry? {
        try checkKey(key, "get \(key)")
        var entry: OpaquePointer?
        let status = kvStore_Get(&entry, store, key)
        if status == NATS_NOT_FOUND { return nil }
        guard status == NATS_OK, let entry else { throw failure("get \(key)", status) }
        defer { kvEntry_Destroy(entry) }
        return Self.entry(entry)
    }

    /// Stores `value` only when the key is absent (or deleted); otherwise returns the entry that is there.
    package func create(_ key: String, _ value: [UInt8]) throws(OutputError) -> CreateResult {
        try checkKey(key, "create \(key)")
        // A key deleted between the failed create and the get is absent again: try again, a few times.
        for _ in 0..<5 {
            var revision: UInt64 = 0
            let status = value.withUnsafeBytes { kvStore_Create(&revision, store, key, $0.baseAddress, Int32($0.count)) }
            if status == NATS_OK { return .created(revision: revision) }
            let reason = NATSLibrary.describe(status)
            guard Self.isWrongRevision(reason) else { throw .bucket(name: name, action: "create \(key)", reason: reason) }
            if let existing = try get(key) { return .exists(existing) }
        }
        throw .bucket(name: name, action: "create \(key)", reason: "the key kept changing between create and get")
    }

    /// Stores `value` whatever the key holds; returns the new revision.
    @discardableResult
    package func put(_ key: String, _ value: [UInt8]) throws(OutputError) -> UInt64 {
        try checkKey(key, "put \(key)")
        var revision: UInt64 = 0
        let status = value.withUnsafeBytes { kvStore_Put(&revision, store, key, $0.baseAddress, Int32($0.count)) }
        guard status == NATS_OK else { throw failure("put \(key)", status) }
        return revision
    }

    /// Stores `value` only when the key's latest revision is `expectedRevision`; throws `.wrongRevision` when
    /// another writer changed it first.
    @discardableResult
    package func update(_ key: String, _ value: [UInt8], expectedRevision: UInt64) throws(OutputError) -> UInt64 {
        try checkKey(key, "update \(key)")
        var revision: UInt64 = 0
        let status = value.withUnsafeBytes {
            kvStore_Update(&revision, store, key, $0.baseAddress, Int32($0.count), expectedRevision)
        }
        if status == NATS_OK { return revision }
        let reason = NATSLibrary.describe(status)
        if Self.isWrongRevision(reason) { throw .wrongRevision(bucket: name, key: key, expected: expectedRevision) }
        throw .bucket(name: name, action: "update \(key)", reason: reason)
    }

    /// Marks the key deleted (watchers see a delete); `get` returns nil from now on.
    package func delete(_ key: String) throws(OutputError) {
        try checkKey(key, "delete \(key)")
        let status = kvStore_Delete(store, key)
        guard status == NATS_OK else { throw failure("delete \(key)", status) }
    }

    /// Every key that holds a value now.
    package func keys() throws(OutputError) -> [String] {
        try requireConnection("listing keys")
        var list = kvKeysList()
        var options = kvWatchOptions()
        kvWatchOptions_Init(&options)
        let status = kvStore_Keys(&list, store, &options)
        if status == NATS_NOT_FOUND { return [] }
        guard status == NATS_OK else { throw failure("listing keys", status) }
        defer { kvKeysList_Destroy(&list) }
        return (0..<Int(list.Count)).compactMap { list.Keys[$0].map { String(cString: $0) } }
    }

    /// Calls `handler` on a thread of its own with every key's current value, then `.caughtUp`, then every
    /// change, until the returned watch is stopped.
    package func watch(_ handler: @escaping @Sendable (KeyValueEvent) -> Void) throws(OutputError) -> KeyValueWatch {
        var watcher: OpaquePointer?
        let status = kvStore_WatchAll(&watcher, store, nil)
        guard status == NATS_OK, let watcher else { throw failure("watching", status) }
        return KeyValueWatch(bucket: self, watcher: watcher, handler: handler)
    }

    /// Whether `key` can be a key: the characters NATS subjects allow in one token, dots between tokens.
    package static func isValidKey(_ key: String) -> Bool {
        guard !key.isEmpty, !key.hasPrefix("."), !key.hasSuffix("."), !key.contains("..") else { return false }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="),
                UInt8(ascii: "."), UInt8(ascii: "/"):
                return true
            default: return false
            }
        }
    }

    /// Rejects an invalid key, and any call while the connection is down (`requireConnection`).
    private func checkKey(_ key: String, _ action: String) throws(OutputError) {
        guard Self.isValidKey(key) else { throw .invalidKey(bucket: name, key: key) }
        try requireConnection(action)
    }

    /// Fails any call while the connection is down: libnats would buffer a write and send it after the
    /// reconnect, long after the call timed out, so fail at once instead.
    func requireConnection(_ action: String) throws(OutputError) {
        guard connection.isConnected else { throw .bucket(name: name, action: action, reason: connection.downReason) }
    }

    func failure(_ action: String, _ status: natsStatus) -> OutputError {
        let reason = NATSLibrary.describe(status)
        return .bucket(
            name: name, action: action,
            reason: connection.isConnected ? reason : "\(reason); \(connection.downReason)")
    }

    /// The server's answer when a create or update finds another revision than the one expected.
    static func isWrongRevision(_ reason: String) -> Bool {
        reason.contains("wrong last sequence")
    }

    static func entry(_ entry: OpaquePointer) -> KeyValueEntry {
        let length = Int(kvEntry_ValueLen(entry))
        let value: [UInt8] =
            if length > 0, let bytes = kvEntry_Value(entry) {
                Array(UnsafeRawBufferPointer(start: bytes, count: length))
            } else { [] }
        return KeyValueEntry(
            key: kvEntry_Key(entry).map { String(cString: $0) } ?? "", value: value, revision: kvEntry_Revision(entry))
    }
}
