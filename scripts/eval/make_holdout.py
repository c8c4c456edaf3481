#!/usr/bin/env python3
"""Writes the holdout corpus (Tests/Fixtures/html/holdout): layouts and stories written after the extractor's
heuristics were tuned on the main corpus, to measure how they carry over. Same file format as make_corpus.py."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_corpus import e, expected_text, body_html, nav, footer, link_list, OTHER_TITLES, jsonld  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "html", "holdout")

S = {
    "ferry": dict(title="Ferry operator adds night crossings for summer", authors=["Nadia Haddad"], date="2024-05-03T07:30:00+00:00", body=[
        ("p", "The island ferry operator will run crossings every night from mid-June to the end of August, the first time in a decade that boats will sail after midnight."),
        ("p", "The company said demand from seasonal workers and late-arriving tourists had grown steadily, and that a second crew had been hired to cover the new timetable."),
        ("p", "Residents of the island welcomed the change but asked for quieter engines, since the harbour lies close to several streets of houses."),
        ("p", "Tickets for the night crossings will cost the same as daytime fares."),
    ]),
    "bakery": dict(title="Family bakery celebrates a hundred years on the same corner", authors=["Tom Ashby"], date="2023-10-21T09:00:00+01:00", body=[
        ("p", "For a hundred years, the smell of bread has drifted out of the small shop on the corner of Mill Street before dawn."),
        ("p", "The bakery was opened in 1923 by a miller's son who had learned the trade in the city. His great-granddaughter now runs it with her husband, using a starter dough that the family says has been kept alive since the 1950s."),
        ("h2", "A loyal queue"),
        ("p", "On Saturday, customers queued around the block for a free slice of the anniversary cake, a dense fruit loaf made to a recipe found in a notebook in the attic."),
        ("p", "The owners say they have no plans to expand. One shop, one oven and a good night's sleep on Sundays is enough, they said."),
    ]),
    "wildfire": dict(title="Firefighters contain wildfire after four days", authors=["Carlos Mendes", "Julia Fraser"], date="2024-08-14T18:20:00+00:00", body=[
        ("p", "Firefighters said on Wednesday they had contained a wildfire that burned through about 3,000 hectares of pine forest and scrubland in the hills east of the city."),
        ("p", "More than 400 firefighters, backed by eight water-bombing planes, had battled the flames since Saturday, when strong winds pushed the fire towards several villages."),
        ("p", "About 1,200 residents were evacuated as a precaution. Most were allowed to return home on Tuesday evening, although roads in the worst-hit area remain closed."),
        ("quote", "The wind changed direction twice in one afternoon, which is the worst thing that can happen to a fire line."),
        ("p", "Investigators are examining whether the fire was started by a spark from farm machinery."),
    ]),
    "chess": dict(title="Teenager wins national chess championship", authors=["Amir Sadeghi"], date="2024-02-25T16:00:00+00:00", body=[
        ("p", "A 16-year-old student from the coastal town of Westhaven won the national chess championship on Sunday, becoming the youngest champion in the tournament's history."),
        ("p", "She drew her final game against the defending champion in 41 moves, which was enough to finish half a point ahead of the field."),
        ("p", "She learned the game from her grandfather at the age of six and now trains online with a coach several hours a week, alongside her school work."),
    ]),
    "water": dict(title="Water company to replace lead pipes in older homes", authors=["Rebecca Stone"], date="2024-06-04T11:00:00+00:00", body=[
        ("p", "The regional water company will replace the remaining lead service pipes in about 9,000 older homes over the next five years, it said on Tuesday."),
        ("p", "Lead pipes were banned in new buildings decades ago, but many houses built before the war are still connected to the mains through them."),
        ("ul", ["Homes will be contacted by letter before work starts", "Replacement of the public section is free", "Owners can apply for a grant for the private section"]),
        ("p", "Tests have found lead levels above the legal limit in a small number of homes, the company said, and those will be replaced first."),
    ]),
    "jp": dict(title="市内の図書館、夜間開館を試験実施", authors=["山田 花子"], date="2024-04-10T09:00:00+09:00", lang="ja", body=[
        ("p", "市立中央図書館は、来月から毎週金曜日に午後九時まで開館時間を延長する試験を始めると発表した。仕事帰りの利用者の要望に応えるためだという。"),
        ("p", "延長時間中は、閲覧室と貸し出しカウンターのみ利用でき、学習室は通常どおり午後六時で閉まる。職員は交代制で対応する。"),
        ("p", "図書館は三か月間の利用状況を調べたうえで、本格的な実施を検討する方針だ。"),
    ]),
    "tram": dict(title="New trams enter service on the harbour line", authors=["Leo Martins"], date="2023-12-11T06:45:00+00:00", body=[
        ("p", "The first of twelve new low-floor trams carried passengers on the harbour line on Monday morning."),
        ("p", "The trams are longer than the vehicles they replace and can carry about 250 people, with space for wheelchairs, prams and bicycles."),
        ("p", "All twelve should be in service by the spring."),
        ("p", "The old trams will be sold to a city abroad."),
    ]),
    "listicle": dict(title="Five walks to try before the autumn ends", authors=["Grace Whitfield"], date="2023-10-05T08:00:00+00:00", body=[
        ("p", "The leaves are turning and the paths are dry. Here are five walks within an hour of the city that are at their best this month."),
        ("h2", "1. The beech ridge"),
        ("p", "A gentle three-hour loop through old beech woods with views over the valley from the top of the ridge."),
        ("h2", "2. The canal towpath"),
        ("p", "Flat and easy, following the old canal past locks, lock-keepers' cottages and a café at the halfway point."),
        ("h2", "3. The reservoir circuit"),
        ("p", "A wide gravel path around the water, popular with families and birdwatchers, especially at dusk."),
    ]),
}


def page(name, html, story, parts=None):
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, name + ".html"), "w", encoding="utf-8").write(html)
    expected = {"title": story["title"], "authors": story["authors"], "published": story["date"][:10],
                "language": story.get("lang", "en"), "template": name, "text": expected_text(parts or story["body"])}
    json.dump(expected, open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)


def grid_site(s):
    # Bootstrap grid, no semantic names at all; ads between paragraphs; h1 outside the text column.
    paras = []
    for i, part in enumerate(s["body"]):
        paras.append(body_html([part]))
        if i == 1:
            paras.append('<div class="col-12 text-center my-3"><div id="div-gpt-ad-1" class="adunit"></div><small>Advertisement</small></div>')
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])}</title><meta name="author" content="{e(s['authors'][0])}">
<meta name="date" content="{s['date']}"></head><body><div class="container"><div class="row">{nav('islandpost.example')}</div>
<div class="row"><div class="col-md-12"><h1 class="display-4">{e(s['title'])}</h1><p class="text-muted small">{e(s['authors'][0])} &middot; 3 May 2024</p></div></div>
<div class="row"><div class="col-md-8">{''.join(paras)}</div><div class="col-md-4"><h4>Popular</h4>{link_list('islandpost.example', OTHER_TITLES[:6], 'list-unstyled')}
<div class="card"><div class="card-body"><p>The Island Post is the only daily newspaper on the island, published every morning except Sunday since 1921.</p></div></div></div></div>
<div class="row"><div class="col">{footer('The Island Post')}</div></div></div></body></html>"""


