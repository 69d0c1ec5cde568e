"""How many of the truth's copy pairs a raw-text Jaccard test at the threshold could find at all.

For each copy pair of the truth file ({"type": "pair", "copy": true}), the exact Jaccard similarity of the two
documents' shingle sets, made by the same shingler the datasketch and rensa runs use (shingling.py) from the raw
`text`, chrome included. The share at or above the threshold, per kind, is the recall an ideal MinHash + LSH peer
(no estimation error, no LSH misses) would get on those pairs taken one by one: it separates what the peers lose to
the site chrome and to having no containment test from what they lose to sketching and banding.
"""

import json
from array import array

import shingling

KINDS = ("exact", "near_duplicate", "contained")


def copy_pair_ceiling(corpus_path, truth_path, threshold):
    pairs = []
    needed = set()
    with open(truth_path, encoding="utf8") as truth:
        for line in truth:
            record = json.loads(line)
            if record.get("type") == "pair" and record.get("copy") is True:
                a, b = record["a"], record["b"]
                pairs.append((record["kind"], a, b))
                needed.add(a)
                needed.add(b)
    hashed = {}
    with open(corpus_path, encoding="utf8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["id"] in needed:
                # 64-bit hashes of the shingles (Python's str hash: stable within this process), to keep memory low.
                hashed[record["id"]] = array("q", {hash(s) for s in shingling.shingles(record["text"])})
    counts = {kind: [0, 0] for kind in KINDS + ("all",)}
    for kind, a, b in pairs:
        if a not in hashed or b not in hashed:
            continue
        sa, sb = set(hashed[a]), set(hashed[b])
        union = len(sa | sb)
        jaccard = len(sa & sb) / union if union else 1.0
        for key in (kind, "all"):
            counts.setdefault(key, [0, 0])
            counts[key][1] += 1
            if jaccard >= threshold:
                counts[key][0] += 1
    return {kind: (found / total if total else None) for kind, (found, total) in counts.items()}
