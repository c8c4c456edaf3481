"""Generates the realistic near-duplicate benchmark stream for `scripts/bench dedupe` (docs/DEDUPE.md §7).

Reads real article texts at run time (never stored in the repository) and writes one JSON object per line:
{"id", "source", "text", "role", "edit", "story", "related"}:
- role "original": the expected text of a Readability test page (at least 5 paragraphs and 150 words);
- role "copy": an original republished by another source with one kind of edit (`edit`, table below);
- role "background": an unrelated real page (trafilatura's evaluation set), only there to fill the index;
- role "negative": a hard negative (`edit` says which kind), never a near-duplicate of anything.
`story` groups an original with its copies; every other item has a story of its own. `related` names the
item a copy or negative was made from (for a report: the first report of its template), for the similarity
distributions.

Edit kinds, each applied to every original `--rounds` times with its own random draws (so in equal proportions):
  words1-2    1 or 2 words substituted, inserted or deleted (the kind the synthetic benchmark has)
  dateline    "CITY (Agency) —" put before the first paragraph
  credit      a credit or copyright line appended
  local       a paragraph from an unrelated text appended (the outlet's local angle)
  copyedit3   about 3% of the words copy-edited (spelling variants, "said" → "says", "more than" → "over", ...)
  trim80      the first 80% of the paragraphs (rounded up)
  trim60      the first 60%
  combined    dateline, trimmed to 75%, 2% copy edits and a credit line
Hard negatives, per original:
  followup    another story (a background-pool text) with two consecutive paragraphs of the original inside
  sameevent   another story about the same event: another text with the original's names and figures put in
              and one of its sentences quoted
and `--reports` templated daily reports (our own templates below) with other numbers, each from its own source.

Usage: make_dedupe_pairs.py CORPORA OUT.jsonl [--rounds N] [--reports N] [--seed N]
"""

import gzip
import html.parser
import json
import os
import random
import re
import sys

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "dd", "figcaption"}
WORD = re.compile(r"\w+", re.UNICODE)


