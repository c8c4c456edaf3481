#!/usr/bin/env python3
"""Makes the benchmark pages: every evaluation page with the weight production pages carry around the story
(inline CSS and JavaScript, an analytics JSON blob, an SVG icon sprite, a mega menu and a footer link farm),
bringing a page to 80-150 KiB. Deterministic. Usage: make_bench_pages.py SRC_DIR OUT_DIR"""
import os
import random
import sys


def css(rng):
    rules = []
    for i in range(450):
        rules.append(f".c{i:x}-{rng.randrange(1 << 16):x}{{margin:{rng.randrange(40)}px {rng.randrange(40)}px;color:#{rng.randrange(1 << 24):06x};display:flex}}")
    return "<style>" + "".join(rules) + "</style>"


def js(rng):
    lines = []
    for i in range(280):
        lines.append(f"function f{i}(a,b){{var x{i}=a*{rng.randrange(99)}+b;if(x{i}>{rng.randrange(999)}){{return window.dataLayer.push({{event:'e{i}',v:x{i}}})}}return null}}")
    return "<script>" + ";".join(lines) + "</script>"


def analytics(rng):
    items = ",".join(f'{{"id":"{rng.randrange(1 << 32):08x}","slot":"div-gpt-{i}","sizes":[[300,250],[728,90]]}}' for i in range(150))
    return f'<script type="application/json" id="ad-config">{{"units":[{items}]}}</script>'


def sprite(rng):
    paths = "".join(f'<symbol id="icon-{i}" viewBox="0 0 24 24"><path d="M{rng.randrange(24)} {rng.randrange(24)}L{rng.randrange(24)} {rng.randrange(24)}Z"/></symbol>' for i in range(120))
    return f'<svg style="display:none" xmlns="http://www.w3.org/2000/svg">{paths}</svg>'


def mega_menu(rng):
    sections = []
    for s in range(12):
        links = "".join(f'<li class="menu-item"><a href="/section-{s}/topic-{t}/">Topic {s}.{t}</a></li>' for t in range(18))
        sections.append(f'<li class="menu-item has-children"><a href="/section-{s}/">Section {s}</a><ul class="sub-menu">{links}</ul></li>')
    return '<nav class="mega-menu"><ul class="menu">' + "".join(sections) + "</ul></nav>"


def footer_farm(rng):
    links = "".join(f'<a href="/archive/{2000 + i // 12}/{i % 12 + 1:02d}/">Archive {2000 + i // 12}-{i % 12 + 1:02d}</a> ' for i in range(240))
    return f'<div class="footer-archive">{links}</div>'


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".html"):
            continue
        rng = random.Random(name)
        raw = open(os.path.join(src, name), "rb").read()
        head_extra = (css(rng) + js(rng) + analytics(rng)).encode()
        body_start = (sprite(rng) + mega_menu(rng)).encode()
        body_end = (footer_farm(rng) + js(rng)).encode()
        lower = raw.lower()
        h = lower.find(b"</head>")
        raw = raw[:h] + head_extra + raw[h:] if h >= 0 else head_extra + raw
        lower = raw.lower()
        b = lower.find(b"<body")
        if b >= 0:
            b = raw.find(b">", b) + 1
            raw = raw[:b] + body_start + raw[b:]
        lower = raw.lower()
        e = lower.rfind(b"</body>")
        raw = raw[:e] + body_end + raw[e:] if e >= 0 else raw + body_end
        open(os.path.join(out, name), "wb").write(raw)


if __name__ == "__main__":
    main()
