#!/usr/bin/env python3
"""Field-by-field agreement of feedd and feedparser-rs with Python feedparser (the oracle).

Usage: evaluate.py FEEDD_BINARY [--details FILE] NAME=DIR...

Every file under each DIR is parsed by `feedd parse` (one process each, so a crash or a hang is seen
and counted), by `feedparser_rs.parse` and by `feedparser.parse`. Items are paired by position.
A field is compared when the oracle or the system has a value; values are normalized first (URLs
after resolution, dates as instants, text with whitespace folded and invisible characters removed,
HTML reduced to its text after sanitizing, categories and enclosures as sets). Differences where
feedd deliberately answers otherwise (see RULES and docs/PARSING.md) are counted apart, not as
disagreements. Prints Markdown tables; --details writes one JSON line per disagreement.
"""
import calendar
import concurrent.futures
import html
import html.parser
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.parse
from collections import defaultdict
from datetime import datetime

import feedparser
import feedparser_rs

FEED_FIELDS = ["feed.title", "feed.link", "feed.description", "feed.language"]
ITEM_FIELDS = ["id", "url", "title", "author", "published", "updated", "summary", "content", "categories",
               "enclosures"]
FIELDS = FEED_FIELDS + ITEM_FIELDS
SKIP_SUFFIXES = (".expected.json", ".py", ".md", ".htaccess", ".html", ".txt")
TIMEOUT = 10

# ---------------------------------------------------------------- normalization

INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fold(text):
    if text is None:
        return None
    text = unicodedata.normalize("NFC", INVISIBLE.sub("", str(text)))
    text = " ".join(text.split())
    return text or None


class _TextOf(html.parser.HTMLParser):
    DROP = {"script", "style", "template", "noscript", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.dropping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP:
            self.dropping += 1
        elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.DROP:
            self.dropping = max(0, self.dropping - 1)
        else:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def html_text(markup):
    """The text of (sanitized) HTML, whitespace folded: how both sides' HTML is compared."""
    if markup is None:
        return None
    parser = _TextOf()
    try:
        parser.feed(str(markup))
        parser.close()
    except Exception:
        return fold(markup)
    return fold("".join(parser.parts))


def norm_url(url):
    url = fold(url)
    if not url:
        return None
    try:
        parts = urllib.parse.urlsplit(url.replace(" ", "%20"))
        netloc = parts.netloc.lower()
        if netloc.endswith(":80") and parts.scheme == "http":
            netloc = netloc[:-3]
        if netloc.endswith(":443") and parts.scheme == "https":
            netloc = netloc[:-4]
        path = parts.path or ("/" if netloc else "")
        return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, path, parts.query, parts.fragment))
    except ValueError:
        return url


def norm_lang(value):
    value = fold(value)
    return value.lower().replace("_", "-") if value else None


def norm_set(values, normalize=fold):
    out = {normalize(v) for v in values or []}
    out.discard(None)
    return frozenset(out) or None


def instant_struct(value):
    return calendar.timegm(value) if value else None


def instant_rfc3339(value):
    if not value:
        return None
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


# ---------------------------------------------------------------- reading the three systems

def text_of(detail, value):
    """feedparser text constructs: HTML ones are compared by their text."""
    if value is None:
        return None
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else getattr(detail, "type", "") or ""
    if "html" in (kind or ""):
        return html_text(value)
    return fold(value)


def get(obj, key, default=None):
    """Works on feedparser's dicts and feedparser-rs's objects; never uses feedparser's key aliases."""
    if obj is None:
        return default
    if isinstance(obj, dict):
        return dict.get(obj, key, default)
    try:
        value = getattr(obj, key)
    except (AttributeError, KeyError):
        return default
    return default if value is None else value


def enclosures_of(entry):
    if isinstance(entry, dict):  # feedparser derives them from the links
        return [link for link in dict.get(entry, "links", []) if link.get("rel") == "enclosure"]
    return get(entry, "enclosures", []) or []


