import FeeddCore
import Testing

@Suite struct MetricsRegistryTests {
    @Test func countersAndGaugesRenderSortedWithHelpAndType() {
        let registry = MetricsRegistry()
        let polls = registry.counter("feedd_polls_total", "Polls finished.", labels: ["source", "outcome"])
        let depth = registry.gauge("feedd_queue_depth", "Sources waiting.")
        polls.increment("zeta", "ok")
        polls.increment("alpha", "ok", by: 2)
        polls.increment("alpha", "error")
        depth.set(3)
        #expect(
            registry.render() == """
                # HELP feedd_polls_total Polls finished.
                # TYPE feedd_polls_total counter
                feedd_polls_total{source="alpha",outcome="error"} 1
                feedd_polls_total{source="alpha",outcome="ok"} 2
                feedd_polls_total{source="zeta",outcome="ok"} 1
                # HELP feedd_queue_depth Sources waiting.
                # TYPE feedd_queue_depth gauge
                feedd_queue_depth 3

                """)
    }

    @Test func labelValuesAndHelpAreEscaped() {
        let registry = MetricsRegistry()
        registry.counter("feedd_x_total", "a \\ back\nslash", labels: ["source"]).increment("q\"uo\\te\nnl")
        let text = registry.render()
        #expect(text.contains("# HELP feedd_x_total a \\\\ back\\nslash\n"))
        #expect(text.contains(#"feedd_x_total{source="q\"uo\\te\nnl"} 1"#))
    }

    @Test func histogramBucketsAreCumulativeWithInfSumAndCount() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("feedd_append_seconds", "Append time.", buckets: [0.1, 1])
        histogram.observe(0.05)
        histogram.observe(0.5)
        histogram.observe(2)
        #expect(
            registry.render() == """
                # HELP feedd_append_seconds Append time.
                # TYPE feedd_append_seconds histogram
                feedd_append_seconds_bucket{le="0.1"} 1
                feedd_append_seconds_bucket{le="1"} 2
                feedd_append_seconds_bucket{le="+Inf"} 3
                feedd_append_seconds_sum 2.55
                feedd_append_seconds_count 3

                """)
    }

    @Test func collectorsAddScrapeTimeSamples() {
        let registry = MetricsRegistry()
        registry.collect(MetricFamilyInfo("feedd_sources", "Sources by state.")) {
            [MetricSample([("state", "ok")], 2), MetricSample([("state", "failing")], 1)]
        }
        #expect(registry.render().hasSuffix("feedd_sources{state=\"failing\"} 1\nfeedd_sources{state=\"ok\"} 2\n"))
    }

    @Test func removedSourcesLoseTheirSeries() {
        let registry = MetricsRegistry()
        let polls = registry.counter("feedd_polls_total", "Polls.", labels: ["source", "outcome"])
        let last = registry.gauge("feedd_last", "Last.", labels: ["source"])
        polls.increment("gone", "ok")
        polls.increment("kept", "ok")
        last.set(5, "gone")
        registry.retainSeries(label: "source", in: ["kept"])
        #expect(registry.value("feedd_polls_total", ["gone", "ok"]) == nil)
        #expect(registry.value("feedd_polls_total", ["kept", "ok"]) == 1)
        #expect(registry.value("feedd_last", ["gone"]) == nil)
        #expect(!registry.render().contains("gone"))
    }

    @Test(arguments: [(1.0, "1"), (0.25, "0.25"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (Double.nan, "NaN")])
    func numbers(value: Double, text: String) {
        #expect(MetricsText.number(value) == text)
    }

    @Test func names() {
        #expect(MetricsText.isValidName("feedd_polls_total"))
        #expect(!MetricsText.isValidName("9lives"))
        #expect(!MetricsText.isValidName("has-dash"))
        #expect(!MetricsText.isValidName("a:b", label: true))
    }
}
