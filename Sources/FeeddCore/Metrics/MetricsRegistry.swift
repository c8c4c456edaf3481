import Synchronization

/// The process's metrics: counter, gauge and histogram families with labels, and collectors that add
/// samples computed at scrape time. One registry is made where the daemon starts and handed to whoever
/// records (no global state); `render()` gives the Prometheus text exposition format 0.0.4.
package final class MetricsRegistry: Sendable {
    package enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    /// One family as registered: the name, help text, kind, label names and (histograms) upper bounds.
    struct Family: Sendable {
        var name: String
        var help: String
        var kind: Kind
        var labelNames: [String]
        var buckets: [Double]
        /// Label values → counter/gauge value, or histogram bucket counts + sum + count.
        var series: [[String]: Series] = [:]
    }

    struct Series: Sendable {
        var value: Double = 0
        var bucketCounts: [UInt64] = []
        var count: UInt64 = 0
    }

    /// Samples a collector adds at scrape time (for instance gauges read from the daemon's state).
    package typealias Collector = @Sendable () -> [MetricSample]

    private let families = Mutex<[String: Family]>([:])
    private let collectors = Mutex<[(MetricFamilyInfo, Collector)]>([])

    package init() {}

    /// The default histogram buckets (seconds): 1 ms to 60 s.
    package static let secondsBuckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    package func counter(_ name: String, _ help: String, labels: [String] = []) -> Counter {
        register(Family(name: name, help: help, kind: .counter, labelNames: labels, buckets: []))
        return Counter(registry: self, name: name)
    }

    package func gauge(_ name: String, _ help: String, labels: [String] = []) -> Gauge {
        register(Family(name: name, help: help, kind: .gauge, labelNames: labels, buckets: []))
        return Gauge(registry: self, name: name)
    }

    package func histogram(
        _ name: String, _ help: String, labels: [String] = [], buckets: [Double] = MetricsRegistry.secondsBuckets
    ) -> Histogram {
        let bounds = buckets.filter(\.isFinite).sorted()
        register(Family(name: name, help: help, kind: .histogram, labelNames: labels, buckets: bounds))
        return Histogram(registry: self, name: name)
    }

    /// Adds samples computed at each scrape for the family `info` (a gauge or counter whose value lives elsewhere).
    package func collect(_ info: MetricFamilyInfo, _ collector: @escaping Collector) {
        collectors.withLock { $0.append((info, collector)) }
    }

    private func register(_ family: Family) {
        precondition(MetricsText.isValidName(family.name), "bad metric name \(family.name)")
        families.withLock { families in
            if let existing = families[family.name] {
                precondition(
                    existing.kind == family.kind && existing.labelNames == family.labelNames,
                    "metric \(family.name) registered twice with different shapes")
                return
            }
            var family = family
            // A family without labels has its one series from the start: a scrape shows 0, not nothing.
            if family.labelNames.isEmpty { family.series[[]] = Series(bucketCounts: Array(repeating: 0, count: family.buckets.count)) }
            families[family.name] = family
        }
    }

    /// Applies `change` to the series of `name` with `labelValues` (made at 0 when new); the closure is given
    /// the family's bucket bounds (empty but for histograms).
    func update(_ name: String, _ labelValues: [String], _ change: (inout Series, _ buckets: [Double]) -> Void) {
        families.withLock { families in
            // In place: a copy of the family taken out and put back would copy its every series on each update
            // (a counter labelled by source has one per source).
            guard let index = families.index(forKey: name) else { return }
            let buckets = families.values[index].buckets
            precondition(
                labelValues.count == families.values[index].labelNames.count, "metric \(name): wrong number of labels")
            change(
                &families.values[index].series[
                    labelValues, default: Series(bucketCounts: Array(repeating: 0, count: buckets.count))],
                buckets)
        }
    }

    /// Forgets series of every family with a label `label` whose value is not in `keep`.
    package func retainSeries(label: String, in keep: Set<String>) {
        families.withLock { families in
            for (name, var family) in families {
                guard let index = family.labelNames.firstIndex(of: label) else { continue }
                family.series = family.series.filter { keep.contains($0.key[index]) }
                families[name] = family
            }
        }
    }

    /// The value of one counter or gauge series (tests and the daemon's own reads).
    package func value(_ name: String, _ labelValues: [String] = []) -> Double? {
        families.withLock { $0[name]?.series[labelValues]?.value }
    }

    /// The text exposition format 0.0.4: families sorted by name, series by label values, HELP and TYPE
    /// lines first; the same state always renders to the same bytes.
    /// `adding` holds families computed by the caller for this scrape only (a snapshot of the daemon's state).
    package func render(adding extra: [(MetricFamilyInfo, [MetricSample])] = []) -> String {
        var all = families.withLock { Array($0.values) }.map(MetricsText.RenderFamily.init(family:))
        let collected = collectors.withLock({ $0 }).map { ($0.0, $0.1()) }
        for (info, samples) in collected + extra {
            if let index = all.firstIndex(where: { $0.name == info.name }) {
                all[index].samples += samples
            } else {
                all.append(MetricsText.RenderFamily(info: info, samples: samples))
            }
        }
        return MetricsText.render(all.sorted { $0.name < $1.name })
    }
}

/// A family's name, help and kind, for a collector's samples.
package struct MetricFamilyInfo: Sendable {
    package var name: String
    package var help: String
    package var kind: MetricsRegistry.Kind
    package init(_ name: String, _ help: String, _ kind: MetricsRegistry.Kind = .gauge) {
        self.name = name
        self.help = help
        self.kind = kind
    }
}

/// One sample a collector gives: label pairs in order, and the value.
package struct MetricSample: Sendable, Equatable {
    package var labels: [(String, String)]
    package var value: Double
    package init(_ value: Double) { self.init([], value) }
    package init(_ labels: [(String, String)], _ value: Double) {
        self.labels = labels
        self.value = value
    }
    package static func == (a: MetricSample, b: MetricSample) -> Bool {
        a.value == b.value && a.labels.elementsEqual(b.labels) { $0 == $1 }
    }
}

/// A counter family: values only go up.
package struct Counter: Sendable {
    let registry: MetricsRegistry
    let name: String
    package func increment(_ labels: String..., by amount: Double = 1) {
        guard amount >= 0 else { return }
        registry.update(name, labels) { series, _ in series.value += amount }
    }
}

/// A gauge family: set to a value.
package struct Gauge: Sendable {
    let registry: MetricsRegistry
    let name: String
    package func set(_ value: Double, _ labels: String...) {
        registry.update(name, labels) { series, _ in series.value = value }
    }
}

/// A histogram family: cumulative buckets, sum and count.
package struct Histogram: Sendable {
    let registry: MetricsRegistry
    let name: String
    package func observe(_ value: Double, _ labels: String...) {
        registry.update(name, labels) { series, buckets in
            for (index, bound) in buckets.enumerated() where value <= bound { series.bucketCounts[index] += 1 }
            series.value += value
            series.count += 1
        }
    }
}