def oracle_view(result):
    """Normalized fields of a feedparser or feedparser-rs result."""
    feed = get(result, "feed", {})
    feed_authors = {fold(get(a, "name") or get(a, "email")) for a in get(feed, "authors", []) or []}
    feed_authors |= {fold(get(feed, "author"))}
    feed_authors.discard(None)
    view = {
        "feed.title": text_of(get(feed, "title_detail"), get(feed, "title")),
        "feed.link": norm_url(get(feed, "link")),
        "feed.description": text_of(get(feed, "subtitle_detail"), get(feed, "subtitle")),
        "feed.language": norm_lang(get(feed, "language")),
        "items": [],
        "feed.id": norm_url(get(feed, "id")),
    }
    for entry in get(result, "entries", []) or []:
        content = get(entry, "content") or []
        content_value = get(content[0], "value") if content else None
        summary = get(entry, "summary")
        authors = [get(a, "name") or get(a, "email") for a in get(entry, "authors", []) or []]
        author_detail = get(entry, "author_detail")
        item = {
            "id": fold(get(entry, "id")),
            "url": norm_url(get(entry, "link")),
            "title": text_of(get(entry, "title_detail"), get(entry, "title")),
            "author": fold(get(entry, "author")),
            "author_names": {fold(a) for a in authors + [get(author_detail, "name"), get(author_detail, "email")] if a},
            "published": instant_struct(get(entry, "published_parsed")),
            "updated": instant_struct(get(entry, "updated_parsed")),
            "summary": text_of(get(entry, "summary_detail"), summary) if summary else None,
            "content": html_text(content_value if content_value else summary),
            "summary_is_content": bool(summary and content_value and fold(summary) == fold(content_value)),
            "categories": norm_set(get(t, "term") for t in get(entry, "tags", []) or []),
            "enclosures": norm_set((get(e, "href") for e in enclosures_of(entry)), norm_url),
            "feed_authors": feed_authors,
            "contributors": {fold(get(c, "name")) for c in get(entry, "contributors", []) or []},
            "id_url": norm_url(get(entry, "id")),
            "origlink": norm_url(get(entry, "feedburner_origlink")),
            "media": norm_set((get(m, "url") for m in get(entry, "media_content", []) or []), norm_url) or frozenset(),
        }
        view["items"].append(item)
    return view


def reads(view):
    return bool(view["items"] or view["feed.title"] or view["feed.link"])


def feedd_view(document):
    view = {
        "feed.title": fold(document.get("title")),
        "feed.link": norm_url(document.get("link")),
        "feed.description": fold(document.get("description")),
        "feed.language": norm_lang(document.get("language")),
        "items": [],
        "format": document.get("format"),
    }
    for entry in document.get("items", []):
        view["items"].append({
            "id": fold(entry.get("id")),
            "url": norm_url(entry.get("url")),
            "title": fold(entry.get("title")),
            "author": fold(entry.get("author")),
            "published": instant_rfc3339(entry.get("published")),
            "updated": instant_rfc3339(entry.get("updated")),
            "summary": fold(entry.get("summary")),
            "content": html_text(entry.get("content")),
            "categories": norm_set(entry.get("categories")),
            "enclosures": norm_set((e.get("url") for e in entry.get("enclosures", [])), norm_url),
        })
    return view


# ---------------------------------------------------------------- deliberate differences

def deliberate(field, mine, oracle_item, oracle_value):
    """The name of the documented rule under which feedd's answer differs on purpose, else None."""
    if field in ("url", "feed.link") and oracle_value and oracle_value == oracle_item.get("id_url") \
            and (mine is None or not oracle_value.startswith(("http://", "https://"))):
        return "link: an id is not a link (feedparser copies Atom ids and non-URL guids into `link`)"
    if field in ("url", "feed.link") and mine and oracle_value and "://" not in oracle_value \
            and mine.startswith("http") and urllib.parse.unquote(mine).endswith(urllib.parse.unquote(oracle_value).lstrip("./")):
        return "URLs: relative references resolved against the self or site link when no base is given"
    if field == "url" and mine and mine == oracle_item.get("origlink"):
        return "url: the publisher's page (`feedburner:origLink`), not the redirector"
    if field == "author" and mine and oracle_value is None and \
            all(part in oracle_item.get("feed_authors", ()) | oracle_item.get("contributors", set())
                for part in mine.split(", ")):
        return "author: an entry without one takes the feed's (RFC 4287 4.2.1), else its contributors"
    if field == "published" and mine and oracle_value is None and mine == oracle_item.get("updated"):
        return "published: `dc:date` is the publication date when there is no `pubDate`"
    if isinstance(mine, str) and isinstance(oracle_value, str) and mine == fold(html.unescape(oracle_value)):
        return "text: entities escaped twice are decoded"
    if isinstance(mine, str) and isinstance(oracle_value, str) and re.search(r"</?[a-zA-Z]", oracle_value) \
            and mine == html_text(oracle_value):
        return "text: markup escaped twice is read as markup (no tags shown in plain text)"
    if isinstance(mine, frozenset) and isinstance(oracle_value, frozenset) and \
            mine == frozenset(fold(html.unescape(v)) for v in oracle_value):
        return "text: entities escaped twice are decoded"
    if field == "author" and mine and (mine in oracle_item.get("author_names", ()) or
                                       all(part in oracle_item.get("author_names", ())
                                           for part in mine.split(", "))):
        return "author: the name alone (RSS `mail (Name)`, several authors joined)"
    if field == "enclosures" and mine and (oracle_value or frozenset()) <= mine and (mine - (oracle_value or frozenset())) <= oracle_item.get("media", frozenset()):
        return "enclosures: Media RSS `media:content` files are enclosures too"
    if field == "summary" and mine is None and oracle_item.get("summary_is_content"):
        return "summary: not copied from the content"
    return None


