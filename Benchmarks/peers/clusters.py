"""Candidate pairs → clusters (connected components) → a minimal scan-output directory that `dedup eval` scores.

`dedup eval` reads `matches.jsonl`, `clusters.jsonl` and `boilerplate.jsonl` from the directory
(docs/design/evaluation.md). A peer only yields pairs, so it gets:

- `clusters.jsonl`: one line per connected component of two or more documents,
  {"cluster": k, "canonical": id, "members": [canonical, then the others in input order]}; the canonical is the
  member that comes first in the input (peers have no notion of an original), clusters numbered 1, 2, … in the
  input order of their canonicals;
- `matches.jsonl` and `boilerplate.jsonl`: empty (no per-copy verdicts, no boilerplate removal), so only the
  cluster metrics (pair precision/recall/F1, adjusted Rand index, copy-pair recall, hard negatives) mean anything
  for a peer; eval's match precision and boilerplate tables come out empty/undefined.

Pair precision/recall are eval's "pairs within clusters" (pairwise over the clusterings, so transitivity through
a chain of pairs counts, both for and against the tool), the same figure dedup's own scan is scored with.
"""

import json
import os


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Keep the smaller index as the root: it is the canonical (first in input order).
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def components(n: int, pairs) -> list:
    """Connected components of two or more documents, as sorted lists of input indices, ordered by first index."""
    uf = UnionFind(n)
    for a, b in pairs:
        uf.union(a, b)
    groups = {}
    for i in range(n):
        root = uf.find(i)
        groups.setdefault(root, []).append(i)
    return [members for root, members in sorted(groups.items()) if len(members) > 1]


def write_scan_directory(directory: str, ids: list, clusters: list) -> None:
    """Writes the three files `dedup eval` reads. `ids` are the documents' ids as they came in (str or int)."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "clusters.jsonl"), "w", encoding="utf8") as out:
        for number, members in enumerate(clusters, start=1):
            record = {"cluster": number, "canonical": ids[members[0]], "members": [ids[m] for m in members]}
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    for name in ("matches.jsonl", "boilerplate.jsonl"):
        open(os.path.join(directory, name), "w").close()