def feature_page(s):
    # Long-form layout: pull quote aside repeats a sentence, figure with credit, "responses" section with long replies.
    parts = s["body"]
    body = body_html(parts[:2]) + '<aside class="pullquote"><p>&ldquo;Bread was the first thing we sold and it will be the last.&rdquo;</p></aside>' + body_html(parts[2:])
    responses = "".join(f'<div class="response"><h5>{n}</h5><p>{e(t)}</p></div>' for n, t in [
        ("June P.", "My grandmother bought her bread there every single day of her adult life, and I still remember the queue before Christmas, which went all the way down to the river and around the church."),
        ("K. Doyle", "Wonderful story. It is rare these days to see a family business survive this long without being bought up by one of the big chains, and the fruit loaf really is the best in the county."),
        ("Sam", "Does anyone know if they still make the rye bread with caraway seeds? It disappeared from the shelves for a while last year and I have not been able to find it since.")])
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{e(s['title'])} | Mill Town Chronicle</title><meta property="og:site_name" content="Mill Town Chronicle">
<meta property="og:title" content="{e(s['title'])}"><meta property="article:published_time" content="{s['date']}"><meta property="article:author" content="https://facebook.example/tom.ashby"></head>
<body><div class="page"><div class="top">{nav('milltown.example')}</div><div class="feature"><div class="feature-hero"><h1>{e(s['title'])}</h1><div class="feature-byline">Words by {e(s['authors'][0])}</div></div>
<div class="feature-body">{body}</div>
<section class="responses"><h3>Reader responses</h3>{responses}</section></div>{footer('Mill Town Chronicle')}</div></body></html>"""


def press_release(s):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Press release: {e(s['title'])} - Fire and Rescue Service</title>
<meta name="DC.date.issued" content="{s['date'][:10]}"><meta name="DC.creator" content="{e(' and '.join(s['authors']))}"></head>
<body><div id="skip"><a href="#content">Skip to content</a></div><div id="govbar">An official website of the regional government</div>{nav('fire.gov.example')}
<div id="content" class="govuk-width-container"><main class="govuk-main-wrapper"><span class="govuk-caption-l">Press release</span><h1 class="govuk-heading-xl">{e(s['title'])}</h1>
<div class="gem-c-metadata"><dl><dt>From:</dt><dd><a href="/org/fire">Fire and Rescue Service</a></dd><dt>Published</dt><dd>14 August 2024</dd></dl></div>
<div class="govspeak">{body_html(s['body'])}</div>
<div class="contact-info"><h2>Media enquiries</h2><p>Press office: 0100 555 0199 (24 hours)</p></div>
<div class="gem-c-print-link"><button>Print this page</button></div><div class="app-c-published-dates">Published 14 August 2024</div></main></div>
<footer class="govuk-footer"><ul><li><a href="/help">Help</a></li><li><a href="/cookies">Cookies</a></li><li><a href="/accessibility">Accessibility statement</a></li></ul><p>&copy; Crown copyright</p></footer></body></html>"""


