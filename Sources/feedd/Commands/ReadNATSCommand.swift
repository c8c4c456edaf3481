import FeeddCore
import FeeddOutput
import Foundation

/// `feedd read --nats`: the records of the `[output nats]` stream, one JSON object per line, as published
/// (the stored line each message carries), in stream order.
enum ReadNATSCommand {
    /// `since`: a stream sequence number (print what comes after it); `sinceTime`: stored in the stream at or after.
    static func run(config: Config, since: UInt64?, sinceTime: Date?, source: String?) -> Int32 {
        guard let settings = config.natsOutput else {
            Output.error("feedd read: \(config.path) has no [output nats] section (the stream to read is named there)")
            return ExitCode.invalidInput
        }
        let logger = Logger(sink: .standardError(level: .warning))
        var out = StandardOutput()
        do throws(OutputError) {
            let connection = try NATSConnection(options: NATSOptions(settings: settings, name: "feedd-read"), logger: logger)
            defer { connection.close() }
            let reader = try StreamReader(connection: connection, stream: settings.stream)
            var first = since.map { $0 + 1 } ?? 1
            if let sinceTime { first = try reader.firstSequence(storedAtOrAfter: sinceTime) }
            try reader.forEach(from: first) { message in
                if let source, message.header("Feedd-Source") != source { return true }
                return out.write(message.payload)
            }
        } catch {
            _ = out.flush()
            Output.error("feedd read: \(error)")
            return ExitCode.failure
        }
        _ = out.flush()
        return ExitCode.success
    }
}
