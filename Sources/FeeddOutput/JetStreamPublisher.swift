// The article stream: feedd publishes every stored record to JetStream so that consumers anywhere read one
// ordered, de-duplicated stream instead of files on one host. Only acknowledged messages count as sent.
import CNats
import FeeddCore
import Glibc
import Synchronization

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
/// A batch goes out with libnats's asynchronous publish (no round trip per message), then
/// `js_PublishAsyncComplete` waits for every acknowledgement. The ack handler is one per JetStream context,
/// so batches on one publisher take turns; after a failed wait the messages still pending are taken back from
/// the library, so no acknowledgement of an old batch can reach a later one.
package final class JetStreamPublisher: @unchecked Sendable {
    package let connection: NATSConnection
    private let logger: Logger
    /// The `jsCtx *`, destroyed in `deinit`. The library locks it; `turn` keeps one batch in flight at a time.
    private let context: OpaquePointer
    /// What the ack handler reaches through its closure; it outlives the context, which it is released after.
    private let acks: PendingAcks
    private let turn = Mutex(())

    package init(connection: NATSConnection, logger: Logger, timeout: Double = 5) throws(OutputError) {
        self.connection = connection
        self.logger = logger
        let acks = PendingAcks()
        self.acks = acks
        context = try JetStream.context(connection, timeout: timeout) { options in
            options.PublishAsync.AckHandler = PendingAcks.handler
            options.PublishAsync.AckHandlerClosure = Unmanaged.passUnretained(acks).toOpaque()
            // Beyond this many unacknowledged messages a publish waits (up to StallWait) for acks to come back.
            options.PublishAsync.MaxPending = 4096
            options.PublishAsync.StallWait = milliseconds(timeout)
        }
    }

    deinit {
        jsCtx_Destroy(context)
    }

    /// Creates the stream when it is absent; otherwise makes its subjects and duplicate window (and its max age,
    /// when `settings` has one) those of `settings`, leaving every other setting as it is: limits an operator
    /// set with `nats stream edit` survive a restart.
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
        let wantedAge = settings.maxAge.map { nanoseconds($0) } ?? config.pointee.MaxAge
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
        logger.notice("nats_stream_updated", Self.fields(of: settings))
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
        logger.notice("nats_stream_created", Self.fields(of: settings))
    }

    /// The fields of the created and updated stream notices (the event names stay literal at each call,
    /// where LoggingDocsTests finds them).
    private static func fields(of settings: StreamSettings) -> KeyValuePairs<String, Any?> {
        [
            "stream": settings.name, "subjects": settings.subjects.joined(separator: ","),
            "duplicate_window": LogDuration.format(settings.duplicateWindow),
        ]
    }

    /// Publishes `batch` and waits up to `timeout` seconds for every acknowledgement; returns them in order.
    /// `stream`, when given, is the stream the server must store them in. On failure it throws `.publish`
    /// with how many messages at the start of the batch were acknowledged: those are stored, the rest are not
    /// known to be (some may be: send them again with the same `messageID` and the stream reports them
    /// `duplicate`).
    package func publish(_ batch: [OutgoingMessage], stream: String? = nil, timeout: Double = 5) throws(OutputError)
        -> [PublishAck]
    {
        guard !batch.isEmpty else { return [] }
        let outcomes = turn.withLock { _ in send(batch, stream: stream, timeout: timeout) }
        var acknowledged: [PublishAck] = []
        acknowledged.reserveCapacity(batch.count)
        for (index, outcome) in outcomes.enumerated() {
            guard case .acked(let ack) = outcome else {
                let reason: String
                switch outcome {
                case .failed(let text): reason = text
                default:
                    reason = connection.isConnected
                        ? "no acknowledgement within \(LogDuration.format(timeout))" : connection.downReason
                }
                throw .publish(
                    stream: stream ?? "?", subject: batch[index].subject, acknowledged: acknowledged.count,
                    reason: reason)
            }
            acknowledged.append(ack)
        }
        return acknowledged
    }

    /// Sends the batch and collects an outcome per message (`.pending` when none came).
    private func send(_ batch: [OutgoingMessage], stream: String?, timeout: Double) -> [PendingAcks.Outcome] {
        acks.begin(count: batch.count)
        var sendFailure: (index: Int, reason: String)?
        for (index, message) in batch.enumerated() {
            // While reconnecting, libnats would buffer the message and send it once back: fail now instead.
            guard connection.isConnected else {
                sendFailure = (index, connection.downReason)
                break
            }
            if let reason = publishAsync(message, index: index, stream: stream) {
                sendFailure = (index, reason)
                break
            }
        }
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        options.MaxWait = milliseconds(timeout)
        if js_PublishAsyncComplete(context, &options) != NATS_OK {
            // Take back what is still pending: its acknowledgements, should they come, are dropped by the library.
            var pending = natsMsgList()
            if js_PublishAsyncGetPendingList(&pending, context) == NATS_OK { natsMsgList_Destroy(&pending) }
            // An ack handler already running (its message left the pending list before the call above) ends
            // before this returns, so none is left using `acks` once the batch is over.
            options.MaxWait = 1_000
            _ = js_PublishAsyncComplete(context, &options)
        }
        var outcomes = acks.finish()
        if let sendFailure { outcomes[sendFailure.index] = .failed(sendFailure.reason) }
        return outcomes
    }

    /// Hands one message to the library; returns why it could not.
    private func publishAsync(_ message: OutgoingMessage, index: Int, stream: String?) -> String? {
        var msg: OpaquePointer?
        let created = message.payload.withUnsafeBytes { bytes in
            natsMsg_Create(&msg, message.subject, nil, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                Int32(bytes.count))
        }
        guard created == NATS_OK, let created = msg else { return NATSLibrary.describe(created) }
        for header in message.headers {
            let set = natsMsgHeader_Add(created, header.name, header.value)
            guard set == NATS_OK else {
                natsMsg_Destroy(created)
                return "header \(header.name): \(NATSLibrary.describe(set))"
            }
        }
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        acks.expect(created, index: index)
        let status = message.messageID.withCString { id in
            withOptionalCString(stream) { expected in
                options.MsgId = id
                options.ExpectStream = expected
                // On success the library owns the message (and clears `msg`); the ack handler destroys it.
                return js_PublishMsgAsync(context, &msg, &options)
            }
        }
        guard status == NATS_OK else {
            let reason = NATSLibrary.describe(status)
            acks.forget(created)
            natsMsg_Destroy(msg)
            return reason
        }
        return nil
    }
}

