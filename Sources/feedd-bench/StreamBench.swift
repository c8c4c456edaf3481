import FeeddCore
import FeeddOutput
import Foundation

/// `feedd-bench stream --url URL [--stream FEEDD] [--served FILE]`: what a JetStream stream holds after
/// scripts/bench-scale's run, as one JSON line: messages, distinct `Nats-Msg-Id`s, the first and last message's
/// stored time, and, with `--served`, the fetch-to-stream latency of every message.
///
/// `--served` lists `SOURCE EPOCH_SECONDS` lines: when the feed server finished sending that source's feed. A
/// message's latency is its stream time (the server's clock, nanoseconds) minus that of its `Feedd-Source`, both
/// on the same machine's clock; the record's own `fetched` field is whole seconds, too coarse to measure with.
enum StreamBench {
    static func run(_ arguments: inout BenchArguments) throws {
        guard let url = try arguments.option("url") else { throw BenchUsageError("--url is required") }
        let stream = try arguments.option("stream") ?? "FEEDD"
        let servedPath = try arguments.option("served")
        try arguments.finish()
        let served = try servedPath.map(readServed) ?? [:]

        let logger = Logger(sink: .standardError(level: .warning))
        let connection = try NATSConnection(options: NATSOptions(urls: [url], name: "feedd-bench-stream"), logger: logger)
        defer { connection.close() }
        let reader = try StreamReader(connection: connection, stream: stream)
        var messages = 0
        var ids = Set<String>()
        var first = Double.infinity, last = 0.0
        var latencies: [Double] = []
        var unmatched = 0
        try reader.forEach { message in
            messages += 1
            if let id = message.header("Nats-Msg-Id") { ids.insert(id) }
            let time = message.time.timeIntervalSince1970
            first = min(first, time)
            last = max(last, time)
            if !served.isEmpty {
                if let source = message.header("Feedd-Source"), let fetched = served[source] {
                    latencies.append(time - fetched)
                } else {
                    unmatched += 1
                }
            }
            return true
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
        }
        var json = JSONWriter()
        json.beginObject()
        json.field("stream", stream)
        json.field("messages", Int64(messages))
        json.field("distinct_msg_ids", Int64(ids.count))
        json.field("first_time", messages > 0 ? first : 0)
        json.field("last_time", last)
        json.field("latency_p50_ms", latencies.isEmpty ? 0 : percentile(0.5) * 1000)
        json.field("latency_p99_ms", latencies.isEmpty ? 0 : percentile(0.99) * 1000)
        json.field("latency_max_ms", latencies.last.map { $0 * 1000 } ?? 0)
        json.field("unmatched", Int64(unmatched))
        json.endObject()
        print(json.output)
    }

    /// `SOURCE EPOCH_SECONDS` per line.
    static func readServed(_ path: String) throws -> [String: Double] {
        var served: [String: Double] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let time = Double(parts[1]) else { throw BenchUsageError("--served: bad line \"\(line)\"") }
            served[String(parts[0])] = time
        }
        return served
    }
}
