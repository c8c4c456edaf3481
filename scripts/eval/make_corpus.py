#!/usr/bin/env python3
"""Writes feedd's extraction evaluation corpus: each story of stories.py rendered into the page templates
below (modelled on common CMS and newspaper layouts), as NAME.html plus NAME.expected.json
(title, authors, published date, the exact body text). Run from anywhere; writes Tests/Fixtures/html/eval."""
import json
import os
import sys
from html import escape

sys.path.insert(0, os.path.dirname(__file__))
from stories import STORIES, FOREIGN  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "html", "eval")


def e(text):
    return escape(text, quote=True)


def body_html(parts, p_attr="", br=False, img_base="https://img.example/"):
    out = []
    for part in parts:
        kind = part[0]
        if kind == "p":
            out.append(e(part[1]) + "<br /><br />" if br else f"<p{p_attr}>{e(part[1])}</p>")
        elif kind == "h2":
            out.append(f"<h2>{e(part[1])}</h2>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in part[1]) + "</ul>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{e(part[1])}</p></blockquote>")
        elif kind == "figure":
            out.append(f'<figure class="wp-caption"><img src="{img_base}{part[1]}" width="800" height="500" alt=""><figcaption>{e(part[2])}</figcaption></figure>')
        elif kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in part[1])
            out.append(f"<table><tbody>{rows}</tbody></table>")
    return "\n".join(out)


def expected_text(parts):
    blocks = []
    for part in parts:
        kind = part[0]
        if kind in ("p", "h2", "quote"):
            blocks.append(part[1])
        elif kind == "ul":
            blocks.append("\n".join(part[1]))
        elif kind == "figure":
            blocks.append(part[2])
        elif kind == "table":
            blocks.append("\n".join(" ".join(row) for row in part[1]))
    return "\n\n".join(blocks)


def nice_date(story):
    import datetime
    d = datetime.date.fromisoformat(story["date"][:10])
    return d.strftime("%B ") + str(d.day) + d.strftime(", %Y")


def link_list(host, titles, cls="widget"):
    items = "".join(f'<li><a href="https://{host}/{slugify(t)}/">{e(t)}</a></li>' for t in titles)
    return f'<ul class="{cls}">{items}</ul>'


def slugify(text):
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


OTHER_TITLES = [
    "Ferry timetable changes for the summer season", "Council publishes draft budget for next year",
    "Heavy snow expected in the mountains this weekend", "New bridge opens to pedestrians and cyclists",
    "University announces record number of applicants", "Local team wins regional championship",
    "Bakery chain to close three branches", "Police appeal for witnesses after break-in",
]


def nav(host):
    return ('<nav class="main-nav"><ul>' + "".join(
        f'<li><a href="https://{host}/category/{s}/">{s.title()}</a></li>' for s in ["news", "business", "sport", "culture", "opinion", "weather"]) + "</ul></nav>")


def footer(site):
    return f'<footer class="site-footer"><p>&copy; 2024 {e(site)}. All rights reserved.</p><ul><li><a href="/about/">About us</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/contact/">Contact</a></li></ul></footer>'


def jsonld(obj):
    return '<script type="application/ld+json">' + json.dumps(obj, ensure_ascii=False) + "</script>"


def authors_ld(story):
    return [{"@type": "Person", "name": a} for a in story["authors"]]


# ---- templates: each returns html (str) and optionally a body override (parts) ----

