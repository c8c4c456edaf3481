#!/usr/bin/env python3
"""Writes the second holdout batch (Tests/Fixtures/html/holdout, names starting with "b-"): layouts written
after the first holdout was used for fixes, and scored once before any further change (docs/EXTRACTION.md)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_corpus import e, body_html, nav, footer, link_list, OTHER_TITLES, jsonld  # noqa: E402
from make_holdout import page  # noqa: E402

S = {
    "bridge": dict(title="Old stone bridge reopens after restoration", authors=["Maria Lopez"], date="2024-09-02T10:00:00+00:00", body=[
        ("p", "The sixteenth-century stone bridge over the river Alba reopened to pedestrians on Monday after eighteen months of restoration work."),
        ("p", "Masons replaced more than 300 damaged blocks, using stone from the same quarry that supplied the original builders, and repaired the foundations of the central arch."),
        ("p", "The bridge had been closed in 2022 after inspectors found cracks caused by heavy lorries that used it as a shortcut for decades. Vehicles will no longer be allowed to cross."),
        ("p", "A small exhibition about the restoration will open in the town hall next month."),
    ]),
    "qa": dict(title="Interview: the beekeeper who counts every hive", authors=["Hugo Brandt"], date="2024-07-19T08:00:00+00:00", body=[
        ("p", "Elsa Moreau has kept bees for forty years and now coordinates the region's annual hive count. We asked her how the bees are doing."),
        ("p", "Q: How many hives did you count this year?"),
        ("p", "A: A little over 12,000, which is about five percent more than last year. The mild spring helped a great deal."),
        ("p", "Q: What worries you most?"),
        ("p", "A: The varroa mite, still. And the loss of meadows. Bees need flowers from March to October, and in many places there are gaps of several weeks."),
    ]),
    "stats": dict(title="Tourist numbers return to pre-pandemic levels", authors=["Ines Costa"], date="2024-01-25T12:00:00+00:00", body=[
        ("p", "Hotels in the region recorded 4.1 million overnight stays last year, slightly more than in 2019, according to the statistics office."),
        ("table", [["Year", "Overnight stays"], ["2019", "4.0 million"], ["2022", "3.4 million"], ["2023", "4.1 million"]]),
        ("p", "Visitors from neighbouring countries accounted for most of the growth, while the number of long-haul travellers remained below its earlier peak."),
        ("figure", "harbour-crowds.jpg", "Visitors on the harbour promenade in August."),
        ("p", "Tourism officials expect a further increase this year, helped by new direct flights."),
    ]),
    "es": dict(title="El ayuntamiento amplía el horario de las bibliotecas", authors=["Lucía Fernández"], date="2024-03-12T09:30:00+01:00", lang="es", body=[
        ("p", "El ayuntamiento anunció el martes que las bibliotecas municipales abrirán también los domingos por la mañana a partir de abril, una petición que los vecinos repetían desde hace años."),
        ("p", "La medida costará unos 300.000 euros al año y permitirá contratar a doce nuevos trabajadores, según la concejala de Cultura."),
        ("p", "Las salas de estudio, que se llenan en época de exámenes, abrirán hasta medianoche durante los meses de mayo y junio."),
    ]),
    "main": dict(title="Council delays decision on new stadium", authors=["Owen Price"], date="2024-10-08T19:00:00+00:00", body=[
        ("p", "The city council postponed a vote on the proposed football stadium on Tuesday after more than 2,000 residents signed a petition asking for a new traffic study."),
        ("p", "The club wants to build a 25,000-seat ground on the site of a former gasworks, arguing that its current stadium is too small and too old to repair."),
        ("p", "Opponents say the plan would bring thousands of cars into narrow streets on match days. The council will now commission an independent study, which is expected to take six months."),
    ]),
    "short": dict(title="Road closed after landslide near Hillcrest", authors=["Staff reporter"], date="2024-11-02T07:10:00+00:00", body=[
        ("p", "The road between Hillcrest and Northgate is closed after a landslide early on Saturday. Nobody was hurt. Engineers will inspect the slope on Monday, and drivers are advised to use the valley road."),
    ]),
}


def interleaved_cards(s):
    parts = []
    for i, p in enumerate(s["body"]):
        parts.append(body_html([p]))
        if i in (0, 2):
            t = OTHER_TITLES[i]
            parts.append(f'<div class="inline-card"><a href="/news/{i}"><img src="/img/{i}.jpg" alt=""><span class="inline-card__title">{e(t)}</span></a><p class="inline-card__summary">The council says the work will take longer than first planned, and residents want answers.</p></div>')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} | Alba Today</title><meta property="og:site_name" content="Alba Today">
<meta property="article:published_time" content="{s['date']}"><meta name="author" content="{e(s['authors'][0])}"></head><body>{nav('albatoday.example')}
<div class="layout"><div class="story-wrap"><h1>{e(s['title'])}</h1><div class="story-text">{''.join(parts)}</div>
<div class="prev-next"><a class="prev" href="/news/p">Previous: Heavy snow expected in the mountains this weekend, say forecasters</a><a class="next" href="/news/n">Next: University announces record number of applicants for the new year</a></div></div></div>{footer('Alba Today')}</body></html>"""


