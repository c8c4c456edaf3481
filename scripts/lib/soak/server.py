#!/usr/bin/env python3
"""The feed server for scripts/soak: N feeds on 127.0.0.1 whose content is a pure function of the time
since the soak began, so every answer can be checked afterwards.

Each feed (RSS, Atom or JSON Feed by its number) starts with a few items, gains one every 1.5-4 minutes,
and edits some items twice (the daemon must store those as revisions). Validators (ETag, Last-Modified,
both or none) give 304s, some feeds answer gzip, some fail with 500 for a while, a few answer 429 with
Retry-After. Every item version sent in a 200 is remembered; GET /_report returns that log as JSON."""
import email.utils
import gzip
import hashlib
import http.server
import json
import random
import sys
import threading
import time

WORDS = (
    "river market council harbour engine winter forest signal bridge valley orbit ledger garden copper "
    "lantern meadow station archive canyon festival granite island journal kettle library mountain "
    "network ocean pioneer quarry rail summit timber union village willow yard zenith atlas beacon "
    "cinder delta ember fjord glacier harvest inlet jasmine kiln lagoon mosaic nectar oasis prairie"
).split()


class Feed:
    """Feed number n: its format, validators, schedule of new items, edits and failures."""

    def __init__(self, n, start):
        self.n = n
        self.start = start
        self.format = ("rss", "atom", "json")[n % 3]
        self.validators = ("etag", "lm", "both", "none")[n % 4]
        self.gzip = n % 5 in (0, 1)
        self.initial = 5 + n % 6
        self.period = 90 + (n * 37) % 150
        self.phase = (n * 53) % self.period
        self.fails = n % 20 == 7
        self.limits = n % 400 == 3

    def created(self, k):
        if k < self.initial:
            return self.start - (self.initial - k) * 600
        return self.start + self.phase + (k - self.initial) * self.period

    def count(self, t):
        extra = 0 if t < self.start + self.phase else (t - self.start - self.phase) // self.period + 1
        return self.initial + extra

    def edits(self, k):
        """Times at which item k changes (one in eight items is edited twice)."""
        if (self.n * 31 + k * 17) % 8 != 0:
            return ()
        base = max(self.created(k), self.start) + 40 + (self.n + k) % 60
        return (base, base + 110)

    def version(self, k, t):
        return 1 + sum(1 for e in self.edits(k) if e <= t)

    def last_change(self, t):
        times = [self.created(k) for k in range(self.count(t))]
        times += [e for k in range(self.count(t)) for e in self.edits(k) if e <= t]
        return max(times)

    def failure(self, t):
        """None, or (status, headers) for a failing answer at time t."""
        if self.fails and (t + self.n * 11) % 150 < 40:
            return 500, []
        if self.limits and (t + self.n * 17) % 200 < 6:
            return 429, [("Retry-After", "4")]
        return None


def guid(n, k):
    return "urn:soak:f%d:i%d" % (n, k)


def words(n, k, v, count):
    rng = random.Random("%d/%d/%d" % (n, k, v))
    return " ".join(rng.choice(WORDS) for _ in range(count))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(feed, t, base):
    """The feed's body at time t and the versions it contains: [(k, v)]."""
    n = feed.n
    items = []
    for k in reversed(range(feed.count(t))):
        v = feed.version(k, t)
        edited = max([feed.created(k)] + [e for e in feed.edits(k) if e <= t])
        items.append({
            "k": k, "v": v, "guid": guid(n, k), "url": "%s/a/%d/%d" % (base, n, k),
            "title": "Story %d-%d rev %d: %s" % (n, k, v, words(n, k, v, 5)),
            "text": "Item %s version %d. %s." % (guid(n, k), v, words(n, k, v, 60)),
            "published": feed.created(k), "updated": edited,
        })
    title = "Soak feed %d" % n
    if feed.format == "rss":
        parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
                 "<title>%s</title><link>%s/site/%d</link><description>soak</description>" % (title, base, n)]
        for item in items:
            parts.append(
                "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">%s</guid>"
                "<pubDate>%s</pubDate><description>%s</description></item>" % (
                    escape(item["title"]), item["url"], item["guid"],
                    email.utils.formatdate(item["published"], usegmt=True), escape("<p>%s</p>" % item["text"])))
        parts.append("</channel></rss>\n")
        body, ctype = "".join(parts), "application/rss+xml; charset=utf-8"
    elif feed.format == "atom":
        iso = lambda s: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(s))
        parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
                 "<title>%s</title><id>urn:soak:f%d</id><updated>%s</updated>" % (title, n, iso(feed.last_change(t))),
                 '<link href="%s/site/%d"/>' % (base, n)]
        for item in items:
            parts.append(
                '<entry><title>%s</title><id>%s</id><link href="%s"/><published>%s</published><updated>%s</updated>'
                '<content type="html">%s</content></entry>' % (
                    escape(item["title"]), item["guid"], item["url"], iso(item["published"]), iso(item["updated"]),
                    escape("<p>%s</p>" % item["text"])))
        parts.append("</feed>\n")
        body, ctype = "".join(parts), "application/atom+xml; charset=utf-8"
    else:
        iso = lambda s: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(s))
        body = json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": "%s/site/%d" % (base, n),
            "items": [{"id": i["guid"], "url": i["url"], "title": i["title"], "content_html": "<p>%s</p>" % i["text"],
                       "date_published": iso(i["published"]), "date_modified": iso(i["updated"])} for i in items],
        }) + "\n"
        ctype = "application/feed+json"
    return body.encode(), ctype, [(i["k"], i["v"]) for i in items]