def t_wp_newsline(s, host="thevalleyherald.example", site="The Valley Herald"):
    url = f"https://{host}/{s['date'][:4]}/{s['date'][5:7]}/{s['date'][8:10]}/{s['slug']}/"
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "@id": url + "#article", "headline": s["title"].replace("'", "&#8217;"), "datePublished": s["date"],
         "author": {"@id": f"https://{host}/#/schema/person/7"}, "publisher": {"@id": f"https://{host}/#organization"}},
        {"@type": "Person", "@id": f"https://{host}/#/schema/person/7", "name": s["authors"][0]},
        {"@type": "Organization", "@id": f"https://{host}/#organization", "name": site}]}
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>{e(s['title'])} - {site}</title>
<meta property="og:title" content="{e(s['title'])} - {site}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{s['date']}"><link rel="canonical" href="{url}">{jsonld(graph)}</head>
<body class="post-template-default single single-post has-sidebar"><div id="page" class="site"><header id="masthead" class="site-header"><div class="logo"><a href="/">{site}</a></div>{nav(host)}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">
<div class="entry-crumbs"><a href="/">Home</a> / <a href="/category/{s['section'].lower()}/">{s['section']}</a> / <span>{e(s['title'])}</span></div>
<article class="post type-post hentry"><header class="entry-header"><h1 class="entry-title">{e(s['title'])}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{s['date']}">{nice_date(s)}</time></span> <span class="byline">by <a href="/author/{slugify(s['authors'][0])}/">{e(s['authors'][0])}</a></span></div></header>
<div class="entry-content"><div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="?share=facebook">Facebook</a></li><li><a href="?share=x">X</a></li></ul></div>
{body_html(s['body'])}
</div><footer class="entry-footer"><span class="tags-links">Tags: <a href="/tag/news/" rel="tag">news</a></span></footer></article>
<div class="post-author-box"><h4>About {e(s['authors'][0])}</h4><p>{e(s['authors'][0])} has reported for {site} since 2015 and covers regional affairs.</p></div>
<div class="post-related"><div class="block-title"><span>Check Also</span></div>{link_list(host, OTHER_TITLES[:3], 'related-list')}<p>Officials said the plans would be presented to the public in the autumn &#8230;</p></div>
</main></div><aside class="widget-area"><section class="widget"><h2>Recent Posts</h2>{link_list(host, OTHER_TITLES[3:8])}</section></aside></div>{footer(site)}</div></body></html>"""


def t_wp_comments(s, host="northshorenews.example", site="North Shore News", charset="UTF-8", lang="en-GB"):
    url = f"https://{host}/{s['slug']}/"
    comments = "".join(f"""<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">{n}</b> <time datetime="{s['date']}">{nice_date(s)} at 9:1{i} am</time></footer><div class="comment-content"><p>{e(c)}</p></div><div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article></li>"""
        for i, (n, c) in enumerate(COMMENTS))
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{e(s['title'])} | {site}</title>
<meta property="og:title" content="{e(s['title'])}"><meta property="og:site_name" content="{site}"><meta property="og:type" content="article">
<meta property="article:published_time" content="{s['date']}"></head>
<body class="single"><div class="wrapper"><div id="header"><h2 class="site-title"><a href="/">{site}</a></h2>{nav(host)}</div>
<div id="main"><div class="post"><h1 class="entry-title">{e(s['title'])}</h1><div class="entry-meta">Posted on {nice_date(s)} <span class="byline">By <span class="author vcard"><a class="url fn n" href="/author/x/">{e(s['authors'][0])}</a></span></span></div>
<div class="entry-content">{body_html(s['body'])}</div></div>
<div id="comments" class="comments-area"><h2 class="comments-title">{len(COMMENTS)} thoughts on &ldquo;{e(s['title'])}&rdquo;</h2><ol class="comment-list">{comments}</ol>
<div id="respond"><h3>Leave a Reply</h3><form><p><textarea name="comment"></textarea></p><p><input type="submit" value="Post Comment"></p></form></div></div></div>
<div id="sidebar"><h3>Archives</h3>{link_list(host, OTHER_TITLES)}</div>{footer(site)}</div></body></html>"""


COMMENTS = [
    ("Gerald", "I have lived here for thirty years and I have never seen anything like this. The council should have acted much earlier, and everybody knew it, but nobody wanted to pay for it."),
    ("anna_k", "Thanks for the detailed report. Does anyone know whether the changes will also affect the weekend services, or only the weekday schedule? The article does not say."),
    ("Bob Turner", "Typical. They announce something with great fanfare and then nothing happens for years. I will believe it when I see it, and not a day before, frankly."),
    ("M. Schultz", "Actually the plan was discussed at the public meeting in the spring, and the minutes are online. People who complain now had every chance to give their opinion back then."),
    ("Ravi", "Good news overall, although I worry about the cost. In the end it is always the ordinary taxpayer who pays for these projects, one way or another."),
]


def t_drupal(s, host="riverside-gazette.example", site="Riverside Gazette", charset="UTF-8", lang="en"):
    d = s["date"]
    return f"""<!DOCTYPE html><html lang="{lang}" dir="ltr"><head><meta charset="{charset}"><title>{e(s['title'])} | {site}</title>
