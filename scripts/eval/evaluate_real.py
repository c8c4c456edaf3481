#!/usr/bin/env python3
"""Scores feedd's article extraction on the shared real corpora, with the peers in the same run.

readability corpus: body = 4-word token shingles (lowercase \\w+ words after NFC) of the system's text against
the text of expected.html, precision/recall/F1 per page, macro-averaged; title exact (whitespace-normalized,
quotes folded), author loosely (one name string contains the other), date (same calendar day).
trafilatura corpus: a `with` snippet found in the text is a true positive, missing a false negative; a
`without` snippet found is a false positive. Matching is case-sensitive substring search after folding
whitespace runs to one space, as trafilatura's own evaluation does. P/R/F1 are micro (over all snippets);
the macro F1 (mean of per-page F1) is printed too.
The corpora are read at run time and never copied; see docs/EXTRACTION.md."""
import argparse
import collections
import concurrent.futures
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import unicodedata
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import counter_prf  # noqa: E402  (one P/R/F1 for both evaluators)

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4
BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol", "dl",
              "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "figure", "figcaption",
              "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "address", "form", "fieldset",
              "details", "summary", "body", "html"}
PEERS = ("trafilatura", "readability-lxml", "newspaper4k")
DEFAULT_SYSTEMS = ("feedd", "trafilatura", "readability-lxml")
PEER_MODULES = {"trafilatura": "trafilatura", "readability-lxml": "readability-lxml", "newspaper4k": "newspaper4k"}


# ---- text and scoring ----

def html_to_text(html):
    """Text of an HTML fragment with block elements separated by newlines, so words never fuse across blocks."""
    import lxml.html
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return ""
    parts = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if node.tail:
                parts.append(node.tail)
            return
        block = tag.lower() in BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parts)).strip()


def words(text):
    return [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text or ""))]


def shingles(text):
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return collections.Counter([tuple(tokens)] if tokens else [])
    return collections.Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def shingle_prf(got, want):
    return counter_prf(shingles(got), shingles(want))


def fold_ws(text):
    return re.sub(r"\s+", " ", text or "").strip()


def snippet_counts(got, item):
    text = fold_ws(got)
    tp = sum(1 for s in item["with"] if fold_ws(s) in text)
    fp = sum(1 for s in item["without"] if fold_ws(s) in text)
    return tp, fp, len(item["with"]) - tp


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                        "\u00ab": '"', "\u00bb": '"', "\u00a0": " "})


def norm_title(text):
    if isinstance(text, list):
        text = " ".join(map(str, text))
    return " ".join(unicodedata.normalize("NFC", text or "").translate(QUOTES).split())


def norm_name(text):
    text = " ".join(unicodedata.normalize("NFC", text or "").translate(QUOTES).lower().split())
    return re.sub(r"^(by|von|par|por|di)\s+", "", text)


def author_ok(got, want):
    """Loose: the truth byline contains every name the system gave, or the system's string contains the truth."""
    got, want = (", ".join(map(str, v)) if isinstance(v, list) else v for v in (got, want))
    g, w = norm_name(got), norm_name(want)
    if not g or not w:
        return False
    if g in w or w in g:
        return True
    names = [n.strip() for n in re.split(r",|;|&| and | und | et | y ", g) if n.strip()]
    return bool(names) and all(n in w for n in names)


def days(value):
    """The calendar days a date may mean: as written, and in UTC when it carries an offset."""
    if not value:
        return set()
    value = str(value).strip()
    out = set()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        out.add(match.group(0))
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            out.add(parsed.astimezone(timezone.utc).date().isoformat())
    except ValueError:
        pass
    return out


def date_ok(got, want):
    return bool(days(got) & days(want))


# ---- corpora: each page is dict(name, path, url, truth) ----

