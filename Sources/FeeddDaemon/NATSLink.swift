import FeeddCore
import FeeddOutput
import Synchronization

/// The daemon's one connection to NATS, shared by the output and the shared dedupe claims. It is made on first
/// use, not at start, so feedd starts (and stores) while NATS is down; a failed attempt is the caller's to
/// retry later. Once made it is kept: the client reconnects on its own, and requests fail fast meanwhile.
final class NATSLink: Sendable {
    let options: NATSOptions
    private let logger: Logger
    /// The connection once made; the lock also keeps two callers from connecting at once.
    private let made = Mutex<NATSConnection?>(nil)
    private let closed = Atomic<Bool>(false)

    init(settings: NATSOutputSettings, logger: Logger) {
        options = NATSOptions(settings: settings)
        self.logger = logger
    }

    /// The connection, connecting first if there is none yet (blocks up to the connect timeout).
    func connection() throws(OutputError) -> NATSConnection {
        let options = self.options
        let logger = self.logger
        return try made.withLock { (made: inout NATSConnection?) throws(OutputError) -> NATSConnection in
            if self.closed.load(ordering: .acquiring) { throw OutputError.invalidOptions("the output is stopping") }
            if let made { return made }
            let connection = try NATSConnection(options: options, logger: logger)
            made = connection
            return connection
        }
    }

    /// Whether a connection exists and is up right now.
    var isConnected: Bool { made.withLock { $0?.isConnected ?? false } }

    /// Closes the connection; later calls to `connection()` fail.
    func close() {
        closed.store(true, ordering: .releasing)
        made.withLock { $0?.close() }
    }
}
