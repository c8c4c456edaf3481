/// Rendering of the Prometheus text exposition format 0.0.4: names, escaping, numbers, line order.
package enum MetricsText {
    /// The Content-Type of the format.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*` (label names: the same without `:`).
    package static func isValidName(_ name: String, label: Bool = false) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || (!label && byte == 0x3A)
        }
    }

    /// HELP text escapes backslash and newline.
    package static func escapeHelp(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Label values escape backslash, double quote and newline.
    package static func escapeLabelValue(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\n" || (quotes && $0 == "\"") }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\"" where quotes: out += "\\\""
            default: out.append(character)
            }
        }
        return out
    }

    /// Integers without a fraction, `+Inf`, `-Inf`, `NaN` as the format spells them.
    package static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    struct RenderFamily {
        var name: String
        var help: String
        var kind: MetricsRegistry.Kind
        var samples: [MetricSample]
        /// Histogram series are rendered with their `_bucket`, `_sum`, `_count` lines.
        var histograms: [(labels: [(String, String)], buckets: [(Double, UInt64)], sum: Double, count: UInt64)] = []

        init(info: MetricFamilyInfo, samples: [MetricSample]) {
            name = info.name
            help = info.help
            kind = info.kind
            self.samples = samples
        }

        init(family: MetricsRegistry.Family) {
            name = family.name
            help = family.help
            kind = family.kind
            samples = []
            for (values, series) in family.series {
                let labels = Array(zip(family.labelNames, values))
                if family.kind == .histogram {
                    histograms.append((labels, Array(zip(family.buckets, series.bucketCounts)), series.value, series.count))
                } else {
                    samples.append(MetricSample(labels, series.value))
                }
            }
        }
    }

    static func render(_ families: [RenderFamily]) -> String {
        var out = ""
        for family in families {
            out += "# HELP \(family.name) \(escapeHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            var lines: [(key: String, line: String)] = []
            for sample in family.samples {
                let labels = labelText(sample.labels)
                lines.append((labels, "\(family.name)\(labels) \(number(sample.value))\n"))
            }
            for histogram in family.histograms {
                let key = labelText(histogram.labels)
                var text = ""
                for (bound, count) in histogram.buckets {
                    text += "\(family.name)_bucket\(labelText(histogram.labels + [("le", number(bound))])) \(count)\n"
                }
                text += "\(family.name)_bucket\(labelText(histogram.labels + [("le", "+Inf")])) \(histogram.count)\n"
                text += "\(family.name)_sum\(key) \(number(histogram.sum))\n"
                text += "\(family.name)_count\(key) \(histogram.count)\n"
                lines.append((key, text))
            }
            for entry in lines.sorted(by: { $0.key < $1.key }) { out += entry.line }
        }
        return out
    }

    static func labelText(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
    }
}
