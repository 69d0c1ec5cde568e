#!/usr/bin/env bash
# Text -> signature on one core, in one run: the C reference (signature.c), SignatureThroughput built from this
# checkout, optionally a baseline SignatureThroughput binary (built from an older checkout), and gaoya, all on the
# same texts of a JSONL corpus, interleaved round by round so that they share the machine's load.
#
#   Benchmarks/reference-c/compare.sh CORPUS.jsonl [--repeats 3] [--rounds 5] [--baseline BIN] [--swift BIN]
#                                     [--no-gaoya]
#
# Writes the corpus's texts as NUL-separated files (pure-ASCII texts; the others), proves that the C program and
# the Swift code produce the same fingerprints on the ASCII texts (`cmp` of their --dump files), then runs every
# tool --repeats times on each text set (each run reports the median of --rounds passes, thread CPU time) and prints
# the median rate of each tool with its ratio to the Swift code. --swift BIN uses an already built
# SignatureThroughput instead of building this checkout's.
#
# gaoya runs from the peers' virtual environment ($DEDUP_PEERS_VENV, default Benchmarks/peers/.venv; make it with
# Benchmarks/peers/run-peers.sh --setup). The C program is compiled with plain `cc -O3` (no -march=native: the
# Swift code is built for the baseline x86-64 target too), once as written (a byte-at-a-time tokenizer, "c") and
# once with -DSWAR (eight bytes at a time, as the Swift tokenizer does, "c-swar"). $SCRATCH is the Swift scratch
# path (default .build). "c-plain-swar" (-DPLAIN -DSWAR) leaves out the distinct-shingle count, the content hash
# and the figures: not the same work, but the plain program the issue's 300-390 MB/s describes, timed beside the
# others so that the cost of those steps shows; its fingerprints are not compared.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCHMARKS="$(dirname "$HERE")"
SCRATCH="${SCRATCH:-.build}"
VENV="${DEDUP_PEERS_VENV:-$BENCHMARKS/peers/.venv}"
corpus=""
repeats=3
rounds=5
baseline=""
swift_tool=""
gaoya=1
while [ $# -gt 0 ]; do
    case "$1" in
        --repeats) repeats="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        --swift) swift_tool="$2"; shift 2 ;;
        --no-gaoya) gaoya=0; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) corpus="$1"; shift ;;
    esac
done
[ -n "$corpus" ] || { echo "usage: compare.sh CORPUS.jsonl [--repeats N] [--rounds N] [--baseline BIN]" >&2; exit 2; }
if [ "$gaoya" = 1 ] && ! "$VENV/bin/python" -c "import gaoya" 2>/dev/null; then
    echo "compare.sh: no gaoya in $VENV (Benchmarks/peers/run-peers.sh --setup makes it); use --no-gaoya" >&2
    exit 4
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cc -O3 -Wall -o "$work/signature-c" "$HERE/signature.c"
cc -O3 -DSWAR -Wall -o "$work/signature-c-swar" "$HERE/signature.c"
cc -O3 -DPLAIN -DSWAR -Wall -o "$work/signature-c-plain-swar" "$HERE/signature.c"
if [ -z "$swift_tool" ]; then
    (cd "$BENCHMARKS" && swift build -c release --scratch-path "$SCRATCH" --product SignatureThroughput >&2)
    swift_tool="$BENCHMARKS/$SCRATCH/release/SignatureThroughput"
fi
"$swift_tool" export "$corpus" --ascii "$work/ascii.txt" --non-ascii "$work/other.txt" >&2

"$work/signature-c" "$work/ascii.txt" --rounds 0 --dump "$work/c.dump"
"$swift_tool" run "$work/ascii.txt" --rounds 0 --dump "$work/swift.dump"
"$work/signature-c-swar" "$work/ascii.txt" --rounds 0 --dump "$work/c-swar.dump"
if cmp -s "$work/c.dump" "$work/swift.dump" && cmp -s "$work/c-swar.dump" "$work/swift.dump"; then
    echo "same fingerprints: C and Swift agree on all $(wc -l <"$work/c.dump") ASCII texts" >&2
else
    echo "compare.sh: the C and Swift fingerprints differ (first difference below)" >&2
    cmp "$work/c.dump" "$work/swift.dump" >&2 || true
    exit 1
fi

results="$work/results.jsonl"
for repeat in $(seq 1 "$repeats"); do
    for set in ascii other; do
        texts="$work/$set.txt"
        [ -s "$texts" ] || continue
        if [ "$set" = ascii ]; then
            "$work/signature-c" "$texts" --rounds "$rounds" | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
            "$work/signature-c-swar" "$texts" --rounds "$rounds" | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
            "$work/signature-c-plain-swar" "$texts" --rounds "$rounds" | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
        fi
        "$swift_tool" run "$texts" --rounds "$rounds" --label swift | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
        if [ -n "$baseline" ]; then
            "$baseline" run "$texts" --rounds "$rounds" --label baseline | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
        fi
        if [ "$gaoya" = 1 ]; then
            PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" "$BENCHMARKS/peers/gaoya_rate.py" "$texts" \
                --rounds "$(( rounds < 3 ? rounds : 3 ))" | sed "s/^{/{\"set\":\"$set\",/" >>"$results"
        fi
    done
done

python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
for text_set, title in (("ascii", "pure-ASCII texts"), ("other", "texts with non-ASCII characters")):
    by_tool = {}
    for row in rows:
        if row["set"] == text_set:
            by_tool.setdefault(row["tool"], []).append(row)
    if "swift" not in by_tool:
        continue
    first = by_tool["swift"][0]
    print(f"\n{title}: {first['documents']} documents, {first['bytes'] / 1e6:.1f} MB")
    print("| tool | docs/s | MB/s | Swift ÷ tool | runs |")
    print("|---|---:|---:|---:|---:|")
    swift = statistics.median(r["mb_per_second"] for r in by_tool["swift"])
    for tool in ("swift", "c", "c-swar", "c-plain-swar", "baseline", "gaoya"):
        if tool not in by_tool:
            continue
        runs = by_tool[tool]
        mb = statistics.median(r["mb_per_second"] for r in runs)
        docs = statistics.median(r["docs_per_second"] for r in runs)
        print(f"| {tool} | {docs:,.0f} | {mb:.1f} | {swift / mb:.2f} | {len(runs)} |")
PY
