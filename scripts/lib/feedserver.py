#!/usr/bin/env python3
"""A local feed server for scripts/bench-poll: serves the feeds of a directory on 127.0.0.1 with
ETag or Last-Modified validators, 304s and gzip, and a control endpoint that changes a fraction
of the feeds, so a warm run meets real changes (`/_change?f=0.2`), and one that puts every feed back
as it was (`/_reset`), so each cold run meets the same feeds. `/_served` lists when each feed was last
sent (`NAME EPOCH_SECONDS`, after its last byte was written), for scripts/bench-scale's latencies."""
import email.utils
import gzip
import hashlib
import http.server
import os
import random
import sys
import threading
import time


class Store:
    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()
        self.cache = {}
        self.generation = {}

    def get(self, name):
        with self.lock:
            entry = self.cache.get(name)
        if entry is None:
            with open(os.path.join(self.root, name), "rb") as handle:
                body = handle.read()
            gen = self.generation.get(name, 0)
            if gen:
                body = body.replace(b"<title>", b"<title>[update %d] " % gen)
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            modified = email.utils.formatdate(1_700_000_000 + gen * 3600, usegmt=True)
            entry = (body, gzip.compress(body, 6), etag, modified)
            with self.lock:
                self.cache[name] = entry
        return entry

    def change(self, fraction, seed):
        names = sorted(n for n in os.listdir(self.root) if not n.startswith("."))
        chosen = random.Random(seed).sample(names, int(len(names) * fraction))
        with self.lock:
            for name in chosen:
                self.generation[name] = self.generation.get(name, 0) + 1
                self.cache.pop(name, None)
        return len(chosen)

    def reset(self):
        with self.lock:
            self.generation.clear()
            self.cache.clear()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    store = None
    counts = {"200": 0, "304": 0}
    served = {}
    seed = 1

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/_change"):
            fraction = float(self.path.split("=", 1)[1]) if "=" in self.path else 0.2
            Handler.seed += 1
            return self.reply(200, b"changed %d\n" % self.store.change(fraction, Handler.seed), {})
        if self.path == "/_reset":
            self.store.reset()
            Handler.served.clear()
            Handler.seed = 1
            return self.reply(200, b"reset\n", {})
        if self.path == "/_counts":
            return self.reply(200, ("200=%d 304=%d\n" % (self.counts["200"], self.counts["304"])).encode(), {})
        if self.path == "/_served":
            lines = "".join("%s %.6f\n" % item for item in sorted(Handler.served.items()))
            return self.reply(200, lines.encode(), {})
        name = self.path.lstrip("/")
        if "/" in name or not name:
            return self.reply(404, b"not found\n", {})
        try:
            body, zipped, etag, modified = self.store.get(name)
        except OSError:
            return self.reply(404, b"not found\n", {})
        index = int(hashlib.md5(name.encode()).hexdigest(), 16)
        headers = {"Content-Type": "application/atom+xml" if name.endswith(".atom") else "application/rss+xml"}
        # Half the feeds use ETag, half Last-Modified; half of each are served gzip.
        if index % 2 == 0:
            headers["ETag"] = etag
            fresh = self.headers.get("If-None-Match") == etag
        else:
            headers["Last-Modified"] = modified
            fresh = self.headers.get("If-Modified-Since") == modified
        if fresh:
            self.counts["304"] += 1
            self.reply(304, b"", headers)
        else:
            self.counts["200"] += 1
            if (index // 2) % 2 == 0 and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                headers["Content-Encoding"] = "gzip"
                body = zipped
            self.reply(200, body, headers)
        Handler.served[name] = time.time()

    def reply(self, status, body, headers):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


def main():
    root, port_file = sys.argv[1], sys.argv[2]
    Handler.store = Store(root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    with open(port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
