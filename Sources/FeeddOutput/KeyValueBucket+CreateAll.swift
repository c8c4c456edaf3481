// Many creates for the price of one round trip: the shared dedupe claims every new article of a poll at once,
// and one synchronous request per key cost more CPU (system calls and thread hand-offs in feedd and the server)
// than storing the article.
import CNats
import FeeddCore
import Glibc

extension KeyValueBucket {
    /// Creates every key absent from the bucket with its value, like `create` key by key, in one round trip:
    /// each create goes out as a message on `$KV.<bucket>.<key>` with `Nats-Expected-Last-Subject-Sequence: 0`
    /// and a reply subject of its own, then the replies are collected together (the wait blocks only while
    /// none is queued). A key the server reports as written already is read afterwards with `get`, one by one
    /// (rare: a key another article holds); one found deleted is created again with `create`.
    ///
    /// Results come in the order of `entries`. Throws when any reply is missing or an error: the creates that
    /// went through stay, and a retry finds them holding the same value.
    package func createAll(_ entries: [(key: String, value: [UInt8])], timeout: Double = 5) throws(OutputError)
        -> [CreateResult]
    {
        for entry in entries where !Self.isValidKey(entry.key) { throw .invalidKey(bucket: name, key: entry.key) }
        var results: [CreateResult?] = Array(repeating: nil, count: entries.count)
        var exists: [Int] = []
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + Self.createsInFlight)
            let replies = try pipelinedCreates(entries[start..<end], timeout: timeout)
            for (offset, reply) in replies.enumerated() {
                switch reply {
                case .stored(let revision): results[start + offset] = .created(revision: revision)
                case .exists: exists.append(start + offset)
                }
            }
            start = end
        }
        for index in exists {
            // Its holder; a key found deleted (a delete marker is a last sequence too) is created again.
            if let entry = try get(entries[index].key) {
                results[index] = .exists(entry)
            } else {
                results[index] = try create(entries[index].key, entries[index].value)
            }
        }
        return results.map { $0! }
    }

    /// At most this many creates wait for their replies at once (the subscription's queue holds them all).
    static let createsInFlight = 1024

    private enum CreateReply {
        case stored(UInt64)
        case exists
    }

    /// Sends the creates of one slice, then takes every reply from a synchronous subscription on a fresh
    /// inbox (no delivery thread of its own: the connection's reader queues the replies for this thread).
    private func pipelinedCreates(
        _ slice: ArraySlice<(key: String, value: [UInt8])>, timeout: Double
    ) throws(OutputError) -> [CreateReply] {
        let action = "create \(slice.count) keys"
        try requireConnection(action)
        var inbox: UnsafeMutablePointer<CChar>?
        guard natsInbox_Create(&inbox) == NATS_OK, let inbox else {
            throw .bucket(name: name, action: action, reason: "out of memory")
        }
        defer { natsInbox_Destroy(inbox) }
        let replyPrefix = String(cString: inbox) + "."
        var subscription: OpaquePointer?
        let subscribed = natsConnection_SubscribeSync(&subscription, connection.handle, replyPrefix + "*")
        guard subscribed == NATS_OK, let subscription else { throw failure(action, subscribed) }
        defer {
            natsSubscription_Unsubscribe(subscription)
            natsSubscription_Destroy(subscription)
        }

        let subjectPrefix = "$KV.\(name)."
        for (offset, entry) in slice.enumerated() {
            let sent = entry.value.withUnsafeBytes { bytes -> natsStatus in
                var message: OpaquePointer?
                var status = natsMsg_Create(
                    &message, subjectPrefix + entry.key, replyPrefix + String(offset),
                    bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
                guard status == NATS_OK, let message else { return status }
                defer { natsMsg_Destroy(message) }
                status = natsMsgHeader_Set(message, "Nats-Expected-Last-Subject-Sequence", "0")
                guard status == NATS_OK else { return status }
                return natsConnection_PublishMsg(connection.handle, message)
            }
            guard sent == NATS_OK else { throw failure(action, sent) }
        }

        var replies: [CreateReply?] = Array(repeating: nil, count: slice.count)
        var missing = slice.count
        let deadline = monotonicSeconds() + timeout
        while missing > 0 {
            let left = deadline - monotonicSeconds()
            guard left > 0 else {
                throw .bucket(
                    name: name, action: action,
                    reason: "\(missing) replies missing after \(LogDuration.format(timeout))")
            }
            // Short waits, so a connection lost mid-batch fails the batch now rather than at the deadline.
            var message: OpaquePointer?
            let status = natsSubscription_NextMsg(&message, subscription, milliseconds(min(left, 0.25)))
            if status == NATS_TIMEOUT {
                guard connection.isConnected else {
                    throw .bucket(name: name, action: action, reason: "\(missing) replies missing; \(connection.downReason)")
                }
                continue
            }
            guard status == NATS_OK, let message else { throw failure(action, status) }
            defer { natsMsg_Destroy(message) }
            let subject = natsMsg_GetSubject(message).map { String(cString: $0) } ?? ""
            guard subject.hasPrefix(replyPrefix), let offset = Int(subject.dropFirst(replyPrefix.count)),
                offset < slice.count, replies[offset] == nil
            else { continue }
            let key = slice[slice.startIndex + offset].key
            if natsMsg_IsNoResponders(message) {
                throw .bucket(name: name, action: "create \(key)", reason: "no responders: the bucket's stream is gone")
            }
            let length = Int(natsMsg_GetDataLength(message))
            let reply = natsMsg_GetData(message).map {
                Self.createReply(UnsafeRawBufferPointer(start: $0, count: length))
            } ?? .failed("an empty reply")
            switch reply {
            case .stored(let revision): replies[offset] = .stored(revision)
            case .exists: replies[offset] = .exists
            case .failed(let reason): throw .bucket(name: name, action: "create \(key)", reason: reason)
            }
            missing -= 1
        }
        return replies.map { $0! }
    }

    /// A publish acknowledgement: `{"stream":…,"seq":N}`, or `{"error":{"err_code":…,"description":…}}`.
    private static func createReply(_ bytes: UnsafeRawBufferPointer) -> ParsedReply {
        var sequence: UInt64?
        var errorAt: Int?
        let parsed = JSONFieldScanner.scan(bytes) { key, field in
            if key.elementsEqual("seq".utf8), case .number(let number)? = field(), number >= 0 {
                sequence = UInt64(number)
            } else if key.elementsEqual("error".utf8) {
                errorAt = field.offset
            }
        }
        guard parsed else { return .failed("an unreadable reply") }
        if let errorAt {
            var code: Double?
            var description = "an error without a description"
            _ = JSONFieldScanner.scan(UnsafeRawBufferPointer(rebasing: bytes[errorAt...])) { key, field in
                if key.elementsEqual("err_code".utf8), case .number(let number)? = field() { code = number }
                if key.elementsEqual("description".utf8), case .string(let text)? = field() { description = text }
            }
            // 10071: JSStreamWrongLastSequenceErr, the key holds a value already.
            return code == 10071 || isWrongRevision(description) ? .exists : .failed(description)
        }
        guard let sequence else { return .failed("a reply without a sequence") }
        return .stored(sequence)
    }

    private enum ParsedReply {
        case stored(UInt64)
        case exists
        case failed(String)
    }
}