<meta name="dcterms.date" content="{d}"><link rel="canonical" href="https://{host}/node/{sum(map(ord, s["slug"])) * 7 + 10000}"></head>
<body class="path-node page-node-type-article"><a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><div class="layout-container"><header role="banner"><div class="region region-header"><a href="/" rel="home">{site}</a></div></header>
<div class="region region-primary-menu">{nav(host)}</div><div class="region region-breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content"><div class="region region-content">
<div id="block-site-page-title" class="block block-core block-page-title-block"><h1 class="page-title"><span class="field field--name-title">{e(s['title'])}</span></h1></div>
<article role="article" class="node node--type-article node--view-mode-full"><div class="node__meta"><span class="field field--name-uid"><span>{e(s['authors'][0])}</span></span> <span class="field field--name-created">{nice_date(s)}</span></div>
<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">{body_html(s['body'])}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">Tags</div><div class="field__items"><div class="field__item"><a href="/taxonomy/term/4">Local news</a></div><div class="field__item"><a href="/taxonomy/term/9">{s['section']}</a></div></div></div>
<section class="field field--name-comment"><h2>Add new comment</h2><form class="comment-form"><textarea></textarea></form></section></div></article>
</div></div></main><footer role="contentinfo"><div class="region region-footer"><p>{site} &middot; 12 Market Street</p>{link_list(host, OTHER_TITLES[:4], 'menu')}</div></footer></div></div></body></html>"""


def t_ghost(s, host="fieldnotes.example", site="Field Notes"):
    url = f"https://{host}/{s['slug']}/"
    ld = {"@context": "https://schema.org", "@type": "Article", "publisher": {"@type": "Organization", "name": site},
          "author": {"@type": "Person", "name": s["authors"][0], "url": f"https://{host}/author/{slugify(s['authors'][0])}/"},
          "headline": s["title"], "url": url, "datePublished": s["date"], "dateModified": s["date"],
          "image": {"@type": "ImageObject", "url": f"https://{host}/content/images/cover.jpg"}}
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])}</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="{site}"><meta property="og:type" content="article"><meta property="og:title" content="{e(s['title'])}">
<meta property="article:published_time" content="{s['date']}"><meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{e(s['title'])}">{jsonld(ld)}</head>
<body class="post-template"><div class="viewport"><header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><a class="gh-head-logo" href="https://{host}">{site}</a>{nav(host)}<div class="gh-head-actions"><a class="gh-head-button" href="#/portal/signup">Subscribe</a></div></div></header>
<div class="site-content"><main id="site-main" class="site-main"><article class="article post">
<header class="article-header gh-canvas"><div class="article-tag post-card-primary-tag"><a href="/tag/{s['section'].lower()}/">{s['section']}</a></div><h1 class="article-title">{e(s['title'])}</h1>
<div class="article-byline"><div class="article-byline-content"><h4 class="author-name"><a href="/author/x/">{e(s['authors'][0])}</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="{s['date'][:10]}">{nice_date(s)}</time><span class="byline-reading-time"><span class="bull">&bull;</span> 3 min read</span></div></div></div></header>
<section class="gh-content gh-canvas">{body_html(s['body'], img_base=f"https://{host}/content/images/")}
<div class="kg-card kg-signup-card"><h2 class="kg-signup-card-heading">Sign up for Field Notes</h2><p class="kg-signup-card-subheading">Stories from the places where things grow. Every Friday, in your inbox.</p><form class="kg-signup-card-form"><input type="email" placeholder="Your email"><button>Subscribe</button></form></div>
</section></article>
<section class="article-comments gh-canvas"><div id="ghost-comments-root"></div></section>
<aside class="read-more-wrap outer"><div class="read-more inner"><h3>Read more</h3>{''.join(f'<article class="post-card"><a class="post-card-image-link" href="/{slugify(t)}/"><h2 class="post-card-title">{e(t)}</h2></a><div class="post-card-excerpt">A short look at what changed and why it matters.</div></article>' for t in OTHER_TITLES[:3])}</div></aside>
</main></div><footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="https://{host}">{site}</a> &copy; 2024</section><nav class="site-footer-nav"><a href="/privacy/">Privacy</a></nav></div></footer></div></body></html>"""