# ---------------------------------------------------------------- unsafe HTML

class _Unsafe(html.parser.HTMLParser):
    BAD_TAGS = {"script", "style", "object", "embed", "applet", "form", "base", "meta", "link", "svg", "math",
                "frame", "frameset"}
    URL_ATTRS = {"href", "src", "action", "formaction", "poster", "background", "cite", "srcset", "xlink:href"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BAD_TAGS:
            self.found.append(tag)
        names = {name for name, _ in attrs}
        if tag == "iframe" and "sandbox" not in names:
            self.found.append("iframe without sandbox")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(name)
            if name in self.URL_ATTRS and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)[0]
                if scheme in ("javascript", "vbscript") or (scheme == "data" and tag != "img"):
                    self.found.append(f"{name}={scheme}:")


def unsafe(markup):
    if not markup:
        return []
    parser = _Unsafe()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:
        return ["unparseable"]
    return parser.found


# ---------------------------------------------------------------- running

def run_feedd(binary, path, options):
    command = [binary, "parse"]
    if options.get("url"):
        command += ["--url", options["url"]]
    if options.get("contentType"):
        command += ["--content-type", options["contentType"]]
    command.append(path)
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "hang", None, ""
    if done.returncode == 0:
        try:
            return "ok", json.loads(done.stdout), ""
        except ValueError:
            return "crash", None, "invalid JSON output"
    if done.returncode == 2:
        return "refused", None, done.stderr.decode("utf-8", "replace").strip()
    return "crash", None, f"exit {done.returncode}: {done.stderr[-300:].decode('utf-8', 'replace')}"


def documents(directory):
    for root, _, files in os.walk(directory):
        for name in sorted(files):
            if name.endswith(SKIP_SUFFIXES) or name.startswith(("LICENSE", ".")) or "." not in name:
                continue
            yield os.path.join(root, name)


def fixture_options(path):
    spec = os.path.splitext(path)[0] + ".expected.json"
    if os.path.exists(spec):
        with open(spec, encoding="utf-8") as f:
            data = json.load(f)
        return {"url": data.get("url"), "contentType": data.get("contentType")}
    return {}


def format_group(version, feedd_format):
    version = version or ""
    if version.startswith("atom03") or version == "atom03":
        return "atom0.3"
    if version.startswith("atom"):
        return "atom1.0"
    if version in ("rss090", "rss091n", "rss091u", "rss092", "rss093", "rss094"):
        return "rss0.9x"
    if version == "rss10":
        return "rss1.0"
    if version.startswith("rss"):
        return "rss2.0"
    if version.startswith("json"):
        return "jsonfeed"
    if version == "cdf":
        return "cdf"
    return feedd_format or "unknown"


class Tally:
    def __init__(self):
        self.compared = defaultdict(int)
        self.agreed = defaultdict(int)
        self.rules = defaultdict(int)
        self.ruled = defaultdict(int)

    def add(self, field, agreed):
        self.compared[field] += 1
        self.agreed[field] += int(agreed)

    def total(self):
        compared = sum(self.compared.values())
        return (100.0 * sum(self.agreed.values()) / compared) if compared else float("nan"), compared

    def strict(self, field=None):
        """Agreement counting deliberate differences as disagreements."""
        fields = [field] if field else list(self.compared)
        compared = sum(self.compared[f] for f in fields)
        agreed = sum(self.agreed[f] - self.ruled[f] for f in fields)
        return (100.0 * agreed / compared) if compared else float("nan")


