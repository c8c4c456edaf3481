#!/usr/bin/env python3
"""Prints scripts/bench-scale's table from its raw results: medians over the runs, ratios against the single
instance writing only its journal. A result line is
    LABEL N ARTICLES SECONDS CPU_1,CPU_2,… NATS_CPU SERVER_CPU P50_MS P99_MS MESSAGES DISTINCT_MSG_IDS"""
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    label, n, articles, seconds, cpus, nats, server, p50, p99, messages, distinct = line.split()
    rows.setdefault((label, int(n)), []).append({
        "articles": int(articles), "seconds": float(seconds), "cpus": [float(c) for c in cpus.split(",")],
        "nats": float(nats), "server": float(server), "p50": float(p50), "p99": float(p99),
        "messages": int(messages), "distinct": int(distinct)})


def med(runs, key):
    return statistics.median(key(r) for r in runs)


def rate(r):
    return (r["messages"] if r["messages"] else r["articles"]) / r["seconds"]


base = rows.get(("journal", 1))
base_rate = med(base, rate) if base else float("nan")
base_cpu = med(base, lambda r: sum(r["cpus"])) if base else float("nan")
runs = max(len(v) for v in rows.values())
print("Medians of %d runs; ratios against the journal-only instance." % runs)
print()
print("| setup | articles | s to the last in stream | articles/s | × journal-only | latency p50 ms | latency p99 ms "
      "| CPU s per instance | feedd CPU s | × journal-only | nats-server CPU s | feed server CPU s "
      "| CPU µs/article (feedd + nats) | stream messages = distinct Msg-Ids = articles |")
print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
for (label, n), runs_ in sorted(rows.items(), key=lambda item: (item[0][0] != "journal", item[0][0] != "local", item[0][1])):
    name = {"journal": "1 instance, journal only", "local": "1 instance → NATS, dedupe = local"}.get(
        label, "%d instance%s → NATS" % (n, "" if n == 1 else "s"))
    per_instance = "/".join("%.2f" % statistics.median(r["cpus"][k] for r in runs_) for k in range(n))
    cpu = med(runs_, lambda r: sum(r["cpus"]))
    articles = med(runs_, lambda r: r["articles"])
    per_article = med(runs_, lambda r: (sum(r["cpus"]) + r["nats"]) / r["articles"] * 1e6)
    exact = "—" if label == "journal" else ("yes" if all(
        r["messages"] == r["distinct"] == r["articles"] for r in runs_) else "NO: %s" % ", ".join(
        "%d/%d/%d" % (r["messages"], r["distinct"], r["articles"]) for r in runs_))
    latency = (lambda v: "—" if v != v else "%.0f" % v)
    print("| %s | %d | %.2f | %.0f | %.2f | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.0f | %s |" % (
        name, articles, med(runs_, lambda r: r["seconds"]), med(runs_, rate), med(runs_, rate) / base_rate,
        latency(med(runs_, lambda r: r["p50"])), latency(med(runs_, lambda r: r["p99"])), per_instance, cpu,
        cpu / base_cpu, med(runs_, lambda r: r["nats"]), med(runs_, lambda r: r["server"]), per_article, exact))
