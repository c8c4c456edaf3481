#!/usr/bin/env python3
"""Lays out the shared real corpora as one directory of pages for the speed benchmark: every readability
source.html and every trafilatura eval page (decompressed), named by corpus and page, plus urls.tsv (file, URL)
for runs that pass --url. Read at run time, written under .build only. Usage: real_bench_pages.py CORPORA OUT_DIR
Exits 3 with a message when the corpora are missing."""
import gzip
import json
import os
import sys


def main():
    corpora, out = sys.argv[1], sys.argv[2]
    readability = os.path.join(corpora, "extract", "readability")
    trafilatura = os.path.join(corpora, "extract", "trafilatura")
    if not os.path.isdir(readability) and not os.path.isdir(trafilatura):
        print(f"note: no real corpora at {corpora} (set FEEDD_CORPORA); skipped", file=sys.stderr)
        sys.exit(3)
    os.makedirs(out, exist_ok=True)
    urls = []

    def write(name, raw, url):
        path = os.path.join(out, name + ".html")
        if not os.path.exists(path) or os.path.getsize(path) != len(raw):
            with open(path, "wb") as f:
                f.write(raw)
        urls.append((name + ".html", url or ""))

    if os.path.isdir(readability):
        for name in sorted(os.listdir(readability)):
            source = os.path.join(readability, name, "source.html")
            if not os.path.isfile(source):
                continue
            url = None
            meta = os.path.join(readability, name, "expected-metadata.json")
            if os.path.isfile(meta):
                with open(meta, encoding="utf-8") as f:
                    url = json.load(f).get("url")
            with open(source, "rb") as f:
                write("readability-" + name, f.read(), url)
    eval_dir = os.path.join(trafilatura, "eval")
    if os.path.isdir(eval_dir):
        by_file = {}
        index = os.path.join(trafilatura, "evaldata.json")
        if os.path.isfile(index):
            with open(index, encoding="utf-8") as f:
                by_file = {item["file"]: url for url, item in json.load(f).items()}
        for name in sorted(os.listdir(eval_dir)):
            if not name.endswith(".html.gz"):
                continue
            with open(os.path.join(eval_dir, name), "rb") as f:
                raw = gzip.decompress(f.read())
            write("trafilatura-" + name[:-len(".html.gz")], raw, by_file.get(name[:-len(".gz")]))
    with open(os.path.join(out, "urls.tsv"), "w", encoding="utf-8") as f:
        for name, url in urls:
            f.write(f"{name}\t{url}\n")
    print(f"{len(urls)} real pages in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