def short_paras_tabloid(s):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} | The Daily Dash</title><meta property="og:site_name" content="The Daily Dash">
{jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": s["title"], "datePublished": s["date"], "author": {"@type": "Person", "name": s["authors"][0]}})}</head>
<body>{nav('dailydash.example')}<div class="article-container"><h1 class="article-headline">{e(s['title'])}</h1>
<div class="article-content">{''.join(f'<p class="article-paragraph">{e(p[1])}</p>' for p in s['body'])}
<ul class="related-inline"><li><a href="/news/a-1">Chess club membership doubles</a></li><li><a href="/news/a-2">School tournament draws record entries</a></li></ul></div>
<div class="article-tags"><a href="/tags/chess">Chess</a> <a href="/tags/youth">Youth</a></div></div>
<div class="outbrain-widget"><h3>Around the web</h3><div><a href="https://ads.example/1">You won't believe what this gadget does</a></div><div><a href="https://ads.example/2">Doctors hate this simple trick</a></div></div>{footer('The Daily Dash')}</body></html>"""


def medium_like(s):
    paras = "".join(
        f'<h3 class="graf graf--h3">{e(p[1])}</h3>' if p[0] == "h2" else
        ('<ul class="postList">' + "".join(f'<li class="graf graf--li">{e(i)}</li>' for i in p[1]) + '</ul>' if p[0] == "ul" else f'<p class="graf graf--p">{e(p[1])}</p>')
        for p in s["body"])
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(s['title'])} | by {e(s['authors'][0])} | Waterworks</title>
<meta name="author" content="{e(s['authors'][0])}"><meta property="article:published_time" content="{s['date']}"><meta property="og:title" content="{e(s['title'])}"></head>
<body><div class="metabar"><a href="/">Waterworks</a><a href="/m/signin">Sign in</a><a href="/m/signup">Get started</a></div>
<article class="postArticle"><div class="postArticle-content"><section class="section section--body"><div class="section-inner sectionLayout--insetColumn">
<h1 class="graf graf--h3 graf--title">{e(s['title'])}</h1><div class="postMetaInline"><a href="/@rs">{e(s['authors'][0])}</a> <span>4 min read</span></div>
{paras}</div></section></div>
<footer class="postArticle-footer"><div class="js-postActionsFooter"><button>Clap</button><button>Respond</button></div><div class="u-paddingTop10"><p>Written by {e(s['authors'][0])}. Follow to get her stories in your feed.</p></div></footer></article></body></html>"""


def japanese_news(s):
    return f"""<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>{e(s['title'])}｜まちニュース</title><meta property="og:site_name" content="まちニュース">
