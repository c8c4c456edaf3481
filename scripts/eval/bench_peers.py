#!/usr/bin/env python3
"""In-process timings of the peers on every .html file of a directory, ROUNDS times: median and mean CPU ms per
page and pages per CPU second, as JSON lines (one per peer): trafilatura, resiliparse, and lxml's HTML parse alone
(lxml.html.fromstring: a libxml2 tree built from Python; note that lxml's wheels link their own libxml2, whose
version the line reports, not the system's that feedd uses).
Usage: bench_peers.py DIR ROUNDS [PEER...]"""
import json
import os
import resource
import statistics
import sys
import time


def pages(directory):
    return [open(os.path.join(directory, f), "rb").read() for f in sorted(os.listdir(directory)) if f.endswith(".html")]


def measure(name, function, docs, rounds, **extra):
    samples = []
    for _ in range(rounds):
        for raw in docs:
            start = time.process_time()
            function(raw)
            samples.append((time.process_time() - start) * 1000)
    total = sum(samples)
    print(json.dumps({"mode": name, "pages": len(docs), "rounds": rounds, "median_ms": statistics.median(samples),
                      "mean_ms": total / len(samples), "pages_per_s": len(samples) / (total / 1000),
                      "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, **extra}), flush=True)


def main():
    directory, rounds = sys.argv[1], int(sys.argv[2])
    wanted = set(sys.argv[3:]) or {"lxml", "trafilatura", "resiliparse"}
    docs = pages(directory)
    if "lxml" in wanted:
        try:
            import lxml.etree
            import lxml.html
            measure("lxml", lambda raw: lxml.html.fromstring(raw), docs, rounds,
                    libxml2=".".join(map(str, lxml.etree.LIBXML_VERSION)))
        except ImportError as error:
            print(json.dumps({"mode": "lxml", "error": str(error)}))
    if "trafilatura" in wanted:
        try:
            import trafilatura
            measure("trafilatura", lambda raw: trafilatura.extract(raw, with_metadata=True), docs, rounds)
        except ImportError as error:
            print(json.dumps({"mode": "trafilatura", "error": str(error)}))
    if "resiliparse" not in wanted:
        return
    try:
        from resiliparse.parse.html import HTMLTree
        from resiliparse.parse.encoding import detect_encoding, bytes_to_str
        from resiliparse.extract.html2text import extract_plain_text

        def resiliparse_extract(raw):
            tree = HTMLTree.parse_from_bytes(raw, detect_encoding(raw))
            return extract_plain_text(tree, main_content=True)
        measure("resiliparse", resiliparse_extract, docs, rounds)
    except ImportError as error:
        print(json.dumps({"mode": "resiliparse", "error": str(error)}))


if __name__ == "__main__":
    main()