def qa_page(s):
    body = "".join(f'<p><strong>{e(p[1][:2])}</strong>{e(p[1][2:])}</p>' if p[1][:2] in ("Q:", "A:") else f"<p>{e(p[1])}</p>" for p in s["body"])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])}</title>
{jsonld({"@context": "https://schema.org", "@type": "Article", "headline": s["title"], "datePublished": s["date"], "author": {"@type": "Person", "name": s["authors"][0]}})}</head>
<body>{nav('countryside.example')}<article><h1>{e(s['title'])}</h1><div class="interview">{body}</div>
<p class="tagline"><em>This interview has been edited for length and clarity.</em></p></article>
<div class="signup"><p>Get countryside news every week.</p></div>{footer('Countryside Weekly')}</body></html>"""


def stats_page(s):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} - Coast Business Journal</title><meta property="og:site_name" content="Coast Business Journal">
<meta property="og:title" content="{e(s['title'])}"><meta property="article:published_time" content="{s['date']}"></head>
<body>{nav('coastbiz.example')}<div id="container"><div id="content"><h1>{e(s['title'])}</h1><p class="by">By <a href="/staff/ines">{e(s['authors'][0])}</a></p>
{body_html(s['body'])}
<div class="gallery"><h3>Gallery</h3><a href="/g/1"><img src="/g/1.jpg"></a><a href="/g/2"><img src="/g/2.jpg"></a></div></div>
<div id="sidebar"><h3>Markets</h3><table><tr><td>Index</td><td>+0.4%</td></tr><tr><td>Oil</td><td>-1.2%</td></tr></table></div></div>{footer('Coast Business Journal')}</body></html>"""


def spanish_page(s):
    return f"""<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{e(s['title'])} | Diario del Sur</title><meta property="og:site_name" content="Diario del Sur">
<meta property="og:title" content="{e(s['title'])}"><meta property="article:published_time" content="{s['date']}"><meta name="author" content="{e(s['authors'][0])}"></head>
<body><div class="cabecera"><a href="/">Diario del Sur</a>{nav('diariodelsur.example')}</div><div class="contenedor"><div class="columna-principal">
<h1 class="titular">{e(s['title'])}</h1><div class="firma">{e(s['authors'][0])} · 12/03/2024</div><div class="cuerpo-noticia">{body_html(s['body'])}</div></div>
<div class="columna-lateral"><h3>Lo más leído</h3><ol><li><a href="/1">El tiempo: lluvias intensas en toda la provincia este fin de semana</a></li><li><a href="/2">Abre el nuevo mercado de abastos tras dos años de obras</a></li><li><a href="/3">El equipo local asciende de categoría por primera vez</a></li></ol></div></div>
<div class="pie"><p>Diario del Sur. Todos los derechos reservados.</p></div></body></html>"""


def main_no_article(s):
    comments = "".join(f'<li class="c-item"><div class="c-name">{n}</div><div class="c-text">{e(t)}</div></li>' for n, t in [
        ("Reader1", "We have been waiting for a decision for years. Another six months is a joke, and the club will simply move somewhere else if this goes on."),
        ("localmum", "Good. The streets around the gasworks are already full on weekdays, and nobody has explained where twenty thousand fans would park."),
        ("T. Wells", "A traffic study is a sensible idea. It should also look at buses and the old railway line, which could be reopened for match days.")])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} - City Voice</title><meta property="og:site_name" content="City Voice">
{jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": s["title"], "datePublished": s["date"], "author": [{"@type": "Person", "name": s["authors"][0]}]})}</head>
<body>{nav('cityvoice.example')}<main><h1>{e(s['title'])}</h1>{body_html(s['body'])}
<h2>Reader comments (3)</h2><ul class="c-list">{comments}</ul></main>{footer('City Voice')}</body></html>"""


def short_brief_long_sidebar(s):
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s['title'])} | Hillcrest Herald</title><meta property="og:site_name" content="Hillcrest Herald">
<meta property="article:published_time" content="{s['date']}"><meta name="author" content="{e(s['authors'][0])}"></head>
<body>{nav('hillcrest.example')}<div class="wrap"><div class="col-main"><h1>{e(s['title'])}</h1>{body_html(s['body'])}</div>
<div class="col-side"><div class="box"><h3>About the Herald</h3><p>The Hillcrest Herald has covered the towns and villages of the northern hills since 1887. Our reporters live in the communities they write about, and we are owned by a charitable trust that keeps us independent.</p><p>We publish every day online and every Thursday in print, with a special edition during the summer festival.</p></div></div></div>{footer('Hillcrest Herald')}</body></html>"""


def main():
    page("b-interleaved-cards", interleaved_cards(S["bridge"]), S["bridge"])
    page("b-interview", qa_page(S["qa"]), S["qa"])
    page("b-table-figure", stats_page(S["stats"]), S["stats"])
    page("b-spanish", spanish_page(S["es"]), S["es"])
    page("b-main-comments", main_no_article(S["main"]), S["main"])
    page("b-short-brief", short_brief_long_sidebar(S["short"]), S["short"])
    print("wrote second holdout batch")


if __name__ == "__main__":
    main()
