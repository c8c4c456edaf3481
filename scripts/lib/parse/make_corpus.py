#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus of realistic feeds (RSS 2.0, Atom 1.0, RSS 1.0) with HTML
content per item: paragraphs, links, images, lists, entities, the odd script, iframe and tracking
pixel. Usage: make_corpus.py DIR [FEEDS]"""
import os
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("the of and to in is was for on that with as by at from this be have are it not or an which "
         "government market report city council school season team player election budget water energy "
         "climate research study data software release security update health hospital museum festival "
         "river bridge train airport coffee garden recipe winter summer music film book review interview "
         "café naïve résumé über straße año").split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng):
    parts = []
    for _ in range(rng.randint(2, 6)):
        s = sentence(rng)
        r = rng.random()
        if r < 0.15:
            s = s.replace(" ", ' <a href="/articles/%d">' % rng.randint(1, 99999), 1) + "</a>"
        elif r < 0.25:
            s = "<strong>" + s + "</strong>"
        elif r < 0.32:
            s = s + " &mdash; &ldquo;quoted&rdquo; &amp; more"
        parts.append(s)
    return "<p>" + " ".join(parts) + "</p>"


def content(rng):
    blocks = []
    for _ in range(rng.randint(3, 12)):
        r = rng.random()
        if r < 0.65:
            blocks.append(paragraph(rng))
        elif r < 0.75:
            blocks.append('<figure><img src="/img/%d.jpg" alt="%s" width="640" height="360"><figcaption>%s</figcaption></figure>'
                          % (rng.randint(1, 10**6), sentence(rng, 4)[:-1], sentence(rng, 6)))
        elif r < 0.83:
            blocks.append("<ul>" + "".join("<li>%s</li>" % sentence(rng, 6) for _ in range(rng.randint(2, 5))) + "</ul>")
        elif r < 0.88:
            blocks.append("<blockquote><p>%s</p></blockquote>" % sentence(rng))
        elif r < 0.91:
            blocks.append('<script type="text/javascript">window.dataLayer = window.dataLayer || []; track("%d");</script>' % rng.randint(1, 999))
        elif r < 0.94:
            blocks.append('<iframe src="https://www.youtube.com/embed/%d" width="560" height="315"></iframe>' % rng.randint(1, 10**6))
        elif r < 0.97:
            blocks.append('<div class="share" style="margin:0" onclick="share()"><a href="https://social.example/share?u=%d">Share</a></div>' % rng.randint(1, 999))
        else:
            blocks.append("<h2>%s</h2>" % sentence(rng, 5))
    blocks.append('<img src="https://pixel.wp.com/g.gif?blog=%d" width="1" height="1" alt="">' % rng.randint(1, 999))
    return "\n".join(blocks)


def date(rng):
    day = rng.randint(1, 28)
    return day, rng.randint(1, 12), rng.randint(2015, 2024), rng.randint(0, 23), rng.randint(0, 59)


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def rss(rng, index):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">',
           "<channel><title>Site %d &amp; friends</title><link>https://site%d.example/</link>" % (index, index),
           "<description>%s</description><language>en-us</language>" % escape(sentence(rng)),
           '<atom:link href="https://site%d.example/feed/" rel="self" type="application/rss+xml"/>' % index]
    for n in range(rng.randint(15, 60)):
        d, m, y, h, mi = date(rng)
        body = content(rng)
        out.append("<item><title>%s</title><link>https://site%d.example/%d/%02d/post-%d/</link>" % (escape(sentence(rng, 7)), index, y, m, n))
        out.append("<dc:creator><![CDATA[%s]]></dc:creator>" % sentence(rng, 2)[:-1])
        out.append("<pubDate>Tue, %02d %s %d %02d:%02d:00 +0000</pubDate>" % (d, MONTHS[m - 1], y, h, mi))
        for _ in range(rng.randint(1, 4)):
            out.append("<category><![CDATA[%s]]></category>" % rng.choice(WORDS))
        out.append('<guid isPermaLink="false">https://site%d.example/?p=%d</guid>' % (index, rng.randint(1, 10**6)))
        out.append("<description><![CDATA[%s]]></description>" % sentence(rng, 30))
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>" % body)
        if rng.random() < 0.3:
            out.append('<media:content url="https://cdn.example/%d.jpg" medium="image" width="1200" height="800"/>' % rng.randint(1, 10**6))
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(rng, index):
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           "<title>Blog %d</title><subtitle>%s</subtitle>" % (index, escape(sentence(rng))),
           '<link href="https://blog%d.example/"/><link rel="self" href="https://blog%d.example/atom.xml"/>' % (index, index),
           "<id>tag:blog%d.example,2020:feed</id><updated>2024-01-01T00:00:00Z</updated>" % index]
    for n in range(rng.randint(10, 40)):
        d, m, y, h, mi = date(rng)
        out.append("<entry><title type=\"html\">%s</title>" % escape(sentence(rng, 6)))
        out.append('<link rel="alternate" type="text/html" href="https://blog%d.example/posts/%d.html"/>' % (index, n))
        out.append("<id>tag:blog%d.example,2020:%d</id>" % (index, n))
        out.append("<published>%d-%02d-%02dT%02d:%02d:00Z</published><updated>%d-%02d-%02dT%02d:%02d:00+02:00</updated>" % (y, m, d, h, mi, y, m, d, h, mi))
        out.append("<author><name>%s</name></author>" % sentence(rng, 2)[:-1])
        out.append('<category term="%s"/>' % rng.choice(WORDS))
        out.append('<summary type="html">%s</summary>' % escape("<p>" + sentence(rng, 25) + "</p>"))
        out.append('<content type="html">%s</content></entry>' % escape(content(rng)))
    out.append("</feed>")
    return "\n".join(out)


def rdf(rng, index):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           '<channel rdf:about="https://rdf%d.example/"><title>RDF %d</title><link>https://rdf%d.example/</link><description>d</description></channel>' % (index, index, index)]
    for n in range(rng.randint(10, 30)):
        d, m, y, h, mi = date(rng)
        out.append('<item rdf:about="https://rdf%d.example/%d"><title>%s</title><link>https://rdf%d.example/%d</link>' % (index, n, escape(sentence(rng, 6)), index, n))
        out.append("<dc:date>%d-%02d-%02dT%02d:%02d:00Z</dc:date><dc:creator>%s</dc:creator>" % (y, m, d, h, mi, sentence(rng, 2)[:-1]))
        out.append("<description>%s</description>" % escape(sentence(rng, 20)))
        out.append("<content:encoded>%s</content:encoded></item>" % escape(content(rng)))
    out.append("</rdf:RDF>")
    return "\n".join(out)


def main():
    directory = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(20261130)
    total = 0
    for index in range(count):
        r = rng.random()
        kind, text = ("rss", rss(rng, index)) if r < 0.6 else ("atom", atom(rng, index)) if r < 0.9 else ("rdf", rdf(rng, index))
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(directory, "%04d-%s.xml" % (index, kind)), "wb") as f:
            f.write(data)
    print("%d feeds, %.1f MB" % (count, total / 1e6))


if __name__ == "__main__":
    main()