class Log:
    """What was served: per feed, the times of its 200s; per item, per version, the times it was sent."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.gzip = 0
        self.served = {}          # "n:k" -> {v: [first, last]}
        self.ok_times = {}        # n -> [t, ...]
        self.limited_until = 0.0  # end of the latest Retry-After
        self.early = 0            # requests that arrived while a Retry-After was running (after 1 s grace)

    def count(self, status):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def report(self):
        with self.lock:
            return {"statuses": self.statuses, "gzip": self.gzip, "served": self.served,
                    "ok_times": self.ok_times, "early": self.early}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    feeds = []
    log = Log()
    base = ""
    cache = {}  # n -> (etag, body, content type, versions, gzipped body): a feed renders once per change

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        arrived = time.time()
        if self.path == "/_report":
            return self.send(200, json.dumps(self.log.report()).encode(), [("Content-Type", "application/json")])
        if not self.path.startswith("/f/"):
            return self.send(404, b"not found\n")
        try:
            n = int(self.path[3:].split(".")[0])
            feed = self.feeds[n]
        except (ValueError, IndexError):
            return self.send(404, b"not found\n")
        log = self.log
        with log.lock:
            if arrived < log.limited_until - 1:
                log.early += 1
        t = int(arrived)
        failure = feed.failure(t)
        if failure:
            status, headers = failure
            if status == 429:
                with log.lock:
                    log.limited_until = max(log.limited_until, arrived + 4)
            log.count(status)
            return self.send(status, b"try later\n", headers + [("Content-Type", "text/plain")])
        changed = feed.last_change(t)
        etag = '"%s"' % hashlib.sha1(("%d/%d/%d" % (feed.n, feed.count(t), changed)).encode()).hexdigest()[:16]
        modified = email.utils.formatdate(changed, usegmt=True)
        headers = []
        if feed.validators in ("etag", "both"):
            headers.append(("ETag", etag))
        if feed.validators in ("lm", "both"):
            headers.append(("Last-Modified", modified))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None and feed.validators in ("etag", "both"):
            fresh = inm.strip() == etag
        elif ims is not None and feed.validators in ("lm", "both"):
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= changed
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            log.count(304)
            return self.send(304, b"", headers)
        cached = self.cache.get(feed.n)
        if cached is None or cached[0] != etag:
            body, ctype, versions = render(feed, t, self.base)
            cached = (etag, body, ctype, versions, gzip.compress(body, 5) if feed.gzip else None)
            self.cache[feed.n] = cached
        _, body, ctype, versions, zipped = cached
        headers.append(("Content-Type", ctype))
        if zipped is not None and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = zipped
            headers.append(("Content-Encoding", "gzip"))
            with log.lock:
                log.gzip += 1
        self.send(200, body, headers)
        # Logged once the body is handed to the socket: what the daemon can have seen.
        now = time.time()
        with log.lock:
            log.statuses[200] = log.statuses.get(200, 0) + 1
            log.ok_times.setdefault(feed.n, []).append(now)
            for k, v in versions:
                seen = log.served.setdefault("%d:%d" % (feed.n, k), {})
                span = seen.get(v)
                if span is None:
                    seen[v] = [now, now]
                else:
                    span[1] = now


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main():
    count, port_file = int(sys.argv[1]), sys.argv[2]
    start = int(time.time())
    Handler.feeds = [Feed(n, start) for n in range(count)]
    server = Server(("127.0.0.1", 0), Handler)
    Handler.base = "http://127.0.0.1:%d" % server.server_address[1]
    with open(port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