def t_bignews(s, host="dailyledger.example", site="The Daily Ledger", lang="en-US", extra_site=None):
    url = f"https://www.{host}/{s['date'][:4]}/{s['date'][5:7]}/{s['date'][8:10]}/{s['section'].lower()}/{s['slug']}.html"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "mainEntityOfPage": {"@type": "WebPage", "@id": url},
          "headline": s["title"], "datePublished": s["date"], "dateModified": s["date"], "author": authors_ld(s),
          "publisher": {"@type": "NewsMediaOrganization", "name": site}, "image": [f"https://static.{host}/images/{s['slug']}-16x9.jpg"],
          "isAccessibleForFree": True}
    paras = s["body"]
    chunks = []
    for i, part in enumerate(paras):
        if part[0] == "p":
            chunks.append(f'<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1fanzo5"><p class="css-at9mc1 evys1bk0">{e(part[1])}</p></div></div>')
        else:
            chunks.append(f'<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1fanzo5">{body_html([part])}</div></div>')
        if i == 1:
            chunks.append('<div class="css-1c6u4ey ad-slot" data-testid="StandardAd"><div class="css-17xtcya"><p class="css-1nbtsm1">Advertisement</p></div><div id="mid1-wrapper"></div></div>')
        if i == 2:
            chunks.append(f'<div class="css-1kj7lfb"><p class="css-at9mc1 evys1bk0"><strong>Read more:</strong> <a href="https://www.{host}/2024/01/01/world/{slugify(OTHER_TITLES[0])}.html">{e(OTHER_TITLES[0])}</a></p></div>')
    byline = " and ".join(s["authors"])
    return f"""<!DOCTYPE html><html lang="{lang}" class="story nytapp-vi-article"><head><meta charset="utf-8"><title>{e(s['title'])} - {extra_site or site}</title>
<meta property="og:title" content="{e(s['title'])}"><meta property="og:site_name" content="{extra_site or site}"><meta property="og:image" content="https://static.{host}/images/{s['slug']}-16x9.jpg">
<meta name="byl" content="By {e(byline)}">{jsonld(ld)}</head>
<body><div id="app"><div class="css-1ebmqzs"><header class="css-ahe4g0 e1m0pzr40"><div class="css-10488qs"><a href="/">{extra_site or site}</a></div><nav class="css-1m2fhcq">{nav(host)}</nav></header>
<main id="site-content"><div class="css-1vxca1d"><article id="story" class="css-1ld2ldc">
<header class="css-1vkm6nb ehdk2mb0"><p class="css-1fgznk7"><a href="/section/{s['section'].lower()}">{s['section']}</a></p><h1 data-testid="headline" class="css-88wicj e1h9rw200">{e(s['title'])}</h1>
<div class="css-1vv5gyz"><p class="css-aknsld e1jsehar1">By <span class="css-1baulvz last-byline">{e(byline)}</span></p><time class="css-1sbuyqj" datetime="{s['date']}">{nice_date(s)}</time></div></header>
<section name="articleBody" class="meteredContent css-1r7ky0e">{''.join(chunks)}</section>
<div class="bottom-of-article"><div class="css-1jp38cm"><h2>More on this story</h2>{link_list(host, OTHER_TITLES[2:6])}</div></div>
</article></div></main><div class="css-trending"><h2>Most Popular</h2><ol>{''.join(f'<li><a href="/2024/{slugify(t)}.html">{e(t)}</a></li>' for t in OTHER_TITLES[4:8])}</ol></div>
<footer class="css-1u1y8gw">{footer(extra_site or site)}</footer></div></div></body></html>"""


