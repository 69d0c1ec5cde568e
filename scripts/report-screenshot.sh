#!/usr/bin/env bash
# Builds dedup, scans a corpus with --report, takes a headless Chromium screenshot of the report and checks in the
# rendered DOM that every section is there. Exits non-zero when a section is missing.
#
#   scripts/report-screenshot.sh [CORPUS.jsonl] [OUTDIR]       (defaults: Corpus/sample.jsonl, out/report-sample)
#
# Environment: SCRATCH (build directory, default .build), CONFIGURATION (debug or release, default release),
# WIDTH and HEIGHT of the window (default 1280 × 4000), CHROMIUM (the browser command).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:-Corpus/sample.jsonl}"
out="${2:-out/report-sample}"
scratch="${SCRATCH:-.build}"
configuration="${CONFIGURATION:-release}"
width="${WIDTH:-1280}"
height="${HEIGHT:-4000}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$chromium" ]; then
    echo "no chromium found: apt-get install chromium (or set CHROMIUM)" >&2
    exit 2
fi

swift build --scratch-path "$scratch" -c "$configuration" --product dedup >&2
dedup="$(swift build --scratch-path "$scratch" -c "$configuration" --show-bin-path)/dedup"

mkdir -p "$out"
report="$(cd "$out" && pwd)/report.html"
"$dedup" scan "$corpus" --out "$out/scan" --report "$report" --no-timings --quiet
echo "report: $report ($(wc -c <"$report") bytes)"

browser=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$(mktemp -d)")
"$chromium" "${browser[@]}" --window-size="$width,$height" --screenshot="$out/report.png" "file://$report" \
    2>/dev/null
"$chromium" "${browser[@]}" --window-size=420,2000 --screenshot="$out/report-narrow.png" "file://$report" \
    2>/dev/null
# The page is taller than one window: a copy with the first sections hidden shows the boilerplate tables and the
# rejected lines (headless screenshots do not follow a #fragment).
sed 's|</head>|<style>#summary, #similarity, #clusters { display: none; }</style></head>|' "$report" \
    >"$out/report-tail.html"
"$chromium" "${browser[@]}" --window-size="$width,$height" --screenshot="$out/report-tail.png" \
    "file://$(cd "$out" && pwd)/report-tail.html" 2>/dev/null
"$chromium" "${browser[@]}" --dump-dom "file://$report" >"$out/report-dom.html" 2>/dev/null
echo "screenshots: $out/report.png, $out/report-tail.png, $out/report-narrow.png"

# The rendered DOM, not the file: these are what the browser built from the page.
status=0
for expected in 'id="summary"' 'id="figure-read"' 'id="copies-by-kind"' 'id="settings"' 'id="similarity"' \
    'id="histogram-jaccard"' 'id="histogram-containment"' 'class="threshold' 'id="clusters"' 'class="sides"' \
    'class="doc canonical"' 'class="doc copy"' '<mark>' 'id="boilerplate"' 'class="site"' 'class="removed"' \
    '<del>' 'id="rejected"'; do
    if ! grep -q -- "$expected" "$out/report-dom.html"; then
        echo "missing in the rendered report: $expected" >&2
        status=1
    fi
done
if grep -q '<script' "$out/report-dom.html"; then
    echo "the report has a script element" >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "every section is in the rendered report"
exit "$status"
