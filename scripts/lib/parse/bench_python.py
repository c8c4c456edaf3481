#!/usr/bin/env python3
"""Times a Python feed parser in-process over every file of DIR (files read before timing).
Usage: bench_python.py feedparser|feedparser_rs DIR ROUNDS. Prints one line per round.
DIR is walked as `feedd-bench parse` walks it: every feed file of the tree."""
import importlib
import os
import sys
import time


SKIP = (".expected.json", ".py", ".md", ".html", ".txt", ".htaccess")


def main():
    module = importlib.import_module(sys.argv[1])
    directory = sys.argv[2]
    rounds = int(sys.argv[3])
    blobs = []
    paths = []
    for root, _, names in os.walk(directory):
        for name in names:
            if name.startswith((".", "LICENSE")) or "." not in name or name.endswith(SKIP):
                continue
            paths.append(os.path.relpath(os.path.join(root, name), directory))
    for path in sorted(paths):
        with open(os.path.join(directory, path), "rb") as f:
            blobs.append(f.read())
    total = sum(len(b) for b in blobs)
    for round_number in range(1, rounds + 1):
        items = 0
        start = time.perf_counter()
        for blob in blobs:
            items += len(module.parse(blob).entries)
        seconds = time.perf_counter() - start
        print("round=%d files=%d bytes=%d items=%d failures=0 seconds=%f" % (round_number, len(blobs), total, items, seconds), flush=True)


if __name__ == "__main__":
    main()
