"""Scores feedd's near-duplicate verdicts on the realistic stream beside datasketch's MinHash LSH, same run.

datasketch runs at its usual settings: MinHashLSH(threshold=0.5, num_perm=128) over 3-word shingles of the
lowercased words; each item is queried, marked a near-duplicate of its most similar candidate when there is
one, and inserted otherwise (as feedd does with `near_duplicates = mark`). Both systems are scored by the same
code: a copy is found when it is marked a duplicate of an item of its story; every other mark is false.

Usage: dedupe_compare.py ITEMS.jsonl FEEDD_VERDICTS.jsonl FEEDD_SUMMARY.json
"""

import json
import re
import sys
import time
import tracemalloc

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+", re.UNICODE)
KINDS = ["words1-2", "dateline", "credit", "local", "copyedit3", "trim80", "trim60", "combined"]
NEGATIVES = ["followup", "sameevent", "report"]


def shingles(text):
    words = [w.lower() for w in WORD.findall(text)]
    return {" ".join(words[i:i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))}


def run_datasketch(items):
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    sketches = {}
    verdicts = {}
    for item in items:
        sketch = MinHash(num_perm=128)
        sketch.update_batch(list(shingles(item["text"])))
        sketches[item["id"]] = sketch
        candidates = lsh.query(sketch)
        if candidates:
            best = max(sorted(candidates), key=lambda key: sketch.jaccard(sketches[key]))
            verdicts[item["id"]] = ("near", best)
        else:
            verdicts[item["id"]] = ("new", None)
            lsh.insert(item["id"], sketch)
    return verdicts, sketches


def score(items, verdicts):
    story = {item["id"]: item["story"] for item in items}
    found = {kind: 0 for kind in KINDS}
    total = {kind: 0 for kind in KINDS}
    false_marks = {}
    marks = correct = 0
    for item in items:
        verdict, target = verdicts[item["id"]]
        marked = verdict in ("near", "duplicate")
        right = marked and item["role"] == "copy" and story.get(target) == item["story"]
        if item["role"] == "copy":
            total[item["edit"]] += 1
            found[item["edit"]] += right
        if marked:
            marks += 1
            correct += right
            if not right:
                key = item["edit"] or item["role"]
                false_marks[key] = false_marks.get(key, 0) + 1
    return found, total, marks, correct, false_marks


def percentiles(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return "—"
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"{pick(0.05):.2f} / {pick(0.5):.2f} / {pick(0.95):.2f} (max {values[-1]:.2f})"


def main():
    items_path, verdicts_path, summary_path = sys.argv[1:4]
    items = [json.loads(line) for line in open(items_path, encoding="utf-8")]
    feedd_rows = {row["id"]: row for row in map(json.loads, open(verdicts_path, encoding="utf-8"))}
    feedd = {key: (row["verdict"], row["of"]) for key, row in feedd_rows.items()}
    summary = json.load(open(summary_path))

    start = time.process_time()
    peer, sketches = run_datasketch(items)
    peer_seconds = time.process_time() - start
    tracemalloc.start()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for item in items:
        if peer[item["id"]][0] == "new":
            lsh.insert(item["id"], sketches[item["id"]])
    peer_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    peer_stored = sum(1 for v in peer.values() if v[0] == "new")

    roles = {}
    for item in items:
        key = item["edit"] or item["role"]
        roles[key] = roles.get(key, 0) + 1
    print(f"{len(items)} items: " + ", ".join(f"{k} {v}" for k, v in sorted(roles.items())))
    print()
    results = {"feedd": score(items, feedd), "datasketch": score(items, peer)}
    print("| edit kind | copies | feedd recall | datasketch recall |")
    print("| --- | --- | --- | --- |")
    for kind in KINDS:
        cells = [f"{results[s][0][kind] / max(results[s][1][kind], 1):.3f}" for s in ("feedd", "datasketch")]
        print(f"| {kind} | {results['feedd'][1][kind]} | {cells[0]} | {cells[1]} |")
    line = ["| all copies", str(sum(results["feedd"][1].values()))]
    for system in ("feedd", "datasketch"):
        found, total = sum(results[system][0].values()), sum(results[system][1].values())
        line.append(f"**{found / max(total, 1):.4f}** ({found}/{total})")
    print(" | ".join(line) + " |")
    print()
    print("| measure | feedd | datasketch (threshold 0.5, 128 permutations) |")
    print("| --- | --- | --- |")
    cells = []
    for system in ("feedd", "datasketch"):
        _, _, marks, correct, _ = results[system]
        cells.append(f"{correct / max(marks, 1):.4f} ({correct}/{marks})")
    print(f"| precision | {cells[0]} | {cells[1]} |")
    for kind in NEGATIVES + ["background", "original"]:
        count = roles.get(kind, 0)
        cells = [str(results[s][4].get(kind, 0)) for s in ("feedd", "datasketch")]
        print(f"| false marks on {kind} ({count}) | {cells[0]} | {cells[1]} |")
    wrong = [sum(v for k, v in results[s][4].items() if k in KINDS) for s in ("feedd", "datasketch")]
    print(f"| copies marked as a copy of another story | {wrong[0]} | {wrong[1]} |")
    print(f"| check + insert, fingerprinting included (CPU, one thread) | {summary['articles_per_second']:,.0f} "
          f"articles/s ({summary['mb_per_second']:.0f} MB/s) | {len(items) / peer_seconds:,.0f} articles/s |")
    print(f"| index memory per stored article (without fixed tables) | {summary['bytes_per_article_growing']:.0f} B "
          f"(+ {summary['fixed_bytes'] / 1048576:.0f} MiB fixed) | {peer_bytes / max(peer_stored, 1):,.0f} B "
          f"(Python objects) |")
    print()
    peer_similarity = {}
    by_id = {item["id"]: item for item in items}
    for item in items:
        if item.get("related") in sketches:
            peer_similarity[item["id"]] = sketches[item["id"]].jaccard(sketches[item["related"]])
    print("Similarity of each copy or negative to the item it was made from (5th / 50th / 95th percentile):")
    print()
    print("| kind | feedd containment estimate | feedd resemblance estimate | datasketch Jaccard estimate |")
    print("| --- | --- | --- | --- |")
    for kind in KINDS + NEGATIVES:
        ids = [i for i, item in by_id.items() if item["edit"] == kind and item.get("related")]
        print(f"| {kind} | {percentiles(feedd_rows[i]['containment'] for i in ids)} | "
              f"{percentiles(feedd_rows[i]['resemblance'] for i in ids)} | "
              f"{percentiles(peer_similarity.get(i) for i in ids)} |")


if __name__ == "__main__":
    main()
