#!/usr/bin/env bash
# Measures `POST /v1/check` over loopback with wrk: an in-memory index loaded with a generated corpus through
# `POST /v1/articles/batch`, then 64 connections checking articles of the same corpus (copies are found).
#
#   Benchmarks/service/load.sh [--documents 20000] [--connections "1 64"] [--duration 30s] [--port 18080]
#
# One wrk run per number in --connections, against the same loaded index.
#
# Needs wrk (Debian: apt-get install wrk) and curl. Builds `dedup` in release mode in $SCRATCH (default
# .build-server).
set -euo pipefail
documents=20000 connections="1 64" duration=30s port=18080 threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --documents) documents=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/dedup-service-load.XXXXXX)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

scratch=${SCRATCH:-$root/.build-server}
swift build -c release --package-path "$root" --scratch-path "$scratch" --product dedup >&2
dedup="$scratch/release/dedup"
"$dedup" generate --documents "$documents" --seed 1 --out "$work/corpus.jsonl" >&2

"$dedup" serve --db :memory: --port "$port" --log-level warning >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# Load in batches of 500 articles (a JSONL chunk joined with commas is a JSON array).
start=$(date +%s.%N)
split -l 500 "$work/corpus.jsonl" "$work/batch-"
for batch in "$work"/batch-*; do
    { printf '['; paste -sd, "$batch"; printf ']'; } |
        curl -sf -H 'Content-Type: application/json' --data-binary @- \
            "http://127.0.0.1:$port/v1/articles/batch" -o /dev/null
done
end=$(date +%s.%N)
indexed=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^dedup_index_articles /{print $2}')
echo "loaded $indexed articles in $(echo "$end - $start" | bc) s through POST /v1/articles/batch"

# Check the last 2,000 articles of the corpus (each has earlier copies or near-copies among the indexed ones).
tail -n 2000 "$work/corpus.jsonl" >"$work/check.jsonl"
for count in $connections; do
    echo "== $count connection(s), $duration"
    ARTICLES="$work/check.jsonl" wrk -t"$(( count < threads ? count : threads ))" -c"$count" -d"$duration" --latency \
        -s "$here/check.lua" "http://127.0.0.1:$port"
done