def t_amp(s, host="coastlinepost.example", site="Coastline Post"):
    url = f"https://{host}/news/{s['slug']}/amp/"
    ld = {"@context": "http://schema.org", "@type": "NewsArticle", "headline": s["title"], "datePublished": s["date"],
          "author": {"@type": "Person", "name": s["authors"][0]}, "publisher": {"@type": "Organization", "name": site}, "mainEntityOfPage": url}
    return f"""<!doctype html><html amp lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} &#8211; {site}</title>
<link rel="canonical" href="https://{host}/news/{s['slug']}/"><meta name="viewport" content="width=device-width"><meta property="og:site_name" content="{site}">{jsonld(ld)}
<style amp-custom>body{{font-family:serif}}</style><script async src="https://cdn.ampproject.example/v0.js"></script></head>
<body class="amp-wp-single"><header id="top" class="amp-wp-header"><div><a href="https://{host}/">{site}</a><button class="amp-wp-toggle">Menu</button></div></header>
<amp-sidebar id="sidebar" layout="nodisplay">{nav(host)}</amp-sidebar>
<article class="amp-wp-article"><header class="amp-wp-article-header"><h1 class="amp-wp-title">{e(s['title'])}</h1><div class="amp-wp-meta amp-wp-byline"><span class="amp-wp-author author vcard">{e(s['authors'][0])}</span></div><div class="amp-wp-meta amp-wp-posted-on"><time datetime="{s['date']}">{nice_date(s)}</time></div></header>
<figure class="amp-wp-article-featured-image wp-caption"><amp-img width="1200" height="675" src="https://{host}/uploads/{s['slug']}.jpg" layout="responsive"></amp-img></figure>
<div class="amp-wp-article-content">{body_html(s['body']).replace('<img ', '<amp-img layout="responsive" ').replace('alt=""></figure', 'alt=""></amp-img></figure')}
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/amp"><div fallback>Advertisement</div></amp-ad></div>
<footer class="amp-wp-article-footer"><div class="amp-wp-meta amp-wp-tax-category">Categories: <a href="/category/news/" rel="category tag">News</a></div><div class="amp-wp-meta amp-wp-comments-link"><a href="https://{host}/news/{s['slug']}/#comments">Leave a Comment</a></div></footer></article>
<footer class="amp-wp-footer"><div><h2>{site}</h2><a href="#top" class="back-to-top">Back to top</a></div></footer></body></html>"""


def t_brief(s, host="metrowire.example", site="MetroWire"):
    brief = [p for p in s["body"] if p[0] == "p"][:2]
    latest = "".join(f'<div class="teaser"><h3><a href="/news/{slugify(t)}">{e(t)}</a></h3><p class="teaser-summary">The latest on this developing story, with reaction from officials and residents.</p></div>' for t in OTHER_TITLES)
    return f"""<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><title>{e(s['title'])} | {site}</title><meta property="og:site_name" content="{site}">
<meta name="author" content="{e(s['authors'][0])}"></head><body><div class="header">{nav(host)}</div>
<div class="page"><div class="main-col"><div class="story-brief"><h1>{e(s['title'])}</h1><p class="dateline"><time datetime="{s['date']}">{nice_date(s)}</time></p>
<div class="brief-text">{body_html(brief)}</div></div></div>
<div class="side-col"><h2>Latest news</h2>{latest}</div></div>{footer(site)}</body></html>""", brief


