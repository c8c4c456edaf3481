import CNats

/// The NATS C library's process-wide state, owned here and nowhere else.
///
/// `nats_Open` starts the library's shared threads (timers, async callbacks) once per process; every
/// connection made afterwards uses them. It is never closed: `nats_Close` would tear down what every other
/// connection in the process still uses, and the threads end with the process. A `static let` runs its
/// initializer once, thread-safely, so there is no global mutable state.
enum NATSLibrary {
    private static let opened: natsStatus = nats_Open(-1)

    /// Opens the library when this is the first call; returns the failure to report otherwise.
    static func open() -> String? {
        opened == NATS_OK ? nil : "the NATS client library could not start: \(describe(opened))"
    }

    /// The status's text, with the library's detailed message for the calling thread when it has one.
    /// Call it straight after the failing call: the detail is per thread and the next call replaces it.
    static func describe(_ status: natsStatus) -> String {
        let text = String(cString: natsStatus_GetText(status))
        var lastStatus = NATS_OK
        guard let detail = nats_GetLastError(&lastStatus).map({ String(cString: $0) }), !detail.isEmpty,
            detail != text
        else { return text }
        return "\(text): \(detail)"
    }
}