def compare(oracle, view, tally, details, system, path):
    def record(field, mine, theirs, oracle_item=None):
        if mine is None and theirs is None:
            return
        agreed = mine == theirs
        if not agreed and system == "feedd" and oracle_item is not None:
            rule = deliberate(field, mine, oracle_item, theirs)
            if rule:
                tally.rules[rule] += 1
                tally.ruled[field] += 1
                agreed = True
        tally.add(field, agreed)
        if not agreed and details is not None:
            details.append({"system": system, "file": path, "field": field,
                            "feedd" if system == "feedd" else "peer": str(mine)[:300], "oracle": str(theirs)[:300]})

    for field in FEED_FIELDS:
        record(field, view[field], oracle[field], {"id_url": oracle.get("feed.id")})
    for index in range(max(len(view["items"]), len(oracle["items"]))):
        mine = view["items"][index] if index < len(view["items"]) else {}
        theirs = oracle["items"][index] if index < len(oracle["items"]) else {}
        for field in ITEM_FIELDS:
            record(field, mine.get(field), theirs.get(field), theirs)


def main():
    args = sys.argv[1:]
    binary = args.pop(0)
    details_path = None
    if args and args[0] == "--details":
        args.pop(0)
        details_path = args.pop(0)
    corpora = [arg.split("=", 1) for arg in args]
    details = [] if details_path else None
    systems = ["feedd", "feedparser-rs"]
    rows = []
    tallies = {s: Tally() for s in systems}
    by_format = {s: defaultdict(Tally) for s in systems}
    overall_counts = defaultdict(int)
    refusals = []
    per_document = defaultdict(lambda: defaultdict(int))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name, directory in corpora:
            paths = list(documents(directory))
            futures = [pool.submit(run_feedd, binary, p, fixture_options(p)) for p in paths]
            corpus_tallies = {s: Tally() for s in systems}
            counts = defaultdict(int)
            for path, future in zip(paths, futures):
                with open(path, "rb") as f:
                    raw = f.read()
                options = fixture_options(path)
                headers = {}
                if options.get("url"):
                    headers["content-location"] = options["url"]
                if options.get("contentType"):
                    headers["content-type"] = options["contentType"]
                try:
                    oracle_result = feedparser.parse(raw, response_headers=headers or None, sanitize_html=True)
                    oracle = oracle_view(oracle_result)
                except Exception:  # feedparser itself fails on a few hostile documents
                    counts["feedparser crashes"] += 1
                    oracle_result, oracle = {}, {"items": [], **{f: None for f in FEED_FIELDS}}
                group = format_group(oracle_result.get("version"), None)
                try:
                    peer_result = feedparser_rs.parse(raw)
                    peer = oracle_view(peer_result)
                except Exception:
                    peer = None
                status, document, message = future.result()
                relative = os.path.relpath(path, directory)
                counts["documents"] += 1
                counts["oracle reads"] += int(reads(oracle))
                counts[f"feedd {status}"] += 1
                if status == "ok":
                    view = feedd_view(document)
                    if group == "unknown":
                        group = view["format"] or "unknown"
                    bad = [hit for item in document.get("items", []) for hit in unsafe(item.get("content"))]
                    if bad:
                        counts["feedd unsafe"] += 1
                        if details is not None:
                            details.append({"system": "feedd", "file": path, "field": "UNSAFE", "feedd": bad})
                else:
                    view = {"items": [], **{f: None for f in FEED_FIELDS}}
                    if status in ("crash", "hang") and details is not None:
                        details.append({"system": "feedd", "file": path, "field": status.upper(), "feedd": message})
                if status != "ok" and reads(oracle):
                    counts["feedd refuses, oracle reads"] += 1
                    refusals.append((name, relative, status, message))
                if peer is None or not reads(peer):
                    counts["feedparser-rs fails"] += 1
                    if reads(oracle):
                        counts["feedparser-rs refuses, oracle reads"] += 1
                    peer = peer or {"items": [], **{f: None for f in FEED_FIELDS}}
                if not reads(oracle):
                    continue  # the oracle read nothing: no truth to compare with
                document = {}
                for system, seen in (("feedd", view), ("feedparser-rs", peer)):
                    document[system] = Tally()
                    for tally in (corpus_tallies[system], tallies[system], by_format[system][group], document[system]):
                        compare(oracle, seen, tally, details if tally is tallies[system] else None, system, path)
                # Per document: does feedd agree on every field, and does it agree on more or fewer than feedparser-rs?
                mine, theirs = (sum(document[s].agreed.values()) for s in ("feedd", "feedparser-rs"))
                if sum(document["feedd"].compared.values()):
                    per_document[name]["compared"] += 1
                    per_document[name]["feedd all"] += int(mine == sum(document["feedd"].compared.values()))
                    per_document[name]["peer all"] += int(theirs == sum(document["feedparser-rs"].compared.values()))
                    per_document[name]["feedd more"] += int(mine > theirs)
                    per_document[name]["peer more"] += int(theirs > mine)
            rows.append((name, counts, corpus_tallies))
            for key, value in counts.items():
                overall_counts[key] += value

    print("## Agreement with feedparser, by corpus\n")
    print("| corpus | documents | feedparser reads | feedd agrees | feedd, deliberate differences counted against | feedparser-rs agrees | fields compared | feedd refuses (oracle reads) | feedparser-rs refuses (oracle reads) | feedd crashes | feedd hangs | feedd unsafe HTML |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    shared = [(n, c, t) for n, c, t in rows if n != "fixtures"]
    shared_counts, shared_tallies = defaultdict(int), {s: Tally() for s in systems}
    for _, counts, corpus_tallies in shared:
        for key, value in counts.items():
            shared_counts[key] += value
        for system in systems:
            for field in FIELDS:
                for attribute in ("compared", "agreed", "ruled"):
                    getattr(shared_tallies[system], attribute)[field] += getattr(corpus_tallies[system], attribute)[field]
    summary_rows = rows + ([("shared corpora", shared_counts, shared_tallies)] if len(shared) > 1 else [])
    for name, counts, corpus_tallies in summary_rows + [("all", overall_counts, tallies)]:
        mine, compared = corpus_tallies["feedd"].total()
        peer, _ = corpus_tallies["feedparser-rs"].total()
        strict = corpus_tallies["feedd"].strict()
        print(f"| {name} | {counts['documents']} | {counts['oracle reads']} | {mine:.1f}% | {strict:.1f}% | {peer:.1f}% | {compared} | "
              f"{counts['feedd refuses, oracle reads']} | {counts['feedparser-rs refuses, oracle reads']} | "
              f"{counts['feedd crash']} | {counts['feedd hang']} | {counts['feedd unsafe']} |")

    print("\n## Per document (documents feedparser reads, with a field to compare)\n")
    print("| corpus | documents | feedd agrees on every field | feedparser-rs agrees on every field | feedd agrees on more fields than feedparser-rs | on fewer |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, _, _ in rows:
        d = per_document[name]
        if d["compared"]:
            print(f"| {name} | {d['compared']} | {d['feedd all']} ({100.0 * d['feedd all'] / d['compared']:.1f}%) | "
                  f"{d['peer all']} ({100.0 * d['peer all'] / d['compared']:.1f}%) | {d['feedd more']} | {d['peer more']} |")

    print("\n## By field (all corpora)\n")
    print("| field | compared | feedd agrees | feedd, deliberate differences counted against | feedparser-rs agrees |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for field in FIELDS:
        mine, peer = tallies["feedd"], tallies["feedparser-rs"]
        if not mine.compared[field]:
            continue
        print(f"| {field} | {mine.compared[field]} | {100.0 * mine.agreed[field] / mine.compared[field]:.1f}% | "
              f"{mine.strict(field):.1f}% | "
              f"{100.0 * peer.agreed[field] / max(1, peer.compared[field]):.1f}% |")

    print("\n## By format (as feedparser names it; all corpora)\n")
    print("| format | fields compared | feedd agrees | feedparser-rs agrees |")
    print("| --- | ---: | ---: | ---: |")
    for group in sorted(by_format["feedd"]):
        mine, compared = by_format["feedd"][group].total()
        peer, _ = by_format["feedparser-rs"][group].total()
        print(f"| {group} | {compared} | {mine:.1f}% | {peer:.1f}% |")

    print("\n## Deliberate differences (counted as agreement; see docs/PARSING.md)\n")
    print("| rule | fields |")
    print("| --- | ---: |")
    for rule, count in sorted(tallies["feedd"].rules.items(), key=lambda kv: -kv[1]):
        print(f"| {rule} | {count} |")

    print("\n## Documents feedparser reads and feedd refuses\n")
    if not refusals:
        print("none")
    for name, relative, status, message in refusals:
        print(f"- {name}/{relative}: {status}: {message[:160]}")

    if details_path:
        with open(details_path, "w", encoding="utf-8") as f:
            for row in details:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
