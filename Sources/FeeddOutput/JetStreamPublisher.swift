import CNats
import FeeddCore
import Glibc

/// A JetStream stream's settings as feedd needs them; the rest keeps the server's defaults (file storage,
/// limits retention, one replica) or whatever an operator set on an existing stream.
package struct StreamSettings: Sendable, Equatable {
    package var name: String
    package var subjects: [String]
    /// Seconds within which a message with a `Nats-Msg-Id` already seen is dropped as a duplicate.
    package var duplicateWindow: Double
    /// Seconds to keep messages; nil keeps them until other limits apply.
    package var maxAge: Double?

    package init(name: String, subjects: [String], duplicateWindow: Double = 120, maxAge: Double? = nil) {
        self.name = name
        self.subjects = subjects
        self.duplicateWindow = duplicateWindow
        self.maxAge = maxAge
    }
}

/// One message to publish: `messageID` goes out as `Nats-Msg-Id`, so that a re-send is dropped by the stream.
package struct OutgoingMessage: Sendable, Equatable {
    package var subject: String
    package var payload: [UInt8]
    package var messageID: String
    package var headers: [Header]

    package struct Header: Sendable, Equatable {
        package var name: String
        package var value: String
        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package init(subject: String, payload: [UInt8], messageID: String, headers: [Header] = []) {
        self.subject = subject
        self.payload = payload
        self.messageID = messageID
        self.headers = headers
    }
}

/// The stream's acknowledgement of one message: where it is stored, or that it was a duplicate of one stored.
package struct PublishAck: Sendable, Equatable {
    package var stream: String
    package var sequence: UInt64
    package var duplicate: Bool

    package init(stream: String, sequence: UInt64, duplicate: Bool) {
        self.stream = stream
        self.sequence = sequence
        self.duplicate = duplicate
    }
}

/// What `ensureStream` did.
package enum StreamChange: Sendable, Equatable {
    case created, updated, unchanged
}

/// Creates the article stream and publishes to it, awaiting every acknowledgement.
///
/// Messages are published one at a time, each awaiting its acknowledgement (libnats 3.4's asynchronous publish
/// has one ack handler per JetStream context and keeps unacknowledged messages after a timeout, which makes
/// "exactly which prefix of a batch was stored" hard to state). On loopback a round trip is well under a
/// millisecond, far below what the pipeline produces per second.
package final class JetStreamPublisher: @unchecked Sendable {
    package let connection: NATSConnection
    private let logger: Logger
    /// The `jsCtx *`, destroyed in `deinit`; the library locks it, so publishes may come from any thread.
    private let context: OpaquePointer

    package init(connection: NATSConnection, logger: Logger, timeout: Double = 5) throws(OutputError) {
        self.connection = connection
        self.logger = logger
        context = try JetStream.context(connection, timeout: timeout)
    }

    deinit {
        jsCtx_Destroy(context)
    }

    /// Creates the stream when it is absent; otherwise makes its subjects and duplicate window (and max age)
    /// those of `settings`, leaving every other setting as it is.
    @discardableResult
    package func ensureStream(_ settings: StreamSettings) throws(OutputError) -> StreamChange {
        var info: UnsafeMutablePointer<jsStreamInfo>?
        var code = jsErrCode(0)
        let looked = js_GetStreamInfo(&info, context, settings.name, nil, &code)
        if looked == NATS_NOT_FOUND || code == JSStreamNotFoundErr {
            try create(settings)
            return .created
        }
        guard looked == NATS_OK, let info else {
            throw .stream(name: settings.name, action: "looking it up", reason: NATSLibrary.describe(looked))
        }
        defer { jsStreamInfo_Destroy(info) }
        guard let config = info.pointee.Config else {
            throw .stream(name: settings.name, action: "looking it up", reason: "the server sent no configuration")
        }
        let current = (0..<Int(config.pointee.SubjectsLen)).compactMap { config.pointee.Subjects[$0].map { String(cString: $0) } }
        let wantedAge = settings.maxAge.map { nanoseconds($0) } ?? 0
        guard Set(current) != Set(settings.subjects) || config.pointee.Duplicates != nanoseconds(settings.duplicateWindow)
            || config.pointee.MaxAge != wantedAge
        else { return .unchanged }

        // Update from the server's own configuration, so settings feedd does not manage are kept. The subject
        // array is the info's: swap ours in for the call and put it back before the info is destroyed.
        let savedSubjects = config.pointee.Subjects
        let savedCount = config.pointee.SubjectsLen
        let status = withCStrings(settings.subjects) { subjects -> natsStatus in
            config.pointee.Subjects = subjects
            config.pointee.SubjectsLen = Int32(settings.subjects.count)
            config.pointee.Duplicates = nanoseconds(settings.duplicateWindow)
            config.pointee.MaxAge = wantedAge
            var updated: UnsafeMutablePointer<jsStreamInfo>?
            var code = jsErrCode(0)
            let status = js_UpdateStream(&updated, context, config, nil, &code)
            if updated != nil { jsStreamInfo_Destroy(updated) }
            return status
        }
        let reason = status == NATS_OK ? "" : NATSLibrary.describe(status)
        config.pointee.Subjects = savedSubjects
        config.pointee.SubjectsLen = savedCount
        guard status == NATS_OK else { throw .stream(name: settings.name, action: "updating it", reason: reason) }
        logger.notice(
            "nats_stream_updated",
            [
                "stream": settings.name, "subjects": settings.subjects.joined(separator: ","),
                "duplicate_window": LogDuration.format(settings.duplicateWindow),
            ])
        return .updated
    }

    private func create(_ settings: StreamSettings) throws(OutputError) {
        var config = jsStreamConfig()
        jsStreamConfig_Init(&config)
        let status = settings.name.withCString { name in
            withCStrings(settings.subjects) { subjects -> natsStatus in
                config.Name = name
                config.Subjects = subjects
                config.SubjectsLen = Int32(settings.subjects.count)
                config.Storage = js_FileStorage
                config.Duplicates = nanoseconds(settings.duplicateWindow)
                config.MaxAge = settings.maxAge.map { nanoseconds($0) } ?? 0
                var created: UnsafeMutablePointer<jsStreamInfo>?
                var code = jsErrCode(0)
                let status = js_AddStream(&created, context, &config, nil, &code)
                if created != nil { jsStreamInfo_Destroy(created) }
                return status
            }
        }
        guard status == NATS_OK else {
            throw .stream(name: settings.name, action: "creating it", reason: NATSLibrary.describe(status))
        }
        logger.notice(
            "nats_stream_created",
            [
                "stream": settings.name, "subjects": settings.subjects.joined(separator: ","),
                "duplicate_window": LogDuration.format(settings.duplicateWindow),
            ])
    }

    /// Publishes `batch` in order, each message awaiting its acknowledgement for up to `timeout` seconds.
    /// On the first failure it throws `.publish` with how many messages before it were acknowledged; those
    /// are stored, the rest are not known to be.
    package func publish(_ batch: [OutgoingMessage], stream: String? = nil, timeout: Double = 5) throws(OutputError)
        -> [PublishAck]
    {
        var acks: [PublishAck] = []
        acks.reserveCapacity(batch.count)
        for message in batch {
            switch publishOne(message, stream: stream, timeout: timeout) {
            case .success(let ack): acks.append(ack)
            case .failure(let failure):
                throw .publish(
                    stream: stream ?? "?", subject: message.subject, acknowledged: acks.count, reason: failure.reason)
            }
        }
        return acks
    }

    private func publishOne(_ message: OutgoingMessage, stream: String?, timeout: Double) -> Result<PublishAck, Failure> {
        var msg: OpaquePointer?
        let created = message.payload.withUnsafeBytes { bytes in
            natsMsg_Create(&msg, message.subject, nil, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                Int32(bytes.count))
        }
        guard created == NATS_OK, let msg else { return .failure(Failure(NATSLibrary.describe(created))) }
        defer { natsMsg_Destroy(msg) }
        for header in message.headers {
            let set = natsMsgHeader_Add(msg, header.name, header.value)
            guard set == NATS_OK else {
                return .failure(Failure("header \(header.name): \(NATSLibrary.describe(set))"))
            }
        }
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        options.MaxWait = milliseconds(timeout)
        var ack: UnsafeMutablePointer<jsPubAck>?
        var code = jsErrCode(0)
        let status = message.messageID.withCString { id in
            withOptionalCString(stream) { expected in
                options.MsgId = id
                options.ExpectStream = expected
                return js_PublishMsg(&ack, context, msg, &options, &code)
            }
        }
        guard status == NATS_OK, let ack else {
            let reason = NATSLibrary.describe(status)
            if let ack { jsPubAck_Destroy(ack) }
            return .failure(Failure(connection.isConnected ? reason : "\(reason) (the connection is down; reconnecting)"))
        }
        defer { jsPubAck_Destroy(ack) }
        return .success(
            PublishAck(
                stream: ack.pointee.Stream.map { String(cString: $0) } ?? "", sequence: ack.pointee.Sequence,
                duplicate: ack.pointee.Duplicate))
    }

    private struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

/// JetStream contexts for the publisher and the buckets.
enum JetStream {
    static func context(_ connection: NATSConnection, timeout: Double) throws(OutputError) -> OpaquePointer {
        var options = jsOptions()
        jsOptions_Init(&options)
        options.Wait = milliseconds(timeout)
        var context: OpaquePointer?
        let status = natsConnection_JetStream(&context, connection.handle, &options)
        guard status == NATS_OK, let context else {
            throw .jetStream(urls: connection.options.displayURLs, reason: NATSLibrary.describe(status))
        }
        return context
    }
}

/// Seconds as nanoseconds, the unit of stream durations.
func nanoseconds(_ seconds: Double) -> Int64 {
    Int64((seconds * 1_000_000_000).rounded())
}

/// Calls `body` with a C array of C strings that live for the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    // A trailing nil, so that the buffer is never empty (an empty one has no base address).
    var pointers = copies.map { UnsafePointer<CChar>($0) } + [nil]
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
}

func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
