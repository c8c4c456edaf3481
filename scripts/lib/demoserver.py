#!/usr/bin/env python3
"""The feedd demo's sample publisher: serves examples/ on 127.0.0.1 and changes it over time,
publishing a new item after PUBLISH_AT seconds and editing a headline after EDIT_AT seconds."""
import http.server
import os
import sys
import time

ROOT, PORT_FILE = sys.argv[1], sys.argv[2]
PUBLISH_AT, EDIT_AT = float(sys.argv[3]), float(sys.argv[4])
STARTED = time.time()
TYPES = {".xml": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/feed+json",
         ".html": "text/html; charset=utf-8", ".txt": "text/plain"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0].lstrip("/")
        if path == "robots.txt":
            return self.reply(200, b"User-agent: *\nDisallow: /private/\n", ".txt")
        if path == "" or path.endswith("/"):
            path += "index.html"
        full = os.path.normpath(os.path.join(ROOT, path))
        if not full.startswith(os.path.abspath(ROOT)) or not os.path.isfile(full) or "new-item" in path:
            return self.reply(404, b"not found\n", ".txt")
        with open(full, "rb") as handle:
            body = handle.read()
        elapsed = time.time() - STARTED
        if path == "world.xml":
            if elapsed >= PUBLISH_AT:
                with open(os.path.join(ROOT, "world-new-item.xml"), "rb") as handle:
                    body = body.replace(b"<!--NEW-ITEM-->", handle.read())
            if elapsed >= EDIT_AT:
                body = body.replace(b"<title>Envoys call for an inclusive peace process in Afghanistan</title>",
                                    b"<title>Envoys call for an inclusive, Afghan-led peace process</title>")
        port = self.server.server_address[1]
        body = body.replace(b"PORT", str(port).encode())
        self.reply(200, body, os.path.splitext(full)[1])

    def reply(self, status, body, extension):
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(extension, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as handle:
    handle.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