def readability_pages(root):
    base = os.path.join(root, "extract", "readability")
    pages = []
    for name in sorted(os.listdir(base)):
        folder = os.path.join(base, name)
        source = os.path.join(folder, "source.html")
        if not os.path.isfile(source):
            continue
        meta = {}
        if os.path.isfile(os.path.join(folder, "expected-metadata.json")):
            with open(os.path.join(folder, "expected-metadata.json"), encoding="utf-8") as f:
                meta = json.load(f)
        with open(os.path.join(folder, "expected.html"), encoding="utf-8") as f:
            text = html_to_text(f.read())
        pages.append({"name": name, "path": source, "url": meta.get("url"),
                      "truth": {"text": text, "title": meta.get("title"), "author": meta.get("byline"),
                                "date": meta.get("publishedTime")}})
    return pages


def trafilatura_pages(root):
    base = os.path.join(root, "extract", "trafilatura")
    with open(os.path.join(base, "evaldata.json"), encoding="utf-8") as f:
        data = json.load(f)
    pages = []
    for url, item in sorted(data.items(), key=lambda kv: kv[1]["file"]):
        path = os.path.join(base, "eval", item["file"] + ".gz")
        if not os.path.isfile(path):
            path = os.path.join(base, "eval", item["file"])
            if not os.path.isfile(path):
                continue
        name = item["file"][:-5] if item["file"].endswith(".html") else item["file"]
        pages.append({"name": name, "path": path, "url": url,
                      "truth": {"with": item["with"], "without": item["without"], "title": item.get("title"),
                                "author": item.get("author"), "date": item.get("date")}})
    return pages


def read_page(path):
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if path.endswith(".gz") else raw


# ---- systems: each returns dict(text, title, author, date) or dict(error) ----

def run_feedd(binary, page):
    raw = read_page(page["path"])
    args = [binary, "extract"] + (["--url", page["url"]] if page["url"] else []) + ["-"]
    started = time.perf_counter()
    try:
        out = subprocess.run(args, input=raw, capture_output=True, check=False, timeout=120)
    except subprocess.TimeoutExpired:
        return {"error": "timeout", "seconds": time.perf_counter() - started}
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        return {"error": f"exit {out.returncode}: {out.stderr.decode(errors='replace')[:200]}", "seconds": seconds}
    try:
        data = json.loads(out.stdout)
    except ValueError as error:
        return {"error": f"bad JSON: {error}", "seconds": seconds}
    return {"text": data.get("text") or "", "title": data.get("title"), "author": data.get("author"),
            "date": data.get("published"), "seconds": seconds}


def run_peer(system, page):
    raw = read_page(page["path"])
    started = time.perf_counter()
    try:
        if system == "trafilatura":
            import trafilatura
            result = trafilatura.extract(raw, url=page["url"], output_format="json", with_metadata=True)
            data = json.loads(result) if result else {}
            got = {"text": data.get("text") or "", "title": data.get("title"), "author": data.get("author"),
                   "date": data.get("date")}
        elif system == "readability-lxml":
            from readability import Document
            doc = Document(raw, url=page["url"])
            # title(): what readability-lxml's README presents as the page title.
            got = {"text": html_to_text(doc.summary(html_partial=True)), "title": doc.title(), "author": None,
                   "date": None}
        elif system == "newspaper4k":
            import newspaper
            article = newspaper.Article(page["url"] or "https://example.invalid/", fetch_images=False)
            article.download(input_html=raw.decode("utf-8", errors="replace"))
            article.parse()
            got = {"text": article.text or "", "title": article.title, "author": ", ".join(article.authors) or None,
                   "date": article.publish_date.isoformat() if article.publish_date else None}
        else:
            raise ValueError(system)
    except Exception as error:  # a peer crashing on a page counts as an error, never stops the run
        got = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
    got["seconds"] = time.perf_counter() - started
    return got


def peer_version(system):
    from importlib.metadata import version
    try:
        return version(PEER_MODULES[system])
    except Exception:
        return None