def t_liveblog(s, host="eveningstandard.example", site="Evening Courier"):
    entries = []
    parts = s["body"]
    for i, part in enumerate(reversed(parts)):
        hh = 9 + (len(parts) - i)
        entries.append(f'<div class="live-entry" id="entry-{i}"><div class="live-entry-meta"><time datetime="{s["date"][:11]}{hh:02d}:00:00Z">{hh:02d}:00</time><div class="share-entry"><a href="?share=x">Share</a></div></div><div class="live-entry-body">{body_html([part])}</div></div>')
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": s["title"], "datePublished": s["date"],
          "coverageStartTime": s["date"], "author": authors_ld(s), "publisher": {"@type": "Organization", "name": site}}
    key_events = "".join(f'<li><a href="#entry-{i}">Update at {9 + len(parts) - i:02d}:00</a></li>' for i in range(len(parts)))
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{e(s['title'])} &ndash; live updates | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{e(s['title'])} – live updates">{jsonld(ld)}</head><body><header class="site-header">{nav(host)}</header>
<main><div class="live-blog"><div class="live-header"><span class="live-badge">LIVE</span><h1>{e(s['title'])} &ndash; live updates</h1><p class="byline">By {e(' and '.join(s['authors']))}</p></div>
<div class="key-events"><h2>Key events</h2><ul>{key_events}</ul></div>
<div class="live-feed">{''.join(entries)}</div><div class="live-footer"><button>Load more updates</button></div></div></main>{footer(site)}</body></html>""", list(reversed(parts))


def t_readmore(s, host="thenewsdesk.example", site="The News Desk"):
    body = []
    for i, part in enumerate(s["body"]):
        body.append(body_html([part]))
        if i == 0:
            body.append(f'<div class="read-also"><span>Also read:</span> <a href="/{slugify(OTHER_TITLES[1])}/">{e(OTHER_TITLES[1])}</a></div>')
        if i == 2:
            body.append(f'<p><strong>READ MORE:</strong> <a href="/{slugify(OTHER_TITLES[2])}/">{e(OTHER_TITLES[2])}</a></p>')
            body.append(f'<aside class="inline-related"><h4>Related</h4><ul><li><a href="/{slugify(OTHER_TITLES[3])}/">{e(OTHER_TITLES[3])}</a></li><li><a href="/{slugify(OTHER_TITLES[4])}/">{e(OTHER_TITLES[4])}</a></li></ul></aside>')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} - {site}</title><meta property="og:site_name" content="{site}"><meta property="og:title" content="{e(s['title'])}">
<meta name="author" content="{e(', '.join(s['authors']))}"><meta property="article:published_time" content="{s['date']}"></head>
<body><div class="topbar"><a href="/subscribe/">Subscribe</a> <a href="/login/">Log in</a></div>{nav(host)}
<div class="container"><div class="article-wrap"><h1 class="headline">{e(s['title'])}</h1><div class="meta"><span class="author-name">{e(', '.join(s['authors']))}</span> | <span class="date">{nice_date(s)}</span></div>
<div class="article-text">{''.join(body)}</div>
<div class="newsletter-box"><h3>Get our morning briefing</h3><p>The day's most important stories, before breakfast.</p><form><input type="email"><button>Sign up</button></form></div>
<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing you accept our use of cookies.</p><button>Accept</button></div></div></div>{footer(site)}</body></html>"""


def t_blogger(s, host="notesfromthehill.blogspot.example", site="Notes from the Hill"):
    import datetime
    d = datetime.date.fromisoformat(s["date"][:10])
    header = d.strftime("%A, %B ") + str(d.day) + d.strftime(", %Y")
    return f"""<!DOCTYPE html><html class="v2" dir="ltr" xmlns="http://www.w3.org/1999/xhtml"><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type"/>
<title>{site}: {e(s['title'])}</title><meta content="{e(s['title'])}" property="og:title"/><meta content="https://{host}/{s['date'][:4]}/{s['date'][5:7]}/{s['slug']}.html" property="og:url"/></head>
<body><div class="outer-wrapper"><div class="header-outer"><div class="Header"><h1 class="title"><a href="https://{host}/">{site}</a></h1><p class="description">Small-town stories and long walks</p></div></div>
<div class="main-outer"><div class="date-outer"><h2 class="date-header"><span>{header}</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry">
<a name="123"></a><h3 class="post-title entry-title">{e(s['title'])}</h3><div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-123">{body_html(s['body'], br=True)}<div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn">{e(s['authors'][0])}</span></span> <span class="post-timestamp">at <a class="timestamp-link" href="#">10:22 AM</a></span> <span class="post-comment-link"><a href="#comments">3 comments</a></span></div>
<div class="post-share-buttons"><a href="#" class="share-button">Email This</a><a href="#" class="share-button">BlogThis!</a><a href="#" class="share-button">Share to X</a></div></div></div></div></div></div>
<div class="blog-pager" id="blog-pager"><a class="blog-pager-newer-link" href="#">Newer Post</a> <a class="blog-pager-older-link" href="#">Older Post</a> <a class="home-link" href="/">Home</a></div></div>
<div class="sidebar"><div class="widget BlogArchive"><h2>Blog Archive</h2>{link_list(host, OTHER_TITLES)}</div><div class="widget Profile"><h2>About Me</h2><p>I write about the hills, the people who live in them and the weather that rules us all.</p></div></div></div></body></html>"""


