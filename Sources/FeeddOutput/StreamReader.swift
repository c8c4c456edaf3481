import CNats
import FeeddCore
import Foundation

/// One message as the stream stores it.
package struct StreamMessage: Sendable, Equatable {
    /// The stream's sequence number of the message.
    package var sequence: UInt64
    package var subject: String
    package var payload: [UInt8]
    /// Header names and values in the order the message has them.
    package var headers: [OutgoingMessage.Header]
    /// When the stream stored it.
    package var time: Date

    package func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
}

/// What a stream holds right now.
package struct StreamState: Sendable, Equatable {
    package var messages: UInt64
    package var firstSequence: UInt64
    package var lastSequence: UInt64
}

/// Reads a stream's messages by sequence number (`js_GetMsg`, one request each): what `feedd read --nats` prints
/// and what the tests count. Stored messages only, no consumer is created on the server.
package final class StreamReader: @unchecked Sendable {
    package let stream: String
    private let connection: NATSConnection
    /// The `jsCtx *`, destroyed in `deinit`; the library locks it.
    private let context: OpaquePointer

    package init(connection: NATSConnection, stream: String, timeout: Double = 5) throws(OutputError) {
        self.connection = connection
        self.stream = stream
        context = try JetStream.context(connection, timeout: timeout)
    }

    deinit {
        jsCtx_Destroy(context)
    }

    /// The stream's message count and sequence range; throws when it does not exist.
    package func state() throws(OutputError) -> StreamState {
        var info: UnsafeMutablePointer<jsStreamInfo>?
        var code = jsErrCode(0)
        let status = js_GetStreamInfo(&info, context, stream, nil, &code)
        guard status == NATS_OK, let info else {
            throw .stream(name: stream, action: "looking it up", reason: NATSLibrary.describe(status))
        }
        defer { jsStreamInfo_Destroy(info) }
        let state = info.pointee.State
        return StreamState(messages: state.Msgs, firstSequence: state.FirstSeq, lastSequence: state.LastSeq)
    }

    /// The message at `sequence`; nil when there is none (deleted, or outside the stream).
    package func message(at sequence: UInt64) throws(OutputError) -> StreamMessage? {
        var message: OpaquePointer?
        var code = jsErrCode(0)
        let status = js_GetMsg(&message, context, stream, sequence, nil, &code)
        if status == NATS_NOT_FOUND || code == JSNoMessageFoundErr { return nil }
        guard status == NATS_OK, let message else {
            throw .stream(name: stream, action: "reading message \(sequence)", reason: NATSLibrary.describe(status))
        }
        defer { natsMsg_Destroy(message) }
        let length = Int(natsMsg_GetDataLength(message))
        let payload = natsMsg_GetData(message).map { data in
            Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: length))
        } ?? []
        var headers: [OutgoingMessage.Header] = []
        var keys: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var count: Int32 = 0
        if natsMsgHeader_Keys(message, &keys, &count) == NATS_OK, let keys {
            defer { free(keys) }
            for index in 0..<Int(count) {
                guard let key = keys[index] else { continue }
                var value: UnsafePointer<CChar>?
                if natsMsgHeader_Get(message, key, &value) == NATS_OK, let value {
                    headers.append(OutgoingMessage.Header(String(cString: key), String(cString: value)))
                }
            }
        }
        return StreamMessage(
            sequence: natsMsg_GetSequence(message), subject: natsMsg_GetSubject(message).map { String(cString: $0) } ?? "",
            payload: payload, headers: headers,
            time: Date(timeIntervalSince1970: Double(natsMsg_GetTime(message)) / 1_000_000_000))
    }

    /// Every message from `sequence` on (at least the first), oldest first, up to the stream's last message as it
    /// is now; `body` returns false to stop.
    package func forEach(from sequence: UInt64 = 1, _ body: (StreamMessage) -> Bool) throws(OutputError) {
        let state = try state()
        guard state.messages > 0 else { return }
        var next = max(sequence, state.firstSequence)
        while next <= state.lastSequence {
            if let message = try message(at: next), !body(message) { return }
            next += 1
        }
    }

    /// The first sequence whose message was stored at or after `time` (binary search: stream times never go
    /// back); past the last message when there is none.
    package func firstSequence(storedAtOrAfter time: Date) throws(OutputError) -> UInt64 {
        let state = try state()
        var low = state.firstSequence
        var high = state.lastSequence + 1
        while low < high {
            let middle = low + (high - low) / 2
            var probe = middle
            var found: StreamMessage?
            // A deleted message has no time: the next one that exists stands for it.
            while probe < high, found == nil {
                found = try message(at: probe)
                if found == nil { probe += 1 }
            }
            if let found, found.time < time { low = probe + 1 } else { high = middle }
        }
        return low
    }
}