def cached_peer(system, ver, page, cache_dir):
    key = hashlib.sha256(f"{system}\0{ver}\0{os.path.abspath(page['path'])}\0{page['url']}".encode()).hexdigest()
    path = os.path.join(cache_dir, key + ".json")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    got = run_peer(system, page)
    if "error" not in got:
        os.makedirs(cache_dir, exist_ok=True)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(got, f)
        os.replace(path + ".tmp", path)
    return got


def _peer_worker(args):
    system, ver, page, cache_dir = args
    random.seed(0)
    if cache_dir:
        return cached_peer(system, ver, page, cache_dir)
    return run_peer(system, page)


def run_system(system, pages, args):
    """Outputs of one system for every page, in page order, with up to args.jobs workers."""
    started = time.perf_counter()
    if system == "feedd":
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            outputs = list(pool.map(lambda page: run_feedd(args.feedd, page), pages))
    else:
        ver = peer_version(system)
        cache_dir = os.path.join(args.cache_dir, system) if args.cache_peers else None
        work = [(system, ver, page, cache_dir) for page in pages]
        with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
            outputs = list(pool.map(_peer_worker, work, chunksize=4))
    return outputs, time.perf_counter() - started


# ---- per-corpus evaluation ----

NO_FIELDS = {"readability-lxml": ("author", "date")}  # fields a peer does not extract: n/a, not wrong


def score_page(kind, system, got, truth):
    text = got.get("text") or ""
    row = {"error": got.get("error"), "empty": "error" not in got and not text.strip(),
           "seconds": round(got.get("seconds", 0.0), 4), "head": " ".join(text.split())[:80]}
    if kind == "readability":
        p, r, f = shingle_prf(text, truth["text"])
        row.update(p=p, r=r, f1=f)
    else:
        tp, fp, fn = snippet_counts(text, truth)
        row.update(tp=tp, fp=fp, fn=fn, p=tp / (tp + fp) if tp + fp else 0.0, r=tp / (tp + fn) if tp + fn else 0.0,
                   f1=2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0)
    if truth.get("title"):
        row["title"] = norm_title(got.get("title")) == norm_title(truth["title"])
    if truth.get("author"):
        row["author"] = author_ok(got.get("author"), truth["author"])
    if truth.get("date"):
        row["date"] = date_ok(got.get("date"), truth["date"])
    for key in NO_FIELDS.get(system, ()):
        row.pop(key, None)
    for key in ("p", "r", "f1"):
        row[key] = round(row[key], 4)
    return row


def fmt_acc(rows, key, system):
    if key in NO_FIELDS.get(system, ()):
        return "n/a"
    values = [row[key] for row in rows if key in row]
    return f"{sum(values) / len(values):.0%} of {len(values)}" if values else "-"


