#!/usr/bin/env bash
# Measures `POST /v1/check` against an existing index, with the server's CPU time per check:
#
#   Benchmarks/service/serve-check.sh DEDUP INDEX PORT CONNECTIONS DURATION QUERIES.jsonl
#
# Starts `DEDUP serve --db INDEX --port PORT`, warms it up for 2 s with one connection, then runs wrk with
# check.lua (CONNECTIONS connections, DURATION, the articles of QUERIES.jsonl in turn) and prints wrk's latency
# line, the number of requests and the server's user + system CPU time per request (from /proc/PID/stat, in
# clock ticks of 10 ms), then stops the server. Needs wrk, curl and bc.
#
# SERVE_OPTIONS adds options to `serve` (e.g. SERVE_OPTIONS=--warm-cache); when /healthz reports a cache warm-up,
# the measurement waits until it is no longer pending or running, and prints what /healthz said of it.
set -euo pipefail
dedup=$1 db=$2 port=$3 connections=$4 duration=$5 queries=$6
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2086 # SERVE_OPTIONS is a list of options
"$dedup" serve --db "$db" --port "$port" --log-level warning ${SERVE_OPTIONS:-} >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
health=$(curl -sf "http://127.0.0.1:$port/healthz")
if [[ $health == *cache_warmup* ]]; then
    for _ in $(seq 1200); do
        health=$(curl -sf "http://127.0.0.1:$port/healthz")
        [[ $health == *'"state":"pending"'* || $health == *'"state":"running"'* ]] || break
        sleep 0.1
    done
    echo "$health"
fi
ARTICLES=$queries wrk -t1 -c1 -d2s -s "$here/check.lua" "http://127.0.0.1:$port" >/dev/null 2>&1
before=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
output=$(ARTICLES=$queries wrk -t"$(( connections < 2 ? connections : 2 ))" -c"$connections" -d"$duration" \
    --latency -s "$here/check.lua" "http://127.0.0.1:$port" 2>&1)
after=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
requests=$(echo "$output" | awk '/requests in/ { print $1 }')
echo "$output" | grep -E "latency p50|non-2xx"
echo "requests $requests; server CPU per request $(echo "scale=3; ($after - $before) * 10 / $requests" | bc) ms;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