def t_substack(s, host="thelongread.example", site="The Long Read"):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "url": f"https://{host}/p/{s['slug']}", "headline": s["title"],
          "datePublished": s["date"], "author": [{"@type": "Person", "name": a, "url": f"https://{host}/@{slugify(a)}"} for a in s["authors"]],
          "publisher": {"@type": "Organization", "name": site}}
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(s['title'])} - by {e(s['authors'][0])}</title><meta property="og:title" content="{e(s['title'])}">
<meta name="author" content="{e(s['authors'][0])}">{jsonld(ld)}</head><body><div id="entry"><div class="main-menu">{nav(host)}<a class="button primary" href="/subscribe">Subscribe</a><a href="/signin">Sign in</a></div>
<div class="single-post-container"><article class="typography newsletter-post post"><div class="post-header"><h1 class="post-title">{e(s['title'])}</h1><h3 class="subtitle">Notes on the week</h3>
<div class="post-meta"><a href="/@x">{e(s['authors'][0])}</a><div class="pencraft">{nice_date(s)}</div></div><div class="post-ufi"><a class="like-button">12</a><a class="post-ufi-button">Share</a></div></div>
<div class="available-content"><div dir="auto" class="body markup">{body_html(s['body'])}
<div class="subscription-widget-wrap"><div class="subscription-widget"><p class="cta-caption">Thanks for reading {site}! Subscribe for free to receive new posts and support my work.</p><form><input type="email" placeholder="Type your email..."><input type="submit" value="Subscribe"></form></div></div></div></div>
<div class="post-footer"><a>12 Likes</a><a>Share</a></div></article><div class="comments-section"><h4>Discussion about this post</h4><p>No posts</p></div></div>
<div class="footer-wrap"><p>&copy; 2024 {e(s['authors'][0])}</p><a href="/privacy">Privacy</a> &middot; <a href="/tos">Terms</a></div></div></body></html>"""


def t_legacy_table(s, host="heraldtribune-archive.example", site="Herald Tribune", charset="windows-1252", lang=None):
    import datetime
    d = datetime.date.fromisoformat(s["date"][:10])
    dateline = d.strftime("%d %B %Y")
    html_lang = f' lang="{lang}"' if lang else ""
    return f"""<HTML{html_lang}><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={charset}"><TITLE>{site} - {e(s['title'])}</TITLE></HEAD>
<BODY BGCOLOR="#FFFFFF"><TABLE WIDTH="760" BORDER="0"><TR><TD COLSPAN="2"><A HREF="/"><IMG SRC="/img/logo.gif" ALT="{site}" BORDER="0"></A></TD></TR>
<TR><TD WIDTH="150" VALIGN="top" class="leftnav"><A HREF="/news/">News</A><BR><A HREF="/sport/">Sport</A><BR><A HREF="/business/">Business</A><BR><A HREF="/letters/">Letters</A><BR><A HREF="/archive/">Archive</A><BR><A HREF="/classifieds/">Classifieds</A></TD>
<TD VALIGN="top" class="text"><H1 class="headline">{e(s['title'])}</H1><FONT SIZE="2" COLOR="#666666">By {e(s['authors'][0])}<BR>Published: {dateline}</FONT><P>
<FONT FACE="Verdana" SIZE="2">{body_html(s['body'], br=True)}</FONT>
<P><FONT SIZE="1"><A HREF="javascript:window.print()">Print this story</A> | <A HREF="/email.asp">E-mail this story</A></FONT></P></TD></TR>
<TR><TD COLSPAN="2" ALIGN="center"><FONT SIZE="1">Copyright &copy; 2004-2024 {site}. All rights reserved.</FONT></TD></TR></TABLE></BODY></HTML>"""


def t_microdata(s, host="valleytimes.example", site="Valley Times"):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} :: {site}</title></head><body>
<div class="masthead"><a href="/">{site}</a>{nav(host)}</div>
<div class="wrap" itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="{s['date']}">
<h1 itemprop="headline">{e(s['title'])}</h1><div class="credits">Written by <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{e(s['authors'][0])}</span></span></div>
<div class="toolbar"><a href="#">Print</a> <a href="#">Email</a> <a href="#">Text size</a></div>
<div itemprop="articleBody">{body_html(s['body'])}</div>
<div class="more-news"><h3>More news</h3>{link_list(host, OTHER_TITLES[:5])}</div></div>
<div class="footer-links">{link_list(host, ['About us', 'Contact', 'Advertise', 'Jobs'])}</div></body></html>"""