def evaluate_corpus(kind, pages, systems, args):
    print(f"\n== {kind} corpus: {len(pages)} pages" + (" (subset)" if args.only else ""))
    per_page = {page["name"]: {} for page in pages}
    summary = []
    for system in systems:
        print(f"   running {system} ...", file=sys.stderr, flush=True)
        outputs, wall = run_system(system, pages, args)
        rows = []
        for page, got in zip(pages, outputs):
            row = score_page(kind, system, got, page["truth"])
            per_page[page["name"]][system] = row
            rows.append(row)
        summary.append((system, rows, wall))
    print("| system | pages | P | R | F1 | macro F1 | title acc | author acc | date acc | empty/errors | seconds (sum per page / wall) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for system, rows, wall in summary:
        n = len(rows)
        macro_f1 = sum(r["f1"] for r in rows) / n if n else 0.0
        if kind == "readability":
            p = sum(r["p"] for r in rows) / n if n else 0.0
            r_ = sum(r["r"] for r in rows) / n if n else 0.0
            f = macro_f1
        else:
            tp, fp, fn = (sum(r[k] for r in rows) for k in ("tp", "fp", "fn"))
            p = tp / (tp + fp) if tp + fp else 0.0
            r_ = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
        empty = sum(1 for r in rows if r["empty"])
        errors = sum(1 for r in rows if r["error"])
        seconds = sum(r["seconds"] for r in rows)
        print(f"| {system} | {n} | {p:.3f} | {r_:.3f} | {f:.3f} | {macro_f1:.3f} | {fmt_acc(rows, 'title', system)} | "
              f"{fmt_acc(rows, 'author', system)} | {fmt_acc(rows, 'date', system)} | {empty}/{errors} | "
              f"{seconds:.1f} / {wall:.1f} |")
    peers = [s for s in systems if s != "feedd"]
    if "feedd" in systems and peers:
        losing = [(name, scores) for name, scores in per_page.items()
                  if scores["feedd"]["f1"] < 0.5 and any(scores[s]["f1"] >= 0.8 for s in peers)]
        losing.sort(key=lambda item: (item[1]["feedd"]["f1"], item[0]))
        print(f"\npages where a peer scores >= 0.8 and feedd < 0.5: {len(losing)}")
        if losing:
            print("| page | feedd F1 | " + " | ".join(f"{s} F1" for s in peers) + " | feedd text (first 80 chars) |")
            print("| --- | ---: | " + " | ".join("---:" for _ in peers) + " | --- |")
            for name, scores in losing:
                feedd = scores["feedd"]
                head = feedd["error"] or ("(empty)" if feedd["empty"] else feedd["head"].replace("|", "/"))
                print(f"| {name} | {feedd['f1']:.2f} | " + " | ".join(f"{scores[s]['f1']:.2f}" for s in peers) +
                      f" | {head} |")
    return per_page


def write_per_page(path, results):
    if path.endswith(".tsv"):
        keys = ["p", "r", "f1", "title", "author", "date", "empty", "error", "seconds"]
        with open(path, "w", encoding="utf-8") as f:
            f.write("corpus\tpage\tsystem\t" + "\t".join(keys) + "\n")
            for corpus, pages in results.items():
                for page, systems in pages.items():
                    for system, row in systems.items():
                        values = ["" if row.get(k) is None else str(row.get(k)).replace("\t", " ").replace("\n", " ")
                                  for k in keys]
                        f.write(f"{corpus}\t{page}\t{system}\t" + "\t".join(values) + "\n")
    else:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, ensure_ascii=False, sort_keys=True)
    print(f"\nper-page scores written to {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feedd", required=True)
    parser.add_argument("--corpora", required=True, help="the shared corpora folder")
    parser.add_argument("--corpus", action="append", choices=["readability", "trafilatura"])
    parser.add_argument("--systems", default=",".join(DEFAULT_SYSTEMS))
    parser.add_argument("--only", nargs="+", default=None, metavar="NAME")
    parser.add_argument("--per-page", default=None, metavar="FILE")
    parser.add_argument("--cache-peers", action="store_true")
    parser.add_argument("--cache-dir", default=".build/eval-cache")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    random.seed(0)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    for system in systems:
        if system != "feedd" and system not in PEERS:
            parser.error(f"unknown system {system} (feedd, {', '.join(PEERS)})")
    results = {}
    loaders = {"readability": readability_pages, "trafilatura": trafilatura_pages}
    for kind in args.corpus or ["readability", "trafilatura"]:
        folder = os.path.join(args.corpora, "extract", kind)
        if not os.path.isdir(folder):
            print(f"\n== {kind} corpus: {folder} is missing; skipped")
            continue
        pages = loaders[kind](args.corpora)
        if args.only:
            pages = [p for p in pages if p["name"] in args.only]
            if not pages:
                print(f"\n== {kind} corpus: no page named {' '.join(args.only)}; skipped")
                continue
        results[kind] = evaluate_corpus(kind, pages, systems, args)
    if args.per_page:
        write_per_page(args.per_page, results)


if __name__ == "__main__":
    main()
