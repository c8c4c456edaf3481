#!/usr/bin/env python3
"""Prints the tables of scripts/bench-poll from its raw results: medians and feedd/newsboat ratios.
Result labels are TOOL-PHASE-POLITENESS-N (feedd-cold-on-300); idle lines are idle-N."""
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, cpu, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu), int(rss)))
def med(label, i):
    return statistics.median(r[i] for r in rows[label]) if label in rows else float("nan")
def ratio(a, b):
    return a / b if b and b == b else float("nan")
keys = sorted({(int(l.split("-")[3]), l.split("-")[2]) for l in rows}, key=lambda k: (k[0], k[1] != "off"))
print("| N | politeness | phase | feedd wall s | feedd CPU s | feedd peak RSS MB | newsboat wall s | newsboat CPU s | newsboat peak RSS MB | CPU feedd/newsboat | RSS feedd/newsboat |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for n, mode in keys:
    for phase in ("cold", "warm"):
        f, b = "feedd-%s-%s-%d" % (phase, mode, n), "newsboat-%s-%s-%d" % (phase, mode, n)
        print("| %d | %s | %s | %.2f | %.2f | %.1f | %.2f | %.2f | %.1f | %.3f | %.2f |" % (
            n, mode, phase, med(f, 0), med(f, 1), med(f, 2) / 1024, med(b, 0), med(b, 1), med(b, 2) / 1024,
            ratio(med(f, 1), med(b, 1)), ratio(med(f, 2), med(b, 2))))
try:
    lines = open(sys.argv[2]).read().split("\n")
    lines = [l for l in lines if l.strip()]
    if lines:
        print()
        print("| N sources | start-up s (store open, dedupe index rebuilt) | records in store | feedd idle CPU % | feedd idle RSS MB |")
        print("|---|---|---|---|---|")
        for line in lines:
            label, cpu, rss, startup, records = line.split()
            print("| %s | %.1f | %s | %s | %.1f |" % (label.split("-")[1], float(startup), records, cpu, int(rss) / 1024))
except (FileNotFoundError, IndexError):
    pass