def t_heavy_comments(s, host="citizensforum.example", site="Citizens' Forum"):
    many = COMMENTS * 4
    comments = "".join(f'<div class="comment" id="c{i}"><div class="comment-author"><a href="/user/{i}">{n}</a> wrote:</div><div class="comment-text"><p>{e(c)}</p><p>{e(many[(i + 1) % len(many)][1])}</p></div><div class="comment-actions"><a href="#">Reply</a> <a href="#">Report</a></div></div>' for i, (n, c) in enumerate(many))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])}</title><meta property="article:published_time" content="{s['date']}"></head>
<body><div id="top">{nav(host)}</div><div id="wrapper"><div class="article"><h1>{e(s['title'])}</h1><div class="info">by <a rel="author" href="/profile/{slugify(s['authors'][0])}">{e(s['authors'][0])}</a></div>
<div class="article-content">{body_html(s['body'])}</div></div>
<div class="discussion"><h2>{len(many)} comments</h2>{comments}<div class="pagination"><a href="?page=2">Next page</a></div></div></div>{footer(site)}</body></html>"""


TEMPLATES = [
    ("wp-newsline", t_wp_newsline), ("wp-comments", t_wp_comments), ("drupal", t_drupal), ("ghost", t_ghost),
    ("bignews", t_bignews), ("amp", t_amp), ("brief", t_brief), ("liveblog", t_liveblog), ("readmore", t_readmore),
    ("blogger", t_blogger), ("substack", t_substack), ("legacy-table", t_legacy_table), ("microdata", t_microdata),
    ("heavy-comments", t_heavy_comments),
]


def write(name, html, story, parts, encoding="utf-8"):
    with open(os.path.join(OUT, name + ".html"), "wb") as f:
        f.write(html.encode(encoding))
    expected = {"title": story["title"], "authors": story["authors"], "published": story["date"][:10],
                "language": story.get("lang", "en"), "template": name.rsplit("-", 1)[0], "text": expected_text(parts)}
    with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    count = 0
    for t_index, (tname, template) in enumerate(TEMPLATES):
        for k in range(3):
            story = STORIES[(t_index * 3 + k) % len(STORIES)]
            if tname not in ("bignews", "liveblog", "readmore", "substack"):
                story = dict(story, authors=story["authors"][:1])  # these layouts show one author
            result = template(story)
            html, parts = result if isinstance(result, tuple) else (result, story["body"])
            encoding = "cp1252" if tname == "legacy-table" else "utf-8"
            write(f"{tname}-{k + 1}", html, story, parts, encoding)
            count += 1
    de, fr, ru = FOREIGN
    write("foreign-de-1", t_bignews(de, host="nachrichten.example", site="Nachrichtenblatt", lang="de-DE"), de, de["body"])
    write("foreign-fr-1", t_wp_comments(fr, host="journal-du-nord.example", site="Journal du Nord", charset="ISO-8859-1", lang="fr-FR"), fr, fr["body"], "cp1252")
    write("foreign-ru-1", t_legacy_table(ru, host="gorod.example", site="Городские вести", charset="windows-1251", lang="ru"), ru, ru["body"], "cp1251")
    print(f"wrote {count + 3} pages to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
