#!/usr/bin/env python3
"""Prints the tables of scripts/bench-poll from its raw results: medians and feedd/newsboat ratios."""
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, cpu, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu), int(rss)))
def med(label, i):
    return statistics.median(r[i] for r in rows[label]) if label in rows else float("nan")
sizes = sorted({int(l.rsplit("-", 1)[1]) for l in rows})
print("| N | phase | feedd wall s | feedd CPU s | feedd peak RSS MB | newsboat wall s | newsboat CPU s | newsboat peak RSS MB | CPU feedd/newsboat | RSS feedd/newsboat |")
print("|---|---|---|---|---|---|---|---|---|---|")
for n in sizes:
    for phase in ("cold", "warm"):
        f, b = "feedd-%s-%d" % (phase, n), "newsboat-%s-%d" % (phase, n)
        print("| %d | %s | %.2f | %.2f | %.1f | %.2f | %.2f | %.1f | %.3f | %.2f |" % (
            n, phase, med(f, 0), med(f, 1), med(f, 2) / 1024, med(b, 0), med(b, 1), med(b, 2) / 1024,
            med(f, 1) / med(b, 1) if med(b, 1) else float("nan"), med(f, 2) / med(b, 2) if med(b, 2) else float("nan")))
try:
    print()
    print("| N sources | start-up s (store open, dedupe index rebuilt) | records in store | feedd idle CPU % | feedd idle RSS MB |")
    print("|---|---|---|---|---|")
    for line in open(sys.argv[2]):
        label, cpu, rss, startup, records = line.split()
        print("| %s | %.1f | %s | %s | %.1f |" % (label.split("-")[1], float(startup), records, cpu, int(rss) / 1024))
except FileNotFoundError:
    pass
