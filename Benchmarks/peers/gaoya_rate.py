"""gaoya's text -> signature rate on one thread, on the NUL-separated texts that reference-c/signature.c and
SignatureThroughput read (so the three compare on the same texts in one run).

    python gaoya_rate.py TEXTS [--rounds N]

Signs every text with MinHashStringIndex(...).minhash_index.tokenize_and_minhash(text), as peer_worker.py's `sig`
mode does (word 5-grams, lowercase, 128 hashes of 32 bits), and prints the median rate over the rounds as one
JSON line. Time is the thread's CPU time (time.thread_time()); the texts are read and decoded before timing.
"""

import argparse
import json
import time

import peer_worker


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with open(args.texts, "rb") as file:
        raw = file.read().split(b"\0")[:-1]
    texts = [t.decode("utf8") for t in raw]
    size = sum(len(t) for t in raw)
    signer = peer_worker.gaoya_index().minhash_index
    seconds = []
    for _ in range(args.rounds):
        start = time.thread_time()
        for text in texts:
            signer.tokenize_and_minhash(text)
        seconds.append(time.thread_time() - start)
    seconds.sort()
    median = seconds[len(seconds) // 2]
    print(json.dumps({
        "tool": "gaoya", "documents": len(texts), "bytes": size, "rounds": args.rounds,
        "median_seconds": round(median, 6), "docs_per_second": round(len(texts) / median, 1),
        "mb_per_second": round(size / median / 1e6, 2),
    }))


if __name__ == "__main__":
    main()
