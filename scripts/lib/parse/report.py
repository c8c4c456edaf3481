#!/usr/bin/env python3
"""Reads `name<TAB>round-line` records on stdin and prints a Markdown table with medians and ratios."""
import statistics
import sys

runs = {}
order = []
for line in sys.stdin:
    name, _, record = line.rstrip("\n").partition("\t")
    fields = dict(part.split("=", 1) for part in record.split())
    if name not in runs:
        runs[name] = []
        order.append(name)
    runs[name].append(fields)

rows = []
order.sort(key=lambda name: (not name.startswith("feedd"), name.startswith("feedparser (")))
for name in order:
    times = [float(r["seconds"]) for r in runs[name]]
    seconds = statistics.median(times)
    data = runs[name][0]
    mb = int(data["bytes"]) / 1e6
    items = int(data["items"]) if data.get("items", "-") != "-" else None
    rows.append((name, len(times), seconds, min(times), mb / seconds, items / seconds if items is not None else None))

# Ratios compare medians (and best runs, which a busy machine disturbs least) with feedd on one thread.
feedd = next(r for r in rows if r[0].startswith("feedd"))
print("| parser | runs | median s | best s | MB/s (median) | items/s (median) | feedd (1 thread) is … × faster, median (best) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, count, seconds, best, mbps, ips in rows:
    ratio_text = "—" if name == feedd[0] else "%.2f× (%.2f×)" % (seconds / feedd[2], best / feedd[3])
    print("| %s | %d | %.3f | %.3f | %.1f | %s | %s |" % (name, count, seconds, best, mbps, "%.0f" % ips if ips else "—", ratio_text))