/// The acknowledgements of the batch in flight, filled in by the library's ack handler (on its own thread).
private final class PendingAcks: Sendable {
    enum Outcome: Sendable {
        case pending
        case acked(PublishAck)
        case failed(String)
    }

    private struct State: @unchecked Sendable {
        /// The batch index of each message the library holds, by its `natsMsg *` address.
        var indexOf: [UInt: Int] = [:]
        var outcomes: [Outcome] = []
    }

    private let state = Mutex(State())

    func begin(count: Int) {
        state.withLock {
            $0.indexOf = [:]
            $0.outcomes = Array(repeating: .pending, count: count)
        }
    }

    func expect(_ msg: OpaquePointer, index: Int) {
        state.withLock { $0.indexOf[UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(msg)))] = index }
    }

    func forget(_ msg: OpaquePointer) {
        _ = state.withLock { $0.indexOf.removeValue(forKey: UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(msg)))) }
    }

    func finish() -> [Outcome] {
        state.withLock { state in
            defer { state = State() }
            return state.outcomes
        }
    }

    private func record(_ msg: OpaquePointer, _ outcome: Outcome) {
        state.withLock { state in
            guard let index = state.indexOf.removeValue(forKey: UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(msg)))),
                index < state.outcomes.count
            else { return }
            state.outcomes[index] = outcome
        }
    }

    /// libnats calls this once per acknowledged or failed message; the message is ours to destroy.
    static let handler:
        @convention(c) (
            OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<jsPubAck>?, UnsafeMutablePointer<jsPubAckErr>?,
            UnsafeMutableRawPointer?
        ) -> Void = { _, msg, ack, error, closure in
            guard let msg else { return }
            defer { natsMsg_Destroy(msg) }
            guard let closure else { return }
            let acks = Unmanaged<PendingAcks>.fromOpaque(closure).takeUnretainedValue()
            if let ack {
                acks.record(
                    msg,
                    .acked(
                        PublishAck(
                            stream: ack.pointee.Stream.map { String(cString: $0) } ?? "", sequence: ack.pointee.Sequence,
                            duplicate: ack.pointee.Duplicate)))
            } else {
                let text = error?.pointee.ErrText.map { String(cString: $0) }
                acks.record(msg, .failed(text.flatMap { $0.isEmpty ? nil : $0 } ?? "the server refused the message"))
            }
        }
}

/// JetStream contexts for the publisher and the buckets.
enum JetStream {
    static func context(
        _ connection: NATSConnection, timeout: Double, configure: (inout jsOptions) -> Void = { _ in }
    ) throws(OutputError) -> OpaquePointer {
        var options = jsOptions()
        jsOptions_Init(&options)
        options.Wait = milliseconds(timeout)
        configure(&options)
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
