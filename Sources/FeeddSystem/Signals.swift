import Dispatch
import FeeddCore
import Glibc

/// The signals feedd reacts to. The corresponding C constants are `SIGTERM`, `SIGINT`, `SIGHUP`, `SIGUSR1`.
package enum UnixSignal: Int32, Sendable, CaseIterable {
    case terminate = 15  // SIGTERM
    case interrupt = 2  // SIGINT
    case hangup = 1  // SIGHUP
    case user1 = 10  // SIGUSR1

    package var name: String {
        switch self {
        case .terminate: return "SIGTERM"
        case .interrupt: return "SIGINT"
        case .hangup: return "SIGHUP"
        case .user1: return "SIGUSR1"
        }
    }
}

/// Delivers signals as Dispatch events. The default action of each signal is turned off first
/// (so none can kill the process between start-up and registration), and `start` returns only
/// after every source is registered, so the caller may then report itself ready.
/// Unchecked: `sources` is immutable after init, and Dispatch sources are thread-safe to cancel.
package final class SignalHandlers: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]

    package init(
        _ signals: [UnixSignal], queue: DispatchQueue, handler: @escaping @Sendable (UnixSignal) -> Void
    ) {
        Glibc.signal(SIGPIPE, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        let registered = DispatchGroup()
        for unixSignal in signals {
            Glibc.signal(unixSignal.rawValue, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: unixSignal.rawValue, queue: queue)
            registered.enter()
            source.setRegistrationHandler { @Sendable in registered.leave() }
            source.setEventHandler { @Sendable in handler(unixSignal) }
            source.resume()
            sources.append(source)
        }
        registered.wait()
        self.sources = sources
    }

    /// Stops delivery; the signals stay ignored.
    package func cancel() {
        for source in sources { source.cancel() }
    }
}
