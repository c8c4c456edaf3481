#!/usr/bin/env python3
"""Scores feedd's article extraction against the evaluation corpus, and the peers in the same run.

Body: word-level precision, recall and F1 against the expected text (macro average over pages).
Fields: title exact (whitespace-normalized), published date (same calendar day), authors (same set of names).
Usage: evaluate.py FEEDD_BINARY CORPUS_DIR [--verbose]"""
import collections
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text or ""))]


def prf(got, want):
    return counter_prf(collections.Counter(words(got)), collections.Counter(words(want)))


def counter_prf(g, w):
    """Precision, recall and F1 of the multiset g against the multiset w (collections.Counter)."""
    overlap = sum((g & w).values())
    p = overlap / sum(g.values()) if g else 0.0
    r = overlap / sum(w.values()) if w else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def norm(text):
    return " ".join((text or "").split()).replace("\u2019", "'").replace("\u2018", "'")


def author_set(value):
    if value is None:
        return set()
    if isinstance(value, str):
        value = re.split(r",|;| and ", value)
    return {norm(v).lower() for v in value if norm(v)}


def day(value):
    if value is None:
        return None
    return str(value)[:10]


# ---- extractors: each takes (bytes, url) and returns dict(text, title, authors, date) ----

def run_feedd(binary):
    def extract(raw, url, path):
        out = subprocess.run([binary, "extract", "--url", url, path], capture_output=True, check=False)
        if out.returncode != 0:
            return {"error": out.stderr.decode(errors="replace")}
        data = json.loads(out.stdout)
        return {"text": data["text"], "title": data["title"], "authors": data["author"], "date": day(data["published"])}
    return extract


def peer_trafilatura():
    import trafilatura

    def extract(raw, url, path):
        result = trafilatura.extract(raw, url=url, output_format="json", with_metadata=True, include_comments=False)
        if not result:
            return {"text": "", "title": None, "authors": None, "date": None}
        data = json.loads(result)
        return {"text": data.get("text"), "title": data.get("title"), "authors": data.get("author"),
                "date": day(data.get("date"))}
    return extract


def peer_readability():
    from readability import Document
    import lxml.html

    def extract(raw, url, path):
        doc = Document(raw, url=url)
        html = doc.summary(html_partial=True)
        text = lxml.html.fromstring(html).text_content() if html.strip() else ""
        return {"text": text, "title": doc.short_title(), "authors": None, "date": None}
    return extract


def peer_newspaper():
    import newspaper

    def extract(raw, url, path):
        article = newspaper.Article(url, fetch_images=False)
        article.download(input_html=decode(raw))
        article.parse()
        return {"text": article.text, "title": article.title, "authors": article.authors or None,
                "date": article.publish_date.date().isoformat() if article.publish_date else None}
    return extract


def decode(raw):
    """For peers that need text: the declared charset, else UTF-8 (what a browser would do here)."""
    match = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:4096])
    name = match.group(1).decode() if match else "utf-8"
    if name.lower() in ("iso-8859-1", "latin1", "us-ascii"):
        name = "cp1252"
    try:
        return raw.decode(name, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    pages = sorted(f[:-5] for f in os.listdir(corpus) if f.endswith(".html"))
    systems = [("feedd", lambda: run_feedd(binary)), ("trafilatura", peer_trafilatura),
               ("readability-lxml", peer_readability), ("newspaper4k", peer_newspaper)]
    rows = []
    details = {}
    for name, factory in systems:
        try:
            extract = factory()
        except Exception as error:  # a peer that did not install
            rows.append((name, None, f"n/a ({type(error).__name__}: {error})"))
            continue
        totals = collections.defaultdict(float)
        per_page = []
        started = time.time()
        for page in pages:
            path = os.path.join(corpus, page + ".html")
            with open(path, "rb") as f:
                raw = f.read()
            with open(os.path.join(corpus, page + ".expected.json"), encoding="utf-8") as f:
                want = json.load(f)
            url = f"https://example.test/{page}/"
            try:
                got = extract(raw, url, path)
            except Exception as error:
                got = {"error": f"{type(error).__name__}: {error}"}
            p, r, f1 = prf(got.get("text"), want["text"])
            title_ok = norm(got.get("title")) == norm(want["title"])
            date_ok = got.get("date") == want["published"]
            author_ok = author_set(got.get("authors")) == author_set(want["authors"])
            for key, value in (("p", p), ("r", r), ("f1", f1), ("title", title_ok), ("date", date_ok), ("author", author_ok)):
                totals[key] += value
            per_page.append((page, p, r, f1, title_ok, date_ok, author_ok, got))
        n = len(pages)
        rows.append((name, {k: v / n for k, v in totals.items()}, f"{time.time() - started:.1f}s"))
        details[name] = per_page
    print(f"pages: {len(pages)}")
    print("| extractor | precision | recall | F1 | title exact | date | author |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, scores, note in rows:
        if scores is None:
            print(f"| {name} | {note} | | | | | |")
        else:
            print(f"| {name} | {scores['p']:.3f} | {scores['r']:.3f} | {scores['f1']:.3f} | "
                  f"{scores['title']:.0%} | {scores['date']:.0%} | {scores['author']:.0%} |")
    if verbose:
        for name in [n for n in (sys.argv[3:] if len(sys.argv) > 3 else []) if not n.startswith("--")] or ["feedd"]:
            print(f"\n{name} per page (F1 < 0.97 or a field wrong):")
            for page, p, r, f1, t, d, a, got in details.get(name, []):
                if f1 < 0.97 or not (t and d and a):
                    print(f"  {page}: P={p:.2f} R={r:.2f} F1={f1:.2f} title={'ok' if t else repr(got.get('title'))} "
                          f"date={'ok' if d else got.get('date')} author={'ok' if a else got.get('authors')} {got.get('error', '')}")
    with open(os.environ.get("EVAL_JSON", "/dev/null"), "w") as f:
        json.dump({name: scores for name, scores, _ in rows}, f, indent=1)


if __name__ == "__main__":
    main()
