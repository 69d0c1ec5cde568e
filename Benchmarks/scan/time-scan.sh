#!/usr/bin/env bash
# Times one `dedup scan` of a corpus and prints one line: the label, the start time and load average, the exit
# code, wall and CPU seconds, peak RSS, and the phases from summary.json.
#
#   Benchmarks/scan/time-scan.sh BIN CORPUS OUT LABEL
#
# OUT is removed first. Alternate two builds (BIN) on the same corpus for a ratio: this machine's speed moves by
# ±15% within minutes, so only figures from one alternated series compare. The 1M runs in BENCHMARKS.md use
# CORPUS = a `dedup generate --documents 1000000 --seed 1` corpus and `--threads 2`.
set -euo pipefail
if [ $# -ne 4 ]; then
    echo "usage: $0 BIN CORPUS OUT LABEL" >&2
    exit 64
fi
bin=$1 corpus=$2 out=$3 label=$4
rm -rf "$out"
times=$(mktemp)
trap 'rm -f "$times"' EXIT
start=$(date -u +%H:%M:%S)
load=$(cut -d' ' -f1 /proc/loadavg)
rc=0
/usr/bin/time -f "%e %U %S %M" -o "$times" "$bin" scan "$corpus" --out "$out" -q --threads 2 || rc=$?
read -r wall user system rss < "$times"
phases=$(python3 - "$out/summary.json" <<'PY'
import json, sys
try:
    timings = json.load(open(sys.argv[1])).get("timings", {})
except OSError:
    timings = {}
print(" ".join(f"{k.removesuffix('_seconds')}={v:.1f}" for k, v in sorted(timings.items())))
PY
)
cpu=$(python3 -c "print(round($user + $system, 1))")
echo "$label start=$start load=$load rc=$rc wall=$wall cpu=$cpu rss=$((rss / 1024))MB $phases"
