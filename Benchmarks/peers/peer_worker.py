"""Runs ONE peer library over a JSONL corpus, in a process of its own, and writes its figures as JSON.

    python peer_worker.py --tool datasketch|rensa|gaoya --mode e2e|sig --corpus C.jsonl --result R.json [--out DIR]

run_peers.py starts one process per (tool, mode), so that each process's peak RSS (read by the parent with
os.wait4) is that tool's alone, and times the whole process from the outside for the end-to-end figure. Inside,
the stages are timed with time.perf_counter():

- `read_signatures`: read the JSONL, decode every line, make every document's signature from its raw `text`.
  The same scope as `dedup bench`'s "signatures (read, decode, fingerprint)" stage.
- `index`: insert every signature into the tool's LSH index.
- `query`: query the index with every document, keep the candidates j > i whose estimated Jaccard similarity
  is >= the threshold (datasketch and rensa: `jaccard()` of the two signatures; gaoya: its query does it).
- `write`: connected components of the kept pairs, written as a scan directory `dedup eval` scores.

Mode `sig` stops after `read_signatures` (it is how gaoya's signature throughput is measured: its index API signs
documents itself, so its e2e run has no separate signature stage; see README.md).

Settings are the benchmark's, the same for every tool: word 5-grams, 128 permutations, LSH threshold 0.8.
Single-threaded, as each library runs when called this way (no multiprocessing, no parallel bulk APIs).
"""

import time

_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import clusters as clustering  # noqa: E402
import shingling  # noqa: E402

THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE_SIZE = 5
DATASKETCH_SEED = 1  # datasketch's default
RENSA_SEED = 42  # the seed in rensa's README examples


def read_corpus(path):
    """Yields (id, text) for every line, as a user's loop would."""
    with open(path, encoding="utf8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            record = json.loads(line)
            yield record["id"], record["text"]


def package_version(name):
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # pragma: no cover - reported, not fatal
        return None


# ---------------------------------------------------------------------------------------------------------------
# datasketch: MinHash via MinHash.generator (the streaming form of MinHash.bulk: one update_batch per document with
# the permutations made once), MinHashLSH(threshold=0.8, num_perm=128) with its own optimal (b, r).


def datasketch_run(args, timings, info):
    from datasketch import MinHash, MinHashLSH

    timings["import"] = time.perf_counter() - _START
    ids = []

    def shingle_lists():
        for doc_id, text in read_corpus(args.corpus):
            ids.append(doc_id)
            yield shingling.shingle_bytes(text, SHINGLE_SIZE)

    t = time.perf_counter()
    minhashes = list(MinHash.generator(shingle_lists(), num_perm=NUM_PERM, seed=DATASKETCH_SEED))
    timings["read_signatures"] = time.perf_counter() - t
    info.update(
        library="datasketch " + str(package_version("datasketch")),
        signature="MinHash(num_perm=128, seed=1, scheme=%s) via MinHash.generator → update_batch" % minhashes[0].scheme
        if minhashes
        else "MinHash.generator",
    )
    if args.mode == "sig":
        return ids, None

    t = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    timings["index"] = time.perf_counter() - t
    info["lsh"] = "MinHashLSH(threshold=0.8, num_perm=128): %d bands × %d rows" % (lsh.b, lsh.r)
    info.update(lsh_bands=lsh.b, lsh_rows=lsh.r, signature_values=NUM_PERM)

    t = time.perf_counter()
    pairs = []
    candidates = 0
    for i, m in enumerate(minhashes):
        for j in lsh.query(m):
            if j > i:
                candidates += 1
                if m.jaccard(minhashes[j]) >= THRESHOLD:
                    pairs.append((i, j))
    timings["query"] = time.perf_counter() - t
    info["candidate_pairs"] = candidates
    return ids, pairs


# ---------------------------------------------------------------------------------------------------------------
# rensa: RMinHash(num_perm=128, seed=42).update(shingles) per document, RMinHashLSH(threshold=0.8, num_perm=128,
# num_bands=B) with B = 8 by default: rensa's own choice for threshold 0.8 (RMinHashDeduplicator's default bands,
# and the 8 bands its README's benchmark uses at 128 permutations and 0.8).


def rensa_run(args, timings, info):
    from rensa import RMinHash, RMinHashLSH

    timings["import"] = time.perf_counter() - _START
    ids = []
    minhashes = []
    t = time.perf_counter()
    for doc_id, text in read_corpus(args.corpus):
        ids.append(doc_id)
        m = RMinHash(num_perm=NUM_PERM, seed=RENSA_SEED)
        m.update(shingling.shingles(text, SHINGLE_SIZE))
        minhashes.append(m)
    timings["read_signatures"] = time.perf_counter() - t
    info.update(
        library="rensa " + str(package_version("rensa")),
        signature="RMinHash(num_perm=128, seed=42).update(set of str shingles), one per document",
    )
    if args.mode == "sig":
        return ids, None

    t = time.perf_counter()
    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=args.rensa_bands)
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    timings["index"] = time.perf_counter() - t
    bands = lsh.get_num_bands()
    info.update(lsh_bands=bands, lsh_rows=NUM_PERM // bands, signature_values=NUM_PERM)
    info["lsh"] = "RMinHashLSH(threshold=0.8, num_perm=128, num_bands=%d): %d bands × %d rows" % (
        bands,
        bands,
        NUM_PERM // bands,
    )

    t = time.perf_counter()
    pairs = []
    candidates = 0
    for i, m in enumerate(minhashes):
        for j in lsh.query(m):
            if j > i:
                candidates += 1
                if m.jaccard(minhashes[j]) >= THRESHOLD:
                    pairs.append((i, j))
    timings["query"] = time.perf_counter() - t
    info["candidate_pairs"] = candidates
    return ids, pairs


# ---------------------------------------------------------------------------------------------------------------
# gaoya: MinHashStringIndex with its Rust word tokenizer (analyzer='word', ngram_range=(5, 5), lowercase=True),
# 32-bit hashes (its default), num_hashes=128 with num_bands/band_size left to gaoya's S-curve choice.


def gaoya_index():
    import gaoya

    return gaoya.minhash.MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=THRESHOLD,
        num_bands=None,
        band_size=None,
        num_hashes=NUM_PERM,
        analyzer="word",
        lowercase=True,
        ngram_range=(SHINGLE_SIZE, SHINGLE_SIZE),
    )