class Paragraphs(html.parser.HTMLParser):
    """Text of the block elements of a page, one string per block (nested blocks join their parent)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.current = []
        self.paragraphs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self.skip += 1
        elif tag in BLOCKS:
            if self.depth == 0:
                self.current = []
            self.depth += 1
        elif tag == "br" and self.depth:
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS and self.depth:
            self.depth -= 1
            if self.depth == 0:
                text = " ".join("".join(self.current).split())
                if text:
                    self.paragraphs.append(text)

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)


def paragraphs_of(markup):
    parser = Paragraphs()
    parser.feed(markup)
    parser.close()
    return parser.paragraphs


def words(text):
    return WORD.findall(text)


def readability_texts(root):
    folder = os.path.join(root, "extract", "readability")
    texts = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name, "expected.html")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            paragraphs = [p for p in paragraphs_of(handle.read()) if words(p)]
        if len(paragraphs) >= 5 and sum(len(words(p)) for p in paragraphs) >= 150:
            texts.append((name, paragraphs))
    return texts


def trafilatura_texts(root):
    """Paragraphs of at least 12 words of each page: the article and some boilerplate, like a rough extractor."""
    folder = os.path.join(root, "extract", "trafilatura", "eval")
    texts = []
    for name in sorted(os.listdir(folder)):
        try:
            with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8", errors="replace") as handle:
                paragraphs = [p for p in paragraphs_of(handle.read()) if len(words(p)) >= 12]
        except Exception:
            continue
        if len(paragraphs) >= 5 and sum(len(words(p)) for p in paragraphs) >= 150:
            texts.append((name, paragraphs))
    return texts


# Our own material for the edits.
DATELINES = [
    "WASHINGTON (AP) —", "LONDON (Reuters) -", "PARIS (AFP) —", "BERLIN, March 3 (Reuters) -", "NEW YORK (AP) —",
    "TOKYO (Kyodo) —", "NAIROBI, Kenya (AP) —", "SYDNEY (AAP) —", "BRUSSELS (dpa) —", "CHICAGO (AP) —",
    "MADRID, Spain —", "OTTAWA (CP) —",
]
CREDITS = [
    "Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "Reporting by Anna Lind; additional reporting by Tom Berger; editing by Sara Moss.",
    "© 2026 Agence France-Presse",
    "This story was originally published by the Northfield Herald and is republished here with permission.",
    "Associated Press writer Daniel Ortiz contributed to this report.",
    "Distributed by Tribune Content Agency, LLC.",
    "Follow our coverage of this story at our website and sign up for the morning newsletter.",
]
COPY_EDITS = {
    "said": "says", "says": "said", "told": "said", "percent": "per cent", "toward": "towards", "towards": "toward",
    "however": "but", "although": "though", "because": "as", "which": "that", "while": "whilst", "among": "amongst",
    "approximately": "about", "about": "around", "around": "about", "nearly": "almost", "almost": "nearly",
    "began": "started", "start": "begin", "big": "large", "large": "big", "help": "assist", "show": "indicate",
    "color": "colour", "colour": "color", "center": "centre", "centre": "center", "organization": "organisation",
    "program": "programme", "defense": "defence", "labor": "labour", "favor": "favour", "also": "as well",
    "people": "residents", "government": "administration", "announced": "said", "reported": "said",
    "Monday": "on Monday", "can": "could", "will": "would", "must": "should", "very": "", "really": "", "that": "",
    "just": "", "the": "", "and": "as well as", "but": "yet",
}
PHRASE_EDITS = [("more than", "over"), ("in order to", "to"), ("as well as", "and"), ("a number of", "several"),
                ("at least", "no fewer than"), ("according to", "said")]


def copy_edit(paragraphs, rate, rng):
    """Copy-edits about `rate` of the words: phrase and word substitutions, dropped fillers, spelling changes."""
    out = []
    for paragraph in paragraphs:
        for old, new in PHRASE_EDITS:
            if old in paragraph and rng.random() < rate * 10:
                paragraph = paragraph.replace(old, new, 1)
        tokens = paragraph.split(" ")
        for index, token in enumerate(tokens):
            if rng.random() >= rate:
                continue
            core = token.strip(".,;:!?\"'()")
            if core in COPY_EDITS:
                tokens[index] = token.replace(core, COPY_EDITS[core], 1)
            elif core.lower() in COPY_EDITS:
                tokens[index] = token.replace(core, COPY_EDITS[core.lower()], 1)
            elif len(core) > 4 and core.isalpha():
                # A spelling change: -ize/-ise, a doubled or dropped letter.
                if core.endswith("ize"):
                    tokens[index] = token.replace(core, core[:-3] + "ise")
                elif core.endswith("ise"):
                    tokens[index] = token.replace(core, core[:-3] + "ize")
                else:
                    cut = rng.randrange(1, len(core) - 1)
                    edited = core[:cut] + core[cut] + core[cut:] if rng.random() < 0.5 else core[:cut] + core[cut + 1:]
                    tokens[index] = token.replace(core, edited, 1)
        out.append(" ".join(t for t in tokens if t != ""))
    return out


def word_edits(paragraphs, count, rng, vocabulary):
    """`count` single-word edits (substitute, insert or delete) at random places."""
    paragraphs = list(paragraphs)
    for _ in range(count):
        index = rng.randrange(len(paragraphs))
        tokens = paragraphs[index].split(" ")
        position = rng.randrange(len(tokens))
        action = rng.randrange(3)
        if action == 0:
            tokens[position] = rng.choice(vocabulary)
        elif action == 1:
            tokens.insert(position, rng.choice(vocabulary))
        elif len(tokens) > 1:
            del tokens[position]
        paragraphs[index] = " ".join(tokens)
    return paragraphs


def trim(paragraphs, fraction):
    keep = max(1, -(-len(paragraphs) * fraction // 1))
    return paragraphs[: int(keep)]


def dateline(paragraphs, rng):
    return [rng.choice(DATELINES) + " " + paragraphs[0]] + list(paragraphs[1:])


def make_copy(kind, paragraphs, rng, vocabulary, other_paragraph):
    if kind == "words1-2":
        return word_edits(paragraphs, rng.choice((1, 2)), rng, vocabulary)
    if kind == "dateline":
        return dateline(paragraphs, rng)
    if kind == "credit":
        return list(paragraphs) + [rng.choice(CREDITS)]
    if kind == "local":
        return list(paragraphs) + [other_paragraph]
    if kind == "copyedit3":
        return copy_edit(paragraphs, 0.03, rng)
    if kind == "trim80":
        return trim(paragraphs, 0.8)
    if kind == "trim60":
        return trim(paragraphs, 0.6)
    if kind == "combined":
        return copy_edit(trim(dateline(paragraphs, rng), 0.75), 0.02, rng) + [rng.choice(CREDITS)]
    raise ValueError(kind)


EDIT_KINDS = ["words1-2", "dateline", "credit", "local", "copyedit3", "trim80", "trim60", "combined"]

CAPITALIZED = re.compile(r"\b[A-Z][a-z]{3,}\b|\b\d[\d,.]*\b")


def same_event(paragraphs, filler, rng):
    """Another outlet's own story on the same event: its prose, the original's names and figures, one quote."""
    names = [m for p in paragraphs for m in CAPITALIZED.findall(p)] or ["Council"]
    out = []
    for paragraph in filler:
        tokens = paragraph.split(" ")
        for index in range(len(tokens)):
            if rng.random() < 0.08:
                tokens[index] = rng.choice(names)
        out.append(" ".join(tokens))
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if 8 <= len(words(s)) <= 40]
    if sentences:
        out.insert(min(2, len(out)), "\u201c" + rng.choice(sentences) + "\u201d, an official said.")
    return out


def follow_up(paragraphs, fillers, rng):
    """A new story (a filler) that reuses two consecutive background paragraphs of the original: paragraphs that
    are at most a quarter of the original, in a filler at least three times their length, so that neither text
    is mostly the other (or the pair would be a near-duplicate by the rule). None when no pair fits."""
    total = sum(len(words(p)) for p in paragraphs)
    starts = [s for s in range(1, len(paragraphs) - 1)
              if len(words(" ".join(paragraphs[s: s + 2]))) <= total / 4]
    if not starts:
        return None
    start = rng.choice(starts)
    reused = paragraphs[start: start + 2]
    size = len(words(" ".join(reused)))
    filler = next((f for f in fillers if sum(len(words(p)) for p in f) >= 3 * size), None)
    if filler is None:
        return None
    fillers.remove(filler)
    position = min(len(filler), 2 + rng.randrange(max(1, len(filler) - 2)))
    return list(filler[:position]) + reused + list(filler[position:])


# Templated daily reports, written for feedd: the same sentences every day, other numbers and movers.
REPORT_TEMPLATES = [
    [
        "{city} stocks {dir1} on {day} as investors weighed fresh data on {topic}. The benchmark index {dir2} "
        "{n1} points, or {p1} percent, to close at {n2}, while the broader market {dir3} {p2} percent.",
        "Trading volume reached {n3} million shares, {cmp} the 30-day average of {n4} million. Advancing issues "
        "outnumbered decliners by {n5} to {n6}.",
        "Among the biggest movers, {co1} {dir1} {p3} percent after reporting quarterly results, and {co2} {dir2} "
        "{p4} percent. Shares of {co3} ended {p5} percent {updown}.",
        "In currency markets, the dollar traded at {f1} against the euro and {f2} against the yen. Benchmark "
        "10-year bond yields stood at {p6} percent.",
        "Oil prices {dir3} {p7} percent to {f3} dollars a barrel, and gold {dir1} to {n7} dollars an ounce.",
    ],
    [
        "The weather service expects a high of {t1} degrees in {city} on {day}, with winds from the {wind} at "
        "{n1} kilometres per hour and a {p1} percent chance of rain in the afternoon.",
        "Overnight temperatures will fall to {t2} degrees. Humidity will stay near {p2} percent, and the air "
        "quality index is forecast at {n2}, which is rated {aq}.",
        "Sunrise is at {h1}:{m1} and sunset at {h2}:{m2}. The pollen count is {n3} grains per cubic metre, "
        "mostly from {pollen}.",
        "For the weekend, forecasters expect highs between {t3} and {t4} degrees, with {rain} millimetres of "
        "rain in total and gusts of up to {n4} kilometres per hour near the coast.",
        "River levels at the {city} gauge stood at {f1} metres on {day} morning, {cmp} the seasonal average.",
    ],
    [
        "Police in {city} responded to {n1} calls between {day} evening and {day2} morning, according to the "
        "daily log released by the department.",
        "Officers made {n2} arrests, {n3} of them for driving under the influence, and issued {n4} traffic "
        "citations. There were {n5} reported burglaries and {n6} vehicle thefts.",
        "Firefighters attended {n7} incidents, including a kitchen fire on {street} Street that caused minor "
        "damage. No injuries were reported.",
        "The department reminds residents that the non-emergency number is staffed around the clock and that "
        "{n8} reports were filed online in the past week.",
        "Anyone with information about the incidents on {street} Street is asked to call the station.",
    ],
]
CITIES = ["Tokyo", "Frankfurt", "Toronto", "Lyon", "Denver", "Oslo", "Perth", "Seville", "Leeds", "Quebec"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
COMPANIES = ["Northwind", "Fabrikam", "Contoso", "Tailspin", "Litware", "Proseware", "Adatum", "Woodgrove",
             "Fourth Coffee", "Wingtip", "Lucerne", "Humongous"]


def report(rng):
    number = rng.randrange(len(REPORT_TEMPLATES))
    template = REPORT_TEMPLATES[number]
    values = {
        "city": rng.choice(CITIES), "day": rng.choice(DAYS), "day2": rng.choice(DAYS),
        "dir1": rng.choice(["rose", "fell"]), "dir2": rng.choice(["gained", "lost"]),
        "dir3": rng.choice(["climbed", "slipped"]), "updown": rng.choice(["higher", "lower"]),
        "cmp": rng.choice(["above", "below"]), "topic": rng.choice(["inflation", "jobs", "retail sales", "trade"]),
        "co1": rng.choice(COMPANIES), "co2": rng.choice(COMPANIES), "co3": rng.choice(COMPANIES),
        "wind": rng.choice(["north", "south", "east", "west"]), "aq": rng.choice(["good", "moderate", "poor"]),
        "pollen": rng.choice(["grass", "birch", "ragweed"]), "street": rng.choice(["Elm", "Mill", "Harbor", "King"]),
        "rain": rng.randrange(0, 40),
    }
    for key in ("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"):
        values[key] = f"{rng.randrange(2, 40000):,}"
    for key in ("p1", "p2", "p3", "p4", "p5", "p6", "p7"):
        values[key] = f"{rng.uniform(0.1, 9.9):.1f}"
    for key in ("f1", "f2", "f3"):
        values[key] = f"{rng.uniform(0.5, 150):.2f}"
    for key in ("t1", "t2", "t3", "t4"):
        values[key] = str(rng.randrange(-10, 38))
    values.update(h1=rng.randrange(5, 8), m1=f"{rng.randrange(60):02d}", h2=rng.randrange(17, 21),
                  m2=f"{rng.randrange(60):02d}")
    return number, [line.format(**values) for line in template]


def shingles(paragraphs):
    tokens = [w.lower() for p in paragraphs for w in words(p)]
    return {" ".join(tokens[i:i + 3]) for i in range(max(1, len(tokens) - 2))}


def distinct(texts, earlier):
    """`texts` without those sharing a fifth or more of their 3-word shingles with an earlier one (or `earlier`)."""
    kept, seen = [], [shingles(p) for _, p in earlier]
    for name, paragraphs in texts:
        own = shingles(paragraphs)
        if all(len(own & other) < 0.2 * min(len(own), len(other)) for other in seen):
            kept.append((name, paragraphs))
            seen.append(own)
    return kept


def main():
    arguments = sys.argv[1:]
    if len(arguments) < 2:
        sys.exit(__doc__)
    corpora, out = arguments[0], arguments[1]
    options = dict(zip(arguments[2::2], arguments[3::2]))
    rounds = int(options.get("--rounds", 4))
    reports = int(options.get("--reports", 300))
    rng = random.Random(int(options.get("--seed", 20261207)))

    # Test pages of one corpus sometimes carry the same text (two snapshots of a page): keep the first.
    originals = distinct(readability_texts(corpora), [])
    others = distinct(trafilatura_texts(corpora), originals)
    rng.shuffle(others)
    fillers, background = others[: 2 * len(originals)], others[2 * len(originals):]
    vocabulary = [w for _, ps in originals for p in ps for w in p.split(" ") if w.isalpha()]

    items = []
    counter = 0

    def add(text_paragraphs, role, edit, story, related=None):
        nonlocal counter
        counter += 1
        items.append(dict(id=f"item-{counter}", source=f"source-{counter}", text="\n\n".join(text_paragraphs),
                          role=role, edit=edit, story=story, related=related))
        return f"item-{counter}"

    first = []
    for name, paragraphs in background:
        add(paragraphs, "background", "", f"background-{name}")
    original_ids = {}
    for name, paragraphs in originals:
        original_ids[name] = add(paragraphs, "original", "", name)
    first = items
    items = []
    followup_fillers = [fillers[2 * index][1] for index in range(len(originals))]
    for round_ in range(rounds):
        for name, paragraphs in originals:
            for kind in EDIT_KINDS:
                other = rng.choice(others)[1]
                add(make_copy(kind, paragraphs, rng, vocabulary, rng.choice(other)), "copy", kind, name,
                    original_ids[name])
    for index, (name, paragraphs) in enumerate(originals):
        followup = follow_up(paragraphs, followup_fillers, rng)
        if followup:
            add(followup, "negative", "followup", f"followup-{name}", original_ids[name])
        add(same_event(paragraphs, fillers[2 * index + 1][1], rng), "negative", "sameevent", f"sameevent-{name}",
            original_ids[name])
    first_report = {}
    for index in range(reports):
        template, text = report(rng)
        item = add(text, "negative", "report", f"report-{index}", first_report.get(template))
        first_report.setdefault(template, item)
    rng.shuffle(items)
    with open(out, "w", encoding="utf-8") as handle:
        for item in first + items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    roles = {}
    for item in first + items:
        key = item["role"] + (":" + item["edit"] if item["edit"] else "")
        roles[key] = roles.get(key, 0) + 1
    print(json.dumps(roles, sort_keys=True), file=sys.stderr)


if __name__ == "__main__":
    main()
