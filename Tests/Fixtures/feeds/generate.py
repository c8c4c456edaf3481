#!/usr/bin/env python3
"""Writes feedd's feed-parsing fixtures: each input file next to NAME.expected.json.

Expectations are partial: the test compares only the keys written here (an item list must match in
length). Inputs are built from the same parameters as their expectations, so both change together.
Run from anywhere: python3 Tests/Fixtures/feeds/generate.py
"""
import json
import os
import shutil

ROOT = os.path.dirname(os.path.abspath(__file__))
count = 0


def write(group, name, data, expected, ext="xml", url=None, content_type=None):
    global count
    directory = os.path.join(ROOT, group)
    os.makedirs(directory, exist_ok=True)
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    with open(os.path.join(directory, f"{name}.{ext}"), "wb") as f:
        f.write(raw)
    spec = {"input": f"{name}.{ext}"}
    if url:
        spec["url"] = url
    if content_type:
        spec["contentType"] = content_type
    spec["expect"] = expected
    with open(os.path.join(directory, f"{name}.expected.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    count += 1


def rss2(items, channel="<title>T</title><link>https://example.org/</link>", ns="", decl=True):
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if decl else ""
    return f'{head}<rss version="2.0"{ns}><channel>{channel}{items}</channel></rss>\n'


def atom(entries, head="<title>T</title>", attrs=""):
    return f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"{attrs}>{head}{entries}</feed>\n'


RDF_NS = ('xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def rdf(items, channel="<title>T</title><link>https://example.org/</link><description>D</description>"):
    return (f'<?xml version="1.0"?>\n<rdf:RDF {RDF_NS}><channel rdf:about="https://example.org/">{channel}'
            f'</channel>{items}</rdf:RDF>\n')


# ---------------------------------------------------------------- dates
DATES = [
    ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 +0000", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 -0500", "2003-06-10T09:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 +0530", "2003-06-09T22:30:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 EDT", "2003-06-10T08:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 CST", "2003-06-10T10:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 CDT", "2003-06-10T09:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 MST", "2003-06-10T11:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 MDT", "2003-06-10T10:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 PST", "2003-06-10T12:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 UTC", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 CET", "2003-06-10T03:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 CEST", "2003-06-10T02:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 JST", "2003-06-09T19:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 AEST", "2003-06-09T18:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 A", "2003-06-10T03:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 N", "2003-06-10T05:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 Y", "2003-06-10T16:00:00Z"),
    ("Tue, 10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00Z"),
    ("10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 99 04:00:00 GMT", "1999-06-10T04:00:00Z"),
    ("Mon, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tuesday, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Wed, 1 Sept 2021 12:30:00 +0200", "2021-09-01T10:30:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 +02:00", "2003-06-10T02:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 GMT+2", "2003-06-10T02:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00 GMT-0300", "2003-06-10T07:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00Z"),
    ("Tue,10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("  Tue, 10 Jun 2003 04:00:00 GMT  ", "2003-06-10T04:00:00Z"),
    ("Tue, 10 jun 2003 04:00:00 gmt", "2003-06-10T04:00:00Z"),
    ("Tue, 10 JUN 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue, 10-Jun-2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue Jun 10 04:00:00 2003", "2003-06-10T04:00:00Z"),
    ("Tue Jun 10 2003 04:00:00 GMT+0000 (Coordinated Universal Time)", "2003-06-10T04:00:00Z"),
    ("June 10, 2003", "2003-06-10T00:00:00Z"),
    ("10 June 2003", "2003-06-10T00:00:00Z"),
    ("Tue, 10 Jun 2003 4:00:00 GMT", "2003-06-10T04:00:00Z"),
    ("Tue, 10 Jun 2003 04:00:00.123 GMT", "2003-06-10T04:00:00Z"),
    ("Sat, 29 Feb 2020 23:59:59 +0000", "2020-02-29T23:59:59Z"),
    ("Fri, 31 Dec 1999 23:00:00 -0100", "2000-01-01T00:00:00Z"),
    ("2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z"),
    ("2003-06-10T04:00:00+00:00", "2003-06-10T04:00:00Z"),
    ("2003-06-10T04:00:00-07:00", "2003-06-10T11:00:00Z"),
    ("2003-06-10T04:00:00+0530", "2003-06-09T22:30:00Z"),
    ("2003-06-10T04:00:00+05", "2003-06-09T23:00:00Z"),
    ("2003-06-10T04:00:00.123Z", "2003-06-10T04:00:00Z"),
    ("2003-06-10T04:00:00.123456789+01:00", "2003-06-10T03:00:00Z"),
    ("2003-06-10T04:00:00", "2003-06-10T04:00:00Z"),
    ("2003-06-10T04:00Z", "2003-06-10T04:00:00Z"),
    ("2003-06-10 04:00:00", "2003-06-10T04:00:00Z"),
    ("2003-06-10 04:00:00 +0000", "2003-06-10T04:00:00Z"),
    ("2003-06-10 04:00:00 UTC", "2003-06-10T04:00:00Z"),
    ("2003-06-10t04:00:00z", "2003-06-10T04:00:00Z"),
    ("2003-06-10", "2003-06-10T00:00:00Z"),
    ("2003-06", "2003-06-01T00:00:00Z"),
    ("20030610T040000Z", "2003-06-10T04:00:00Z"),
    ("2003/06/10 04:00:00", "2003-06-10T04:00:00Z"),
    ("2003-6-1T04:00:00Z", "2003-06-01T04:00:00Z"),
    # unparseable: never "now"
    ("yesterday", None),
    ("", None),
    ("Tue, 31 Feb 2003 04:00:00 GMT", None),
    ("2003-13-10T04:00:00Z", None),
    ("2003-06-10T25:00:00Z", None),
    ("not a date at all", None),
    ("0000-00-00 00:00:00", None),
    ("32 Jun 2003", None),
]

for index, (text, expected) in enumerate(DATES):
    name = f"date-{index:03d}"
    write("dates", f"{name}-rss", rss2(f"<item><title>d</title><pubDate>{text}</pubDate></item>"),
          {"format": "rss2.0", "items": [{"published": expected}]})
    write("dates", f"{name}-atom",
          atom(f"<entry><id>e</id><title>d</title><published>{text}</published><updated>{text}</updated></entry>"),
          {"format": "atom1.0", "items": [{"published": expected, "updated": expected}]})
    write("dates", f"{name}-rdf", rdf(f'<item rdf:about="https://example.org/1"><title>d</title><dc:date>{text}</dc:date></item>'),
          {"format": "rss1.0", "items": [{"published": expected, "id": "https://example.org/1"}]})

# ---------------------------------------------------------------- entities and titles
TITLES = [
    ("Caf&#233;", "Café"),
    ("Caf&#xE9;", "Café"),
    ("Caf&#xe9;", "Café"),
    ("Caf&amp;eacute;", "Café"),           # HTML entity escaped once for XML
    ("Caf&eacute;", "Café"),               # HTML entity undefined in XML
    ("a&nbsp;b", "a b"),
    ("a &mdash; b", "a — b"),
    ("a &ndash; b", "a – b"),
    ("&ldquo;quoted&rdquo;", "“quoted”"),
    ("it&rsquo;s", "it’s"),
    ("it&#8217;s", "it’s"),
    ("it&#146;s", "it’s"),                 # windows-1252 number
    ("&hellip;", "…"),
    ("&euro;5", "€5"),
    ("AT&T", "AT&T"),                      # bare ampersand
    ("Q&A time", "Q&A time"),
    ("a & b", "a & b"),
    ("a &amp; b", "a & b"),
    ("a &amp;amp; b", "a & b"),            # double-escaped
    ("&lt;b&gt;bold&lt;/b&gt; title", "bold title"),
    ("&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;", "bold"),
    ("<![CDATA[<b>bold</b> in CDATA]]>", "bold in CDATA"),
    ("<![CDATA[AT&amp;T]]>", "AT&T"),
    ("<![CDATA[Tom & Jerry]]>", "Tom & Jerry"),
    ("  lots   of\n\n  space  ", "lots of space"),
    ("tab\there", "tab here"),
    ("zero&#8203;width", "zerowidth"),
    ("soft&shy;hyphen", "softhyphen"),
    ("&#xFEFF;bom inside", "bom inside"),
    ("e&#x301;", "é"),                     # NFC composes e + combining acute
    ("&copy; 2024", "© 2024"),
    ("&unknownentity; stays", "&unknownentity; stays"),
    ("1 &lt; 2", "1 < 2"),
    ("5 > 3", "5 > 3"),
    ("&#0; null ref", "� null ref"),
    ("&#x1F600; emoji", "😀 emoji"),
    ("Ελληνικά", "Ελληνικά"),
    ("日本語のタイトル", "日本語のタイトル"),
    ("&quot;quotes&quot; &apos;apos&apos;", "\"quotes\" 'apos'"),
    ("<![CDATA[a]]>b<![CDATA[c]]>", "abc"),
    ("x&#x0B;y", "x�y"),
]

for index, (raw, expected) in enumerate(TITLES):
    write("entities", f"title-{index:03d}-rss", rss2(f"<item><title>{raw}</title><link>https://example.org/{index}</link></item>"),
          {"items": [{"title": expected, "url": f"https://example.org/{index}"}]})
    write("entities", f"title-{index:03d}-atom",
          atom(f'<entry><id>{index}</id><title type="html">{raw}</title></entry>'),
          {"items": [{"title": expected, "id": str(index)}]})

# ---------------------------------------------------------------- encodings
ENC_TITLE = "Café “déjà” €"
cases = [
    ("utf8-declared", ENC_TITLE.encode("utf-8"), "utf-8", None),
    ("utf8-bom", b"\xef\xbb\xbf" + b"", None, None),
    ("cp1252-declared", ENC_TITLE.encode("cp1252"), "windows-1252", None),
    ("cp1252-as-latin1", ENC_TITLE.encode("cp1252"), "ISO-8859-1", None),
    ("cp1252-as-utf8", ENC_TITLE.encode("cp1252"), "UTF-8", None),
    ("cp1252-undeclared", ENC_TITLE.encode("cp1252"), None, None),
    ("utf8-as-latin1", ENC_TITLE.encode("utf-8"), "ISO-8859-1", None),
    ("utf8-http-latin1", ENC_TITLE.encode("utf-8"), None, "text/xml; charset=ISO-8859-1"),
    ("cp1252-http", ENC_TITLE.encode("cp1252"), None, "application/rss+xml; charset=windows-1252"),
    ("cp1252-http-quoted", ENC_TITLE.encode("cp1252"), "utf-8", 'text/xml; charset="windows-1252"'),
]
for name, title_bytes, declared, content_type in cases:
    if name == "utf8-bom":
        body = b"\xef\xbb\xbf" + rss2("", channel="<title>" + ENC_TITLE + "</title>", decl=False).encode("utf-8")
    else:
        decl = f'<?xml version="1.0" encoding="{declared}"?>\n'.encode() if declared else b'<?xml version="1.0"?>\n'
        body = decl + b'<rss version="2.0"><channel><title>' + title_bytes + b"</title></channel></rss>\n"
    write("encodings", name, body, {"title": ENC_TITLE}, content_type=content_type)

RU = "Новости дня"
write("encodings", "koi8r", b'<?xml version="1.0" encoding="KOI8-R"?><rss version="2.0"><channel><title>' + RU.encode("koi8_r") + b"</title></channel></rss>", {"title": RU})
write("encodings", "cp1251", b'<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>' + RU.encode("cp1251") + b"</title></channel></rss>", {"title": RU})
JA = "日本語ニュース"
write("encodings", "shift-jis", b'<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>' + JA.encode("shift_jis") + b"</title></channel></rss>", {"title": JA})
write("encodings", "euc-jp", b'<?xml version="1.0" encoding="EUC-JP"?><rss version="2.0"><channel><title>' + JA.encode("euc_jp") + b"</title></channel></rss>", {"title": JA})
ZH = "中文新闻"
write("encodings", "gb2312", b'<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>' + ZH.encode("gb2312") + b"</title></channel></rss>", {"title": ZH})
doc16 = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>' + ENC_TITLE + "</title></channel></rss>"
write("encodings", "utf16le-bom", b"\xff\xfe" + doc16.encode("utf-16-le"), {"title": ENC_TITLE})
write("encodings", "utf16be-bom", b"\xfe\xff" + doc16.encode("utf-16-be"), {"title": ENC_TITLE})
write("encodings", "utf16le-nobom", doc16.encode("utf-16-le"), {"title": ENC_TITLE})
write("encodings", "utf16-label-but-utf8", doc16.encode("utf-8"), {"title": ENC_TITLE})
write("encodings", "invalid-utf8-byte", b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\xc3\xa9 \xff ok</title></channel></rss>', {"title": "Café \ufffd ok"})
write("encodings", "truncated-utf8", b'<rss version="2.0"><channel><title>na\xc3\xafve \xe2\x82</title><link>https://example.org/</link></channel></rss>', {"title": "naïve \ufffd", "link": "https://example.org/"})
write("encodings", "overlong-utf8", b'<rss version="2.0"><channel><title>a\xc0\xafb \xc3\xa9</title></channel></rss>', {"title": "a\ufffd\ufffdb é"})
write("encodings", "surrogate-utf8", b'<rss version="2.0"><channel><title>a\xed\xa0\x80b \xc3\xa9</title></channel></rss>', {"title": "a\ufffdb é"})
write("encodings", "control-chars", b'<rss version="2.0"><channel><title>a\x01b\x08c\x1fd</title></channel></rss>', {"title": "abcd"})
write("encodings", "nul-bytes", b'<rss version="2.0"><channel><title>a\x00b</title><link>https://example.org/</link></channel></rss>', {"title": "ab", "link": "https://example.org/"})
write("encodings", "unknown-charset", b'<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"><channel><title>Caf\xc3\xa9</title></channel></rss>', {"title": "Café"})
write("encodings", "latin1-real", b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Gr\xfc\xdfe aus K\xf6ln</title></channel></rss>', {"title": "Grüße aus Köln"})
write("encodings", "latin9", b'<?xml version="1.0" encoding="iso-8859-15"?><rss version="2.0"><channel><title>Prix \xa4 5</title></channel></rss>', {"title": "Prix € 5"})
write("encodings", "json-utf8-bom", b"\xef\xbb\xbf" + json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Café", "items": []}, ensure_ascii=False).encode(), {"title": "Café", "format": "jsonfeed1"}, ext="json")

# ---------------------------------------------------------------- formats
FULL_ITEM = {"id": "urn:1", "url": "https://example.org/1", "title": "First post", "author": "Ann",
             "published": "2024-03-01T12:00:00Z", "summary": "Hello world.", "categories": ["a", "b"]}

write("formats", "rss20-full", rss2(
    '<item><title>First post</title><link>https://example.org/1</link><guid isPermaLink="false">urn:1</guid>'
    '<pubDate>Fri, 01 Mar 2024 12:00:00 GMT</pubDate><author>ann@example.org (Ann)</author>'
    '<category>a</category><category>b</category><description>&lt;p&gt;Hello world.&lt;/p&gt;</description>'
    '<comments>https://example.org/1#comments</comments>'
    '<enclosure url="https://example.org/1.mp3" length="1234" type="audio/mpeg"/></item>',
    channel='<title>Full</title><link>https://example.org/</link><description>Everything</description><language>en-us</language><ttl>60</ttl>'),
    {"format": "rss2.0", "title": "Full", "link": "https://example.org/", "description": "Everything", "language": "en-us",
     "items": [dict(FULL_ITEM, content="<p>Hello world.</p>",
                    enclosures=[{"url": "https://example.org/1.mp3", "type": "audio/mpeg", "length": 1234}])]})

for version in ["0.91", "0.92", "0.93", "0.94"]:
    write("formats", f"rss{version.replace('.', '')}", (
        f'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        f'<rss version="{version}"><channel><title>Old</title><link>https://example.org/</link>'
        '<description>Old &amp; good</description><language>en</language>'
        '<image><title>Logo</title><url>https://example.org/logo.png</url><link>https://example.org/</link></image>'
        '<item><title>Old item</title><link>https://example.org/old</link><description>Text &eacute;</description></item>'
        '</channel></rss>\n'),
        {"format": "rss0.9x", "title": "Old", "description": "Old & good", "language": "en",
         "items": [{"title": "Old item", "url": "https://example.org/old", "summary": "Text é", "id": None}]})

write("formats", "rss090", (
    '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">'
    '<channel><title>Ninety</title><link>https://example.org/</link><description>0.90</description></channel>'
    '<image><title>L</title><url>https://example.org/l.gif</url><link>https://example.org/</link></image>'
    '<item><title>One</title><link>https://example.org/one</link></item>'
    '<item><title>Two</title><link>https://example.org/two</link></item></rdf:RDF>\n'),
    {"format": "rss0.9x", "title": "Ninety", "items": [{"title": "One", "url": "https://example.org/one"},
                                                       {"title": "Two", "url": "https://example.org/two"}]})

write("formats", "rss10-full", (
    '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
    '<channel rdf:about="https://example.org/rss"><title>RDF site</title><link>https://example.org/</link>'
    '<description>desc</description><dc:language>de</dc:language><sy:updatePeriod>hourly</sy:updatePeriod>'
    '<sy:updateFrequency>2</sy:updateFrequency><items><rdf:Seq><rdf:li rdf:resource="https://example.org/a"/></rdf:Seq></items></channel>'
    '<item rdf:about="https://example.org/a"><title>A</title><link>https://example.org/a</link>'
    '<description>Short</description><content:encoded>&lt;p&gt;Long &lt;em&gt;text&lt;/em&gt;&lt;/p&gt;</content:encoded>'
    '<dc:creator>Bo</dc:creator><dc:creator>Cy</dc:creator><dc:date>2024-02-02T10:00:00+01:00</dc:date>'
    '<dc:subject>x</dc:subject></item></rdf:RDF>\n'),
    {"format": "rss1.0", "title": "RDF site", "language": "de",
     "items": [{"id": "https://example.org/a", "url": "https://example.org/a", "title": "A", "summary": "Short",
                "content": "<p>Long <em>text</em></p>", "author": "Bo, Cy", "published": "2024-02-02T09:00:00Z",
                "categories": ["x"]}]})

write("formats", "atom10-full", atom(
    '<entry><id>urn:1</id><title>First post</title><link rel="alternate" type="text/html" href="https://example.org/1"/>'
    '<link rel="enclosure" href="https://example.org/1.mp3" type="audio/mpeg" length="1234"/>'
    '<published>2024-03-01T12:00:00Z</published><updated>2024-03-02T12:00:00Z</updated>'
    '<author><name>Ann</name><email>ann@example.org</email></author><category term="a"/><category term="b"/>'
    '<summary>Hello world.</summary><content type="html">&lt;p&gt;Hello world.&lt;/p&gt;</content></entry>',
    head='<title>Full</title><subtitle>Everything</subtitle><link href="https://example.org/"/>'
         '<link rel="self" href="https://example.org/atom.xml"/>', attrs=' xml:lang="en-us"'),
    {"format": "atom1.0", "title": "Full", "link": "https://example.org/", "description": "Everything", "language": "en-us",
     "items": [dict(FULL_ITEM, updated="2024-03-02T12:00:00Z", content="<p>Hello world.</p>",
                    enclosures=[{"url": "https://example.org/1.mp3", "type": "audio/mpeg", "length": 1234}])]})

write("formats", "atom03", (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed version="0.3" xmlns="http://purl.org/atom/ns#">'
    '<title mode="escaped" type="text/html">Old &amp;lt;b&amp;gt;Atom&amp;lt;/b&amp;gt;</title>'
    '<tagline>Zero three</tagline><link rel="alternate" type="text/html" href="https://example.org/"/>'
    '<entry><title>E1</title><link rel="alternate" type="text/html" href="https://example.org/e1"/><id>tag:e1</id>'
    '<issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified>'
    '<author><name>Old Timer</name></author>'
    '<content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content>'
    '</entry><entry><title>E2</title><id>tag:e2</id><content type="text/html" mode="base64">PHA+QmFzZTY0ITwvcD4=</content></entry></feed>\n'),
    {"format": "atom0.3", "title": "Old Atom", "description": "Zero three", "link": "https://example.org/",
     "items": [{"title": "E1", "url": "https://example.org/e1", "id": "tag:e1", "published": "2004-01-01T00:00:00Z",
                "updated": "2004-01-02T00:00:00Z", "author": "Old Timer", "content": "<p>Body</p>"},
               {"title": "E2", "id": "tag:e2", "content": "<p>Base64!</p>", "author": None}]})

jf11 = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON", "home_page_url": "https://example.org/",
        "feed_url": "https://example.org/feed.json", "description": "Json feed", "language": "en",
        "authors": [{"name": "Feed Author"}],
        "items": [{"id": "1", "url": "https://example.org/j1", "title": "J1", "content_html": "<p>Hi<script>x</script></p>",
                   "summary": "Sum", "date_published": "2024-05-01T10:00:00-04:00", "date_modified": "2024-05-02T00:00:00Z",
                   "tags": ["t1", "t2"], "attachments": [{"url": "https://example.org/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 42}]},
                  {"id": 2, "url": "/j2", "content_text": "Plain & text", "authors": [{"name": "Other"}]}]}
write("formats", "jsonfeed11", json.dumps(jf11), {
    "format": "jsonfeed1", "title": "JSON", "link": "https://example.org/", "description": "Json feed", "language": "en",
    "items": [{"id": "1", "url": "https://example.org/j1", "title": "J1", "content": "<p>Hi</p>", "summary": "Sum",
               "published": "2024-05-01T14:00:00Z", "updated": "2024-05-02T00:00:00Z", "categories": ["t1", "t2"],
               "author": "Feed Author", "enclosures": [{"url": "https://example.org/a.mp3", "type": "audio/mpeg", "length": 42}]},
              {"id": "2", "url": "https://example.org/j2", "title": None, "content": "Plain &amp; text", "author": "Other"}]}, ext="json")
jf10 = {"version": "https://jsonfeed.org/version/1", "title": "JSON 1.0", "author": {"name": "Single"},
        "items": [{"id": "x", "external_url": "https://example.org/ext", "content_text": "Text"}]}
write("formats", "jsonfeed10", json.dumps(jf10), {"format": "jsonfeed1", "title": "JSON 1.0",
      "items": [{"id": "x", "url": "https://example.org/ext", "author": "Single", "summary": "Text"}]}, ext="json")

# ---------------------------------------------------------------- namespaces and extensions
CONTENT_NS = ["http://purl.org/rss/1.0/modules/content/", "http://purl.org/rss/1.0/modules/content",
              "https://purl.org/rss/1.0/modules/content/"]
for index, uri in enumerate(CONTENT_NS):
    for prefix in ["content", "c"]:
        write("namespaces", f"content-{index}-{prefix}", rss2(
            f"<item><title>c</title><description>short</description><{prefix}:encoded><![CDATA[<p>full</p>]]></{prefix}:encoded></item>",
            ns=f' xmlns:{prefix}="{uri}"'), {"items": [{"content": "<p>full</p>", "summary": "short"}]})

ATOM_NS = ["http://www.w3.org/2005/Atom", "https://www.w3.org/2005/Atom"]
for index, uri in enumerate(ATOM_NS):
    write("namespaces", f"atom-ns-{index}", f'<feed xmlns="{uri}"><title>A</title><entry><id>1</id><title>x</title></entry></feed>',
          {"format": "atom1.0", "items": [{"id": "1", "title": "x"}]})
    write("namespaces", f"atom-prefixed-{index}", f'<a:feed xmlns:a="{uri}"><a:title>A</a:title><a:entry><a:id>1</a:id><a:title>x</a:title></a:entry></a:feed>',
          {"format": "atom1.0", "title": "A", "items": [{"id": "1", "title": "x"}]})
write("namespaces", "atom-no-ns", '<feed><title>A</title><entry><id>1</id><title>x</title></entry></feed>',
      {"format": "atom1.0", "items": [{"id": "1", "title": "x"}]})
write("namespaces", "atom03-ns-no-hash", '<feed version="0.3" xmlns="http://purl.org/atom/ns"><title>A</title><entry><id>1</id><title>x</title></entry></feed>',
      {"format": "atom0.3", "items": [{"id": "1", "title": "x"}]})
write("namespaces", "rss2-default-ns", '<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>N</title><item><title>x</title></item></channel></rss>',
      {"format": "rss2.0", "title": "N", "items": [{"title": "x"}]})
write("namespaces", "dc-prefix-other", rss2("<item><title>x</title><foo:creator>Dee</foo:creator><foo:date>2020-01-01T00:00:00Z</foo:date><foo:subject>s</foo:subject></item>",
      ns=' xmlns:foo="http://purl.org/dc/elements/1.1/"'), {"items": [{"author": "Dee", "published": "2020-01-01T00:00:00Z", "categories": ["s"]}]})
write("namespaces", "dcterms", rss2("<item><title>x</title><dcterms:modified>2020-01-02T00:00:00Z</dcterms:modified></item>",
      ns=' xmlns:dcterms="http://purl.org/dc/terms/"'), {"items": [{"updated": "2020-01-02T00:00:00Z"}]})
MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'
write("namespaces", "media-content", rss2('<item><title>m</title><media:content url="https://example.org/v.mp4" type="video/mp4" fileSize="500"/>'
      '<media:thumbnail url="https://example.org/t.jpg"/></item>', ns=MEDIA),
      {"items": [{"enclosures": [{"url": "https://example.org/v.mp4", "type": "video/mp4", "length": 500}]}]})
write("namespaces", "media-group", rss2('<item><title>m</title><media:group><media:content url="https://example.org/a.jpg" medium="image"/>'
      '<media:description>Group text</media:description></media:group></item>', ns=MEDIA),
      {"items": [{"summary": "Group text", "enclosures": [{"url": "https://example.org/a.jpg", "type": "image/*", "length": None}]}]})
write("namespaces", "media-no-slash", rss2('<item><title>m</title><media:content url="https://example.org/v.mp4" type="video/mp4"/></item>',
      ns=' xmlns:media="http://search.yahoo.com/mrss"'), {"items": [{"enclosures": [{"url": "https://example.org/v.mp4", "type": "video/mp4", "length": None}]}]})
ITUNES = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
write("namespaces", "itunes", rss2('<itunes:author>Pod Host</itunes:author><itunes:image href="https://example.org/cover.jpg"/>'
      '<item><title>Ep 1</title><itunes:author>Guest</itunes:author><itunes:duration>01:02:03</itunes:duration>'
      '<itunes:summary>Episode summary</itunes:summary><enclosure url="https://example.org/ep1.mp3" type="audio/mpeg" length="0"/></item>', ns=ITUNES),
      {"items": [{"author": "Guest", "summary": "Episode summary", "enclosures": [{"url": "https://example.org/ep1.mp3", "type": "audio/mpeg", "length": None}]}]})
write("namespaces", "itunes-https", rss2('<item><title>Ep</title><itunes:author>H</itunes:author></item>',
      ns=' xmlns:itunes="https://www.itunes.com/dtds/podcast-1.0.dtd"'), {"items": [{"author": "H"}]})
write("namespaces", "atom-link-in-rss", rss2('<atom:link rel="self" href="https://example.org/feed"/><item><title>x</title><atom:link href="https://example.org/x"/></item>',
      channel="<title>T</title>", ns=' xmlns:atom="http://www.w3.org/2005/Atom"'), {"link": None, "items": [{"url": "https://example.org/x"}]})
write("namespaces", "feedburner-origlink", rss2('<item><title>x</title><link>https://feeds.example.net/~r/x/1</link><feedburner:origLink>https://example.org/real</feedburner:origLink></item>',
      ns=' xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"'), {"items": [{"url": "https://example.org/real"}]})
write("namespaces", "slash-wfw", rss2('<item><title>x</title><slash:comments>5</slash:comments><wfw:commentRss>https://example.org/c</wfw:commentRss></item>',
      ns=' xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"'), {"items": [{"title": "x", "summary": None}]})
write("namespaces", "unknown-ns-ignored", rss2('<item><title>x</title><foo:title>not this</foo:title><foo:bar><title>nor this</title></foo:bar></item>',
      ns=' xmlns:foo="https://example.org/ns"'), {"items": [{"title": "x"}]})
write("namespaces", "xhtml-body", rss2('<item><title>x</title><xhtml:body><xhtml:p>Inline <xhtml:b>xhtml</xhtml:b></xhtml:p></xhtml:body></item>',
      ns=' xmlns:xhtml="http://www.w3.org/1999/xhtml"'), {"items": [{"content": "<p>Inline <b>xhtml</b></p>"}]})

# ---------------------------------------------------------------- URLs and xml:base
write("urls", "rss-relative-feed-url", rss2('<item><title>x</title><link>/p/1</link><description>&lt;a href="../q"&gt;q&lt;/a&gt;&lt;img src="i.png"&gt;</description></item>'),
      {"items": [{"url": "https://example.org/p/1", "content": '<a href="https://example.org/blog/q" rel="noopener noreferrer nofollow">q</a><img src="https://example.org/blog/feeds/i.png">'}]},
      url="https://example.org/blog/feeds/rss.xml")
write("urls", "rss-relative-channel-link", rss2('<item><title>x</title><link>p/1</link></item>', channel="<title>T</title><link>https://site.example/base/</link>"),
      {"items": [{"url": "https://site.example/base/p/1"}]})
write("urls", "atom-xml-base-feed", atom('<entry><id>1</id><title>x</title><link href="p/1"/></entry>', attrs=' xml:base="https://example.org/root/"'),
      {"items": [{"url": "https://example.org/root/p/1"}]}, url="https://other.example/feed")
write("urls", "atom-xml-base-nested", atom('<entry xml:base="sub/"><id>1</id><title>x</title><link href="p/1"/>'
      '<content type="html" xml:base="/c/">&lt;img src="i.png"&gt;</content></entry>', attrs=' xml:base="https://example.org/root/"'),
      {"items": [{"url": "https://example.org/root/sub/p/1", "content": '<img src="https://example.org/c/i.png">'}]})
write("urls", "atom-relative-to-self", atom('<entry><id>1</id><title>x</title><link href="/e/1"/></entry>',
      head='<title>T</title><link rel="self" href="https://example.org/feeds/atom.xml"/>'), {"items": [{"url": "https://example.org/e/1"}]})
write("urls", "atom-xml-base-relative", atom('<entry xml:base="/a/b/"><id>1</id><title>x</title><link href="../c"/></entry>'),
      {"items": [{"url": "https://example.org/a/c"}]}, url="https://example.org/feed")
write("urls", "protocol-relative", rss2('<item><title>x</title><link>//cdn.example/x</link></item>'), {"items": [{"url": "https://cdn.example/x"}]},
      url="https://example.org/feed")
write("urls", "absolute-untouched", rss2('<item><title>x</title><link>http://a.example/p?q=1&amp;r=2#f</link></item>'),
      {"items": [{"url": "http://a.example/p?q=1&r=2#f"}]}, url="https://example.org/feed")
write("urls", "guid-permalink", rss2('<item><title>x</title><guid>https://example.org/g</guid></item>'), {"items": [{"url": "https://example.org/g", "id": "https://example.org/g"}]})
write("urls", "guid-not-permalink", rss2('<item><title>x</title><guid isPermaLink="false">https://example.org/g</guid></item>'), {"items": [{"url": None, "id": "https://example.org/g"}]})
write("urls", "guid-not-url", rss2('<item><title>x</title><guid>1234@example</guid></item>'), {"items": [{"url": None, "id": "1234@example"}]})
write("urls", "link-whitespace", rss2('<item><title>x</title><link>\n   https://example.org/ws   \n</link></item>'), {"items": [{"url": "https://example.org/ws"}]})
write("urls", "enclosure-relative", rss2('<item><title>x</title><enclosure url="/a.mp3" type="audio/mpeg" length="10"/></item>'),
      {"items": [{"enclosures": [{"url": "https://example.org/a.mp3", "type": "audio/mpeg", "length": 10}]}]}, url="https://example.org/feed")
write("urls", "atom-alternate-preferred", atom('<entry><id>1</id><title>x</title><link rel="alternate" type="application/pdf" href="https://example.org/x.pdf"/>'
      '<link rel="alternate" type="text/html" href="https://example.org/x.html"/><link rel="related" href="https://example.org/r"/></entry>'),
      {"items": [{"url": "https://example.org/x.html"}]})
write("urls", "atom-replies", atom('<entry><id>1</id><title>x</title><link href="https://example.org/x"/></entry>'), {"items": [{"url": "https://example.org/x"}]})

# ---------------------------------------------------------------- malformed but readable
write("malformed", "unescaped-ampersands", rss2('<item><title>Fish & Chips & more</title><link>https://example.org/?a=1&b=2</link></item>'),
      {"items": [{"title": "Fish & Chips & more", "url": "https://example.org/?a=1&b=2"}]})
write("malformed", "junk-before-root", "\n\n  <br />\n<b>Warning</b>: something in /var/www/x.php<br />\n" + rss2('<item><title>ok</title></item>'),
      {"format": "rss2.0", "items": [{"title": "ok"}]})
write("malformed", "whitespace-before-decl", "\n\n   " + rss2('<item><title>ok</title></item>'), {"items": [{"title": "ok"}]})
write("malformed", "bom-and-junk", b"\xef\xbb\xbf\n" + rss2('<item><title>ok</title></item>').encode(), {"items": [{"title": "ok"}]})
mid = rss2('<item><title>one</title></item><item><title>two</title></item>')
write("malformed", "truncated-mid-item", mid[: mid.index("</channel>")] + "<item><title>thr",
      {"items": [{"title": "one"}, {"title": "two"}]})
trunc = rss2('<item><title>one</title></item><item><title>two</title><link>https://example.org/2</link></item>')
write("malformed", "truncated-after-item", trunc[: trunc.index("</channel>")], {"items": [{"title": "one"}, {"title": "two"}]})
write("malformed", "truncated-atom", atom('<entry><id>1</id><title>one</title></entry><entry><id>2</id><title>tw')[:-20],
      {"items": [{"id": "1", "title": "one"}]})
write("malformed", "unclosed-item", rss2('<item><title>one</title><item><title>two</title></item>'),
      {"items": [{"title": "one"}, {"title": "two"}]})
write("malformed", "unclosed-title", rss2('<item><title>one</item><item><title>two</title></item>'),
      {"format": "rss2.0"})
write("malformed", "double-escaped-description", rss2('<item><title>x</title><description>&amp;lt;p&amp;gt;Escaped twice&amp;lt;/p&amp;gt;</description></item>'),
      {"items": [{"summary": "Escaped twice"}]})
write("malformed", "html-in-title", rss2('<item><title><b>Bold</b> and <i>italic</i></title></item>'), {"items": [{"title": "Bold and italic"}]})
write("malformed", "raw-html-in-description", rss2('<item><title>x</title><description><p>Raw <a href="https://example.org/">html</a></p></description></item>'),
      {"items": [{"content": '<p>Raw <a href="https://example.org/" rel="noopener noreferrer nofollow">html</a></p>', "summary": "Raw html"}]})
write("malformed", "cdata-everywhere", rss2('<item><title><![CDATA[C title]]></title><link><![CDATA[https://example.org/c]]></link>'
      '<guid><![CDATA[g1]]></guid><pubDate><![CDATA[Tue, 10 Jun 2003 04:00:00 GMT]]></pubDate><category><![CDATA[cat]]></category></item>',
      channel="<title><![CDATA[Chan & co]]></title>"),
      {"title": "Chan & co", "items": [{"title": "C title", "url": "https://example.org/c", "id": "g1", "published": "2003-06-10T04:00:00Z", "categories": ["cat"]}]})
write("malformed", "cdata-with-entities-inside", rss2('<item><title>x</title><description><![CDATA[<p>AT&amp;T &lt;3</p>]]></description></item>'),
      {"items": [{"content": "<p>AT&amp;T &lt;3</p>", "summary": "AT&T <3"}]})
write("malformed", "no-version", '<rss><channel><title>NV</title><item><title>x</title></item></channel></rss>', {"format": "rss2.0", "items": [{"title": "x"}]})
write("malformed", "bare-channel", '<channel><title>Bare</title><item><title>x</title></item></channel>', {"format": "rss2.0", "title": "Bare", "items": [{"title": "x"}]})
write("malformed", "uppercase-pubdate", rss2('<item><title>x</title><pubdate>Tue, 10 Jun 2003 04:00:00 GMT</pubdate></item>'), {"items": [{"published": "2003-06-10T04:00:00Z"}]})
write("malformed", "undeclared-prefix", rss2('<item><title>x</title><dc:creator>Un</dc:creator></item>'), {"items": [{"title": "x"}]})
write("malformed", "trailing-garbage", rss2('<item><title>x</title></item>') + "<rss><more/></rss>garbage", {"items": [{"title": "x"}]})
write("malformed", "attribute-without-quotes", rss2('<item><title>x</title><enclosure url=https://example.org/a.mp3 type="audio/mpeg"/></item>'), {"format": "rss2.0"})
write("malformed", "lt-in-text", rss2('<item><title>a < b</title><link>https://example.org/lt</link></item>'),
      {"items": [{"title": "a < b", "url": "https://example.org/lt"}]})
write("malformed", "lt-before-digit", rss2('<item><title>x</title><description>1 <2 and 3> 2</description></item>'),
      {"items": [{"summary": "1 <2 and 3> 2"}]})
write("malformed", "mixed-text-cdata-order", rss2('<item><title>a &amp; <![CDATA[<b>b</b>]]> c &lt; d<!-- x --> e</title></item>'),
      {"items": [{"title": "a & b c < d e"}]})
write("malformed", "entity-in-attribute", rss2('<item><title>x</title><enclosure url="https://example.org/a?x=1&y=2&amp;z=&eacute;" type="audio/mpeg"/></item>'),
      {"items": [{"enclosures": [{"url": "https://example.org/a?x=1&y=2&z=é", "type": "audio/mpeg", "length": None}]}]})
write("malformed", "broken-tag-then-item", b'<rss><channel><item><title>n</title><guid>g<\xed\xa0\x80/guid></item><item><title>x</title></item></channel></rss>',
      {"items": [{"title": "n"}, {"title": "x"}]})
write("malformed", "gt-in-attribute", rss2('<item><title>x</title><enclosure url="https://example.org/a>b" type="audio/mpeg"/></item>'),
      {"items": [{"enclosures": [{"url": "https://example.org/a>b", "type": "audio/mpeg", "length": None}]}]})
write("malformed", "invalid-char-refs", rss2('<item><title>a&#1;b&#xD800;c</title></item>'), {"items": [{"title": "a\ufffdb\ufffdc"}]})
write("malformed", "empty-items", rss2('<item></item><item><title>x</title></item><item/>'), {"items": [{"title": None}, {"title": "x"}, {"title": None}]})
write("malformed", "huge-whitespace", rss2('<item>' + " " * 5000 + '<title>x</title>' + "\n" * 5000 + '</item>'), {"items": [{"title": "x"}]})
write("malformed", "comment-everywhere", rss2('<!-- c --><item><!-- <title>no</title> --><title>yes<!-- x --></title></item>'), {"items": [{"title": "yes"}]})
write("malformed", "processing-instruction", '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="s.xsl"?>' + rss2('<item><title>x</title></item>', decl=False),
      {"items": [{"title": "x"}]})

# ---------------------------------------------------------------- security: entity expansion, external entities
write("security", "billion-laughs", '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
      + "".join(f'<!ENTITY lol{i} "' + f"&lol{i-1};" * 10 + '">' for i in range(2, 10)) + ']>\n'
      + '<rss version="2.0"><channel><title>&lol9;</title><item><title>safe</title></item></channel></rss>',
      {"title": "&lol9;", "items": [{"title": "safe"}]})
write("security", "xxe-file", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
      '<rss version="2.0"><channel><title>a&xxe;b</title></channel></rss>', {"title": "a&xxe;b"})
write("security", "xxe-parameter", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>\n'
      '<rss version="2.0"><channel><title>ok</title></channel></rss>', {"title": "ok"})
write("security", "external-dtd", '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:1/rss.dtd">\n<rss version="2.0"><channel><title>ok</title></channel></rss>',
      {"title": "ok"})
write("security", "too-deep", "<rss><channel>" + "<x>" * 400 + "</x>" * 400 + "</channel></rss>", {"error": "too-deep"})
write("security", "script-in-content", rss2('<item><title>x</title><description>&lt;p&gt;ok&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</description></item>'),
      {"items": [{"content": '<p>ok</p><img src="https://example.org/x">'}]}, url="https://example.org/feed")
write("security", "javascript-link", rss2('<item><title>x</title><description>&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt;</description></item>'),
      {"items": [{"content": "<a>click</a>"}]})

# ---------------------------------------------------------------- not feeds
write("notfeeds", "html-page", "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>", {"error": "not-a-feed"}, ext="html")
write("notfeeds", "xhtml-page", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', {"error": "not-a-feed"})
write("notfeeds", "empty", "", {"error": "empty"})
write("notfeeds", "whitespace-only", "   \n\t  ", {"error": "empty"})
write("notfeeds", "plain-text", "This is not XML at all.", {"error": "not-a-feed"}, ext="txt")
write("notfeeds", "other-xml", '<?xml version="1.0"?><opml version="2.0"><body/></opml>', {"error": "not-a-feed"})
write("notfeeds", "sitemap", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc></url></urlset>', {"error": "not-a-feed"})
write("notfeeds", "json-array", "[1, 2, 3]", {"error": "not-a-feed"}, ext="json")
write("notfeeds", "json-object", '{"hello": "world"}', {"error": "not-a-feed"}, ext="json")
write("notfeeds", "json-broken", '{"version": "https://jsonfeed.org/version/1.1", "items": [', {"error": "malformed"}, ext="json")
write("notfeeds", "binary", bytes(range(256)) * 4, {"error": "not-a-feed"}, ext="bin")

# ---------------------------------------------------------------- channel metadata
write("channel", "ttl-and-sy", rss2("", channel='<title>T</title><ttl>30</ttl><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>',
      ns=' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'), {"title": "T", "items": []})
write("channel", "image-title-not-feed-title", rss2("", channel='<title>Real</title><image><title>Logo title</title><url>https://example.org/l.png</url></image><link>https://example.org/</link>'),
      {"title": "Real", "link": "https://example.org/"})
write("channel", "item-source-title", rss2('<item><title>Item</title><source url="https://other.example/rss">Other</source></item>'), {"items": [{"title": "Item"}]})
write("channel", "html-description", rss2("", channel='<title>T</title><description>&lt;p&gt;About &lt;b&gt;us&lt;/b&gt;&lt;/p&gt;</description>'),
      {"description": "About us"})
write("channel", "atom-feed-author-inherited", atom('<entry><id>1</id><title>x</title></entry><entry><id>2</id><title>y</title><author><name>Own</name></author></entry>',
      head='<title>T</title><author><name>Feed Person</name></author>'), {"items": [{"author": "Feed Person"}, {"author": "Own"}]})
write("channel", "atom-contributor-fallback", atom('<entry><id>1</id><title>x</title><contributor><name>Helper</name></contributor></entry>'), {"items": [{"author": "Helper"}]})
write("channel", "atom-text-title-literal", atom('<entry><id>1</id><title type="text">x &lt; y &amp;&amp; &lt;b&gt;</title></entry>'), {"items": [{"title": "x < y && <b>"}]})
write("channel", "atom-xhtml-title", atom('<entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> move</div></title></entry>'),
      {"items": [{"title": "A bold move"}]})
write("channel", "atom-text-content-escaped", atom('<entry><id>1</id><title>x</title><content type="text">1 &lt; 2 &amp; 3</content></entry>'),
      {"items": [{"content": "1 &lt; 2 &amp; 3"}]})
write("channel", "atom-summary-only", atom('<entry><id>1</id><title>x</title><summary type="html">&lt;p&gt;Only summary&lt;/p&gt;</summary></entry>'),
      {"items": [{"content": "<p>Only summary</p>", "summary": "Only summary"}]})
write("channel", "atom-content-src", atom('<entry><id>1</id><title>x</title><content src="https://example.org/out.html" type="text/html"/></entry>'),
      {"items": [{"content": None, "url": "https://example.org/out.html"}]})
write("channel", "categories-dedupe", rss2('<item><title>x</title><category>A</category><category>A</category><category> B </category><category></category></item>'),
      {"items": [{"categories": ["A", "B"]}]})
write("channel", "multiple-authors-dc", rss2('<item><title>x</title><dc:creator>A</dc:creator><dc:creator>B</dc:creator></item>',
      ns=' xmlns:dc="http://purl.org/dc/elements/1.1/"'), {"items": [{"author": "A, B"}]})
write("channel", "author-email-only", rss2('<item><title>x</title><author>someone@example.org</author></item>'), {"items": [{"author": "someone@example.org"}]})
write("channel", "many-items", rss2("".join(f"<item><title>n{i}</title><guid>g{i}</guid></item>" for i in range(200))),
      {"items": [{"title": f"n{i}", "id": f"g{i}"} for i in range(200)]})

# ---------------------------------------------------------------- real-world classes (issue: agree with feedparser)
# Language: the root's xml:lang or the channel's <language>, never a child element's xml:lang.
write("realworld", "lang-child-xml-lang", atom('<entry xml:lang="fr"><id>1</id><title xml:lang="de">x</title></entry>', attrs=' xml:lang="en"'),
      {"language": "en"})
write("realworld", "lang-child-only", atom('<entry><id>1</id><title xml:lang="de">x</title></entry>'), {"language": None})
write("realworld", "lang-rss-element-wins", rss2('<item><title>x</title></item>', channel='<title>T</title><language>pt-br</language>').replace('<rss version="2.0"', '<rss version="2.0" xml:lang="en"'),
      {"language": "pt-br"})
write("realworld", "lang-rss-root", rss2('<item><title xml:lang="de">x</title></item>').replace('<rss version="2.0"', '<rss version="2.0" xml:lang="nl"'),
      {"language": "nl"})
# Categories: the Atom term (label kept apart), nested iTunes categories, Media RSS, Dublin Core.
write("realworld", "atom-category-term", atom('<entry><id>1</id><title>x</title><category term="swift" label="Swift language"/><category term="linux"/></entry>'),
      {"items": [{"categories": ["swift", "linux"]}]})
write("realworld", "itunes-category-nested", rss2('<item><title>x</title><itunes:category text="Arts"><itunes:category text="Design"/></itunes:category></item>',
      ns=' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'), {"items": [{"categories": ["Arts", "Design"]}]})
write("realworld", "media-category", rss2('<item><title>x</title><media:category scheme="urn:example">garden/roses</media:category></item>',
      ns=' xmlns:media="http://search.yahoo.com/mrss/"'), {"items": [{"categories": ["garden/roses"]}]})
write("realworld", "media-keywords-not-categories", rss2('<item><title>x</title><category>News</category><media:keywords>a, b</media:keywords></item>',
      ns=' xmlns:media="http://search.yahoo.com/mrss/"'), {"items": [{"categories": ["News"]}]})
write("realworld", "dc-subject", rss2('<item><title>x</title><dc:subject>Birds</dc:subject><category>Nature</category></item>',
      ns=' xmlns:dc="http://purl.org/dc/elements/1.1/"'), {"items": [{"categories": ["Birds", "Nature"]}]})
# Links and content.
write("realworld", "atom-link-text", atom('<entry><id>1</id><title>x</title><link>https://example.org/text-link</link></entry>'),
      {"items": [{"url": "https://example.org/text-link"}]})
write("realworld", "rss-userland-ns", '<rss version="2.0" xmlns="http://backend.userland.com/rss"><channel><title>U</title><item><title>x</title><link>https://example.org/u</link></item></channel></rss>',
      {"format": "rss2.0", "title": "U", "items": [{"url": "https://example.org/u"}]})
write("realworld", "rss-fullitem", rss2('<item><title>x</title><description>short</description><fullitem>&lt;p&gt;the whole story&lt;/p&gt;</fullitem></item>'),
      {"items": [{"content": "<p>the whole story</p>", "summary": "short"}]})
write("realworld", "dc-date-updated", rdf('<item rdf:about="https://example.org/1"><title>d</title><dc:date>2021-02-03T04:05:06Z</dc:date></item>'),
      {"items": [{"published": "2021-02-03T04:05:06Z", "updated": "2021-02-03T04:05:06Z"}]})
write("realworld", "rdf-about-before-dc-identifier", rdf('<item rdf:about="https://example.org/a"><title>d</title><dc:identifier>doi:10.1/x</dc:identifier></item>'),
      {"items": [{"id": "https://example.org/a"}]})
write("realworld", "atom-first-summary-wins", atom('<entry><id>1</id><title>x</title><summary>first</summary><summary>second</summary></entry>'),
      {"items": [{"summary": "first"}]})
# Old formats and odd roots feedparser still reads.
for name, uri in [("echo", "http://purl.org/echo/"), ("pie", "http://purl.org/pie/"), ("necho", "http://example.com/necho")]:
    write("realworld", f"atom-draft-{name}", f'<feed version="0.2" xmlns="{uri}"><title>Draft</title><entry><id>1</id><title>old</title><link rel="alternate" href="https://example.org/old"/></entry></feed>',
          {"format": "atom0.3", "title": "Draft", "items": [{"title": "old", "url": "https://example.org/old"}]})
write("realworld", "cdf", '<?xml version="1.0"?><CHANNEL HREF="https://example.org/"><TITLE>Channel</TITLE><ABSTRACT>About</ABSTRACT>'
      '<ITEM HREF="https://example.org/1" LASTMOD="2001-02-03T04:05"><TITLE>First</TITLE><ABSTRACT>One</ABSTRACT></ITEM></CHANNEL>',
      {"format": "cdf", "title": "Channel", "link": "https://example.org/", "description": "About",
       "items": [{"title": "First", "url": "https://example.org/1", "summary": "One", "updated": "2001-02-03T04:05:00Z"}]})
write("realworld", "rss11", '<Channel xmlns="http://purl.org/net/rss1.1#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="https://example.org/">'
      '<title>Eleven</title><link>https://example.org/</link><description>D</description><items rdf:parseType="Collection">'
      '<item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link></item></items></Channel>',
      {"format": "rss1.0", "title": "Eleven", "link": "https://example.org/", "items": [{"title": "One", "url": "https://example.org/1", "id": "https://example.org/1"}]})
write("realworld", "atom-entry-document", '<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:e</id><title>Alone</title><link href="https://example.org/e"/></entry>',
      {"format": "atom1.0", "items": [{"id": "urn:e", "title": "Alone", "url": "https://example.org/e"}]})
write("realworld", "empty-document", "", {"error": "empty"})
write("realworld", "blank-document", "\n  \n", {"error": "empty"})
write("realworld", "declaration-only", '<?xml version="1.0" encoding="utf-8"?>\n', {"error": "empty"})
# Escaped markup that is not HTML stays text; a stray quote in an attribute blanks nothing; removed
# elements that are not scripts keep their text.
write("realworld", "escaped-tag-as-text", rss2('<item><title>History of the &lt;blink&gt; tag</title></item>'),
      {"items": [{"title": "History of the <blink> tag"}]})
write("realworld", "escaped-tag-as-text-twice", rss2('<item><title>History of the &amp;lt;blink&amp;gt; tag</title></item>'),
      {"items": [{"title": "History of the <blink> tag"}]})
write("realworld", "escaped-generic-as-text", atom('<entry><id>1</id><title type="html">Vec&amp;lt;T&amp;gt; in depth</title></entry>'),
      {"items": [{"title": "Vec<T> in depth"}]})
write("realworld", "escaped-html-still-html", rss2('<item><title>&lt;em&gt;Big&lt;/em&gt; news</title></item>'),
      {"items": [{"title": "Big news"}]})
write("realworld", "stray-quote-in-attribute", rss2('<item><title>q</title><description>&lt;a href=foo"&gt;x&lt;/a&gt; y</description></item>'),
      {"items": [{"summary": "x y"}]})
write("realworld", "removed-element-keeps-text", rss2('<item><title>o</title><description>safe&lt;object&gt;description&lt;/object&gt; &lt;form&gt;&lt;button&gt;Go&lt;/button&gt;&lt;/form&gt;&lt;script&gt;bad()&lt;/script&gt;</description></item>'),
      {"items": [{"content": "safedescription Go", "summary": "safe description Go"}]})
# Encodings: UTF-32 with and without a byte-order mark; legacy bytes labelled UTF-8 are decoded
# by the other declaration or by detection, never as U+FFFD for every letter.
doc32 = '<?xml version="1.0" encoding="UTF-32"?><rss version="2.0"><channel><title>' + ENC_TITLE + "</title></channel></rss>"
write("realworld", "utf32le-bom", b"\xff\xfe\x00\x00" + doc32.encode("utf-32-le"), {"title": ENC_TITLE})
write("realworld", "utf32be-bom", b"\x00\x00\xfe\xff" + doc32.encode("utf-32-be"), {"title": ENC_TITLE})
write("realworld", "utf32le-nobom", doc32.encode("utf-32-le"), {"title": ENC_TITLE})
write("realworld", "utf32be-nobom", doc32.encode("utf-32-be"), {"title": ENC_TITLE})
RU_LONG = "Новости дня: погода в городе, спорт и культура"
ZH_LONG = "中文新闻：今天的天气很好，我们一起去学校看看大家"
JA_LONG = "日本語のニュースです。今日はとても良い天気でした"
for name, text, codec in [("koi8r", RU_LONG, "koi8_r"), ("cp1251", RU_LONG, "cp1251"), ("gb2312", ZH_LONG, "gb2312"),
                          ("shift-jis", JA_LONG, "shift_jis"), ("cp1252", "Grüße aus Köln, déjà vu", "cp1252"),
                          ("latin1-quotes", "“Quoted” — fine", "cp1252")]:
    body = (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>' + text.encode(codec) +
            b"</title><item><title>" + text.encode(codec) + b"</title></item></channel></rss>")
    write("realworld", f"{name}-declared-utf8", body, {"title": text, "items": [{"title": text}]})
write("realworld", "gb2312-served-as-utf8", b'<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>' + ZH_LONG.encode("gb2312") + b"</title></channel></rss>",
      {"title": ZH_LONG}, content_type="application/rss+xml; charset=utf-8")
write("realworld", "gbk-labelled-gb2312", b'<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>' + "新闻镕".encode("gbk") + b"</title></channel></rss>",
      {"title": "新闻镕"})
# Internal text entities are expanded, within limits; external ones stay refused (see security/).
write("realworld", "internal-entity", '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY site "Example &amp; Co"><!ENTITY home "https://example.org/">]>\n'
      + rss2('<item><title>News from &site;</title><link>&home;n/1</link></item>', decl=False),
      {"items": [{"title": "News from Example & Co", "url": "https://example.org/n/1"}]})
write("realworld", "internal-entity-nested", '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "A"><!ENTITY ab "&a;B"><!ENTITY abc \'&ab;C [x] &#233;\'>]>\n'
      + rss2('<item><title>&abc;</title></item>', decl=False), {"items": [{"title": "ABC [x] é"}]})
write("realworld", "internal-entity-attribute", '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY base "https://example.org">]>\n'
      + atom('<entry><id>1</id><title>x</title><link href="&base;/e/1"/></entry>').replace('<?xml version="1.0" encoding="utf-8"?>\n', ''),
      {"items": [{"url": "https://example.org/e/1"}]})
write("realworld", "internal-entity-controls", '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY odd "a\x01b&#2;c">]>\n'
      + atom('<entry><id>1</id><title>&odd;</title><link href="https://example.org/&odd;"/></entry>').replace('<?xml version="1.0" encoding="utf-8"?>\n', ''),
      {"items": [{"title": "ab\ufffdc", "url": "https://example.org/ab\ufffdc"}]})
write("realworld", "internal-entity-too-large", '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "' + "x" * 70000 + '">]>\n'
      + rss2('<item><title>a&big;b</title></item>', decl=False), {"items": [{"title": "a&big;b"}]})
write("realworld", "internal-entity-self-reference", '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY loop "x&loop;">]>\n'
      + rss2('<item><title>a&loop;b</title></item>', decl=False), {"items": [{"title": "a&loop;b"}]})

print(f"{count} fixtures")
