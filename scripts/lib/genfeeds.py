#!/usr/bin/env python3
"""Writes N realistic feeds into a directory, deterministically: RSS 2.0 and Atom alternately,
20-50 items each with HTML content, about 100 KB per feed."""
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("the minister said on monday that talks would resume in kabul after a pause of several weeks "
         "officials from both sides met in doha to discuss a framework for a ceasefire and the return "
         "of refugees while aid agencies warned of shortages of food and medicine across the northern "
         "provinces as winter approached and roads through the mountains were closed by heavy snow").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body_html(rng):
    parts = ["<p>%s <a href=\"/related/%d\">more</a></p>" % (sentence(rng, rng.randint(40, 70)), rng.randint(1, 10**6))
             for _ in range(rng.randint(3, 6))]
    parts.append('<figure><img src="https://cdn.example/i/%d.jpg" alt="photo"><figcaption>%s</figcaption></figure>'
                 % (rng.randint(1, 10**6), sentence(rng, 8)))
    return "".join(parts)


def rss(rng, index, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           "<channel><title>Bench feed %d</title><link>https://site%d.example/</link><description>Generated</description><language>en</language>" % (index, index)]
    for n in range(items):
        day = 1 + n % 28
        out.append("<item><title>%s</title><link>https://site%d.example/2024/05/%02d/story-%d</link><guid>site%d-%d</guid>"
                   "<pubDate>Mon, %02d May 2024 10:%02d:00 +0000</pubDate><dc:creator>Reporter %d</dc:creator>"
                   "<description>%s</description><content:encoded><![CDATA[%s]]></content:encoded></item>"
                   % (escape(sentence(rng, 8)), index, day, n, index, n, day, n % 60, n % 7, escape(sentence(rng, 25)), body_html(rng)))
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(rng, index, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>Bench feed %d</title><link href=\"https://site%d.example/\"/><id>urn:bench:%d</id><updated>2024-05-28T10:00:00Z</updated>" % (index, index, index)]
    for n in range(items):
        day = 1 + n % 28
        out.append("<entry><title>%s</title><link href=\"https://site%d.example/2024/05/%02d/entry-%d\"/><id>urn:bench:%d:%d</id>"
                   "<updated>2024-05-%02dT10:%02d:00Z</updated><author><name>Reporter %d</name></author>"
                   "<summary>%s</summary><content type=\"html\">%s</content></entry>"
                   % (escape(sentence(rng, 8)), index, day, n, index, n, day, n % 60, n % 7, escape(sentence(rng, 25)), escape(body_html(rng))))
    out.append("</feed>\n")
    return "".join(out)


def main():
    directory, count = sys.argv[1], int(sys.argv[2])
    for index in range(count):
        rng = random.Random(index)
        items = rng.randint(20, 50)
        name, text = ("feed%05d.rss" % index, rss(rng, index, items)) if index % 2 == 0 else ("feed%05d.atom" % index, atom(rng, index, items))
        with open("%s/%s" % (directory, name), "w") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