<meta property="og:title" content="{e(s['title'])}"><meta property="article:published_time" content="{s['date']}"><meta name="author" content="{e(s['authors'][0])}"></head>
<body><header><a href="/">まちニュース</a><nav><a href="/national/">社会</a> <a href="/economy/">経済</a> <a href="/sports/">スポーツ</a></nav></header>
<main><article class="news-article"><h1>{e(s['title'])}</h1><p class="article-date">2024年4月10日 9時00分</p>
<div class="article-body">{body_html(s['body'])}</div><div class="article-share"><a href="#">共有</a><a href="#">印刷</a></div></article>
<section class="ranking"><h2>アクセスランキング</h2><ol><li><a href="/n/1">市長が記者会見、新年度の重点政策を説明</a></li><li><a href="/n/2">県内の桜、各地で見ごろ迎える</a></li><li><a href="/n/3">高校野球の県大会、組み合わせ決まる</a></li></ol></section></main>
<footer><p>Copyright まちニュース All rights reserved.</p></footer></body></html>"""


def div_br_blog(s):
    text = "<br><br>".join(e(p[1]) for p in s["body"])
    return f"""<html><head><title>Tram diary: {e(s['title'])}</title><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><table width="100%"><tr><td valign="top" width="200"><div class="menu"><a href="/">Home</a><br><a href="/archive">Archive</a><br><a href="/links">Links</a></div>
<div class="about"><b>About this site</b><br>Notes on trams, timetables and the people who ride them, kept since 2006 by a retired signalman who still cannot stay away from the depot on Sunday mornings.</div></td>
<td valign="top"><div class="posttitle">{e(s['title'])}</div><div class="postdate">11 December 2023</div><div class="postauthor">By {e(s['authors'][0])}</div>
<div class="posttext">{text}</div><div class="postfooter"><a href="/comments/88">Comments (2)</a> | <a href="/permalink/88">Permalink</a></div></td></tr></table></body></html>"""


def listicle(s):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} - Outdoors - Weekend Magazine</title><meta property="og:site_name" content="Weekend Magazine">
{jsonld({"@context": "https://schema.org", "@type": "Article", "headline": s["title"], "datePublished": s["date"], "author": [{"@type": "Person", "name": s["authors"][0]}], "publisher": {"@type": "Organization", "name": "Weekend Magazine"}})}</head>
<body>{nav('weekendmag.example')}<main><div class="article"><div class="article__header"><h1 class="article__title">{e(s['title'])}</h1><div class="article__byline">By {e(s['authors'][0])}</div></div>
<div class="article__body">{body_html(s['body'])}<div class="article__newsletter"><p>Love the outdoors? Get our weekly walks newsletter.</p><a class="btn" href="/newsletters">Sign up</a></div></div>
<div class="article__more"><h2>You might also like</h2>{link_list('weekendmag.example', OTHER_TITLES[:4])}</div></div></main>{footer('Weekend Magazine')}</body></html>"""


def embed_page(s):
    parts = s["body"]
    body = body_html(parts[:1]) + '<div class="video-embed"><iframe src="https://video.example/embed/abc" width="640" height="360"></iframe><p class="video-caption">Video: the water company explains the work</p></div>' + body_html(parts[1:])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} - Valley Online</title><meta property="og:site_name" content="Valley Online">
<meta name="parsely-pub-date" content="{s['date']}"><meta name="parsely-author" content="{e(s['authors'][0])}"></head>
<body>{nav('valleyonline.example')}<div id="article"><h1>{e(s['title'])}</h1><div class="story">{body}</div><div class="story-footer"><p>Have a story? Contact our newsroom.</p></div></div>{footer('Valley Online')}</body></html>"""


def main():
    page("grid-ads", grid_site(S["ferry"]), S["ferry"])
    page("feature-responses", feature_page(S["bakery"]), S["bakery"])
    page("press-release", press_release(S["wildfire"]), S["wildfire"])
    page("tabloid-related", short_paras_tabloid(S["chess"]), S["chess"])
    page("medium-like", medium_like(S["water"]), S["water"])
    page("japanese-news", japanese_news(S["jp"]), S["jp"])
    page("div-br-blog", div_br_blog(S["tram"]), S["tram"])
    page("listicle", listicle(S["listicle"]), S["listicle"])
    page("video-embed", embed_page(S["water"]), dict(S["water"], authors=S["water"]["authors"]))
    print("wrote holdout pages to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