def gaoya_describe(index):
    text = str(index)
    found = {k: int(v) for k, v in re.findall(r"(num_hashes|bands|rows_per_band) = (\d+)", text)}
    return text, found


def gaoya_run(args, timings, info):
    index = gaoya_index()
    timings["import"] = time.perf_counter() - _START
    text, found = gaoya_describe(index)
    info.update(
        library="gaoya " + str(package_version("gaoya")),
        gaoya_index=text,
        lsh="MinHashStringIndex(hash_size=32, jaccard_threshold=0.8, num_hashes=128, analyzer='word', "
        "lowercase=True, ngram_range=(5, 5)): %s bands × %s rows = %s values"
        % (found.get("bands"), found.get("rows_per_band"), found.get("num_hashes")),
        lsh_bands=found.get("bands"),
        lsh_rows=found.get("rows_per_band"),
        signature_values=found.get("num_hashes"),
    )
    ids = []
    if args.mode == "sig":
        signer = index.minhash_index
        t = time.perf_counter()
        signatures = []
        for doc_id, doc in read_corpus(args.corpus):
            ids.append(doc_id)
            signatures.append(signer.tokenize_and_minhash(doc))
        timings["read_signatures"] = time.perf_counter() - t
        info["signature"] = "MinHashStringIndex.minhash_index.tokenize_and_minhash(text), one per document"
        return ids, None

    t = time.perf_counter()
    texts = []
    for doc_id, doc in read_corpus(args.corpus):
        ids.append(doc_id)
        texts.append(doc)
    timings["read"] = time.perf_counter() - t

    t = time.perf_counter()
    for i, doc in enumerate(texts):
        index.insert_document(i, doc)
    timings["index"] = time.perf_counter() - t  # includes tokenizing and signing every document

    t = time.perf_counter()
    pairs = []
    for i, doc in enumerate(texts):
        for j in index.query(doc):  # re-signs the document; returns ids whose estimated Jaccard passes 0.8
            if j > i:
                pairs.append((i, j))
    timings["query"] = time.perf_counter() - t
    info["candidate_pairs"] = None  # gaoya verifies inside query and does not report its candidates
    return ids, pairs


RUNNERS = {"datasketch": datasketch_run, "rensa": rensa_run, "gaoya": gaoya_run}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", required=True, choices=sorted(RUNNERS))
    parser.add_argument("--mode", default="e2e", choices=["e2e", "sig"])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", help="scan directory to write (e2e mode)")
    parser.add_argument("--result", required=True, help="JSON file for the figures")
    parser.add_argument("--rensa-bands", type=int, default=8)
    args = parser.parse_args()
    if args.mode == "e2e" and not args.out:
        parser.error("--out is required in e2e mode")

    timings = {}
    info = {"tool": args.tool, "mode": args.mode, "threshold": THRESHOLD, "num_perm": NUM_PERM,
            "shingle_size": SHINGLE_SIZE}
    ids, pairs = RUNNERS[args.tool](args, timings, info)
    info["documents"] = len(ids)

    if pairs is not None:
        t = time.perf_counter()
        groups = clustering.components(len(ids), pairs)
        clustering.write_scan_directory(args.out, ids, groups)
        timings["write"] = time.perf_counter() - t
        info["pairs"] = len(pairs)
        info["clusters"] = len(groups)
        info["clustered_documents"] = sum(len(g) for g in groups)

    timings["in_process"] = time.perf_counter() - _START
    info["seconds"] = timings
    with open(args.result, "w", encoding="utf8") as out:
        json.dump(info, out, indent=2)


if __name__ == "__main__":
    main()
