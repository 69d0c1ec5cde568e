"""Peers in one run: dedup against datasketch, rensa and gaoya on one generated corpus, with the same settings.

Started by run-peers.sh (which makes the virtual environment first); see README.md beside this file. Uses only
the standard library itself: every tool runs in a child process (peer_worker.py for the peers), timed from here,
its peak RSS read with os.wait4.

Exit codes: 0 measured; 2 usage; 5 dedup could not be built; 6 a tool or `dedup eval` failed.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import ceiling  # noqa: E402
import report  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE_SIZE = 5
PEERS = ["datasketch", "rensa", "gaoya"]

EXIT_BUILD = 5
EXIT_TOOL = 6


class ToolFailed(Exception):
    pass


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_measured(command, log_path, cwd=None):
    """Runs `command` to completion; returns (wall seconds, peak RSS bytes of that process). Output goes to log_path.

    os.wait4 gives the rusage of exactly this child, so each tool's ru_maxrss is its own (Linux reports KiB)."""
    with open(log_path, "wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        with open(log_path, encoding="utf8", errors="replace") as output:
            tail = output.read()[-3000:]
        raise ToolFailed("%s exited %d:\n%s" % (" ".join(command), process.returncode, tail))
    return wall, usage.ru_maxrss * 1024


def build_dedup():
    log("building dedup in release mode (swift build -c release --product dedup) …")
    try:
        subprocess.run(["swift", "build", "-c", "release", "--product", "dedup"], cwd=REPO_ROOT, check=True,
                       stdout=sys.stderr)
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO_ROOT, check=True,
                                  capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        log("error: could not build dedup (%s); pass a built binary with --dedup PATH" % error)
        sys.exit(EXIT_BUILD)
    executable = os.path.join(bin_path, "dedup")
    if not os.access(executable, os.X_OK):
        log("error: the build did not produce %s" % executable)
        sys.exit(EXIT_BUILD)
    return executable


def corpus_text_bytes(path):
    """UTF-8 bytes of every document's `text`: the MB in MB/s (10^6 bytes), as `dedup bench` counts them."""
    total = 0
    documents = 0
    with open(path, encoding="utf8") as corpus:
        for line in corpus:
            if line.strip():
                total += len(json.loads(line)["text"].encode("utf8"))
                documents += 1
    return documents, total


def bench_stage(bench, prefix):
    for stage in bench["stages"]:
        if stage["name"].startswith(prefix):
            return stage
    raise ToolFailed("dedup bench reported no stage named %r" % prefix)


def evaluate(dedup, scan_dir, truth, corpus, work, name):
    out = os.path.join(work, "eval-%s.json" % name)
    run_measured([dedup, "eval", scan_dir, truth, "--corpus", corpus, "--json", out, "--quiet"],
                 os.path.join(work, "eval-%s.log" % name))
    with open(out, encoding="utf8") as f:
        return json.load(f)


def quality(evaluation):
    pairs = evaluation["pairs"]
    copy = evaluation["copy_pairs"]
    return {
        "precision": pairs["precision"],
        "recall": pairs["recall"],
        "f1": pairs["f1"],
        "true_positives": pairs["true_positives"],
        "false_positives": pairs["false_positives"],
        "false_negatives": pairs["false_negatives"],
        "ari": evaluation.get("adjusted_rand_index"),
        "clusters": evaluation["clusters"]["predicted"],
        "copy_recall": {k: v["recall"] for k, v in copy["by_kind"].items()} | {"all": copy["all"]["recall"]},
        "copy_recall_by_operation": {k: v["recall"] for k, v in copy["by_operation"].items()},
        "hard_negatives": {k: v["matched"] for k, v in evaluation["hard_negatives"].items()},
        "hard_negatives_total": {k: v["total"] for k, v in evaluation["hard_negatives"].items()},
    }


def measure_dedup(dedup, corpus, truth, work, text_bytes, single_thread):
    rows = []
    log("dedup scan --threshold 0.8 …")
    scan_dir = os.path.join(work, "dedup")
    wall, rss = run_measured([dedup, "scan", corpus, "--out", scan_dir, "--threshold", str(THRESHOLD),
                              "--shingle-size", str(SHINGLE_SIZE), "--signature-length", str(NUM_PERM), "--quiet"],
                             os.path.join(work, "dedup-scan.log"))
    with open(os.path.join(scan_dir, "summary.json"), encoding="utf8") as f:
        summary = json.load(f)
    evaluation = quality(evaluate(dedup, scan_dir, truth, corpus, work, "dedup"))

    def bench(threads):
        name = "bench-%s" % (threads or "default")
        out = os.path.join(work, name + ".json")
        command = [dedup, "bench", "--corpus", corpus, "--json", out, "--quiet"]
        if threads:
            command += ["--threads", str(threads)]
        run_measured(command, os.path.join(work, name + ".log"))
        with open(out, encoding="utf8") as f:
            return json.load(f)

    log("dedup bench --corpus (all cores) …")
    figures = bench(None)
    signatures = bench_stage(figures, "signatures")
    index = bench_stage(figures, "LSH index build")
    settings = summary.get("settings", {})
    rows.append({
        "tool": "dedup",
        "threads": figures["threads"],
        "sig_docs_per_s": signatures["documents_per_second"],
        "sig_mb_per_s": signatures["megabytes_per_second"],
        "index_s": index["seconds"],
        "end_to_end_s": wall,
        "peak_rss_mb": rss / 1e6,
        "quality": evaluation,
        "details": {
            "signature": "dedup bench: %s (%d threads)" % (signatures["name"], figures["threads"]),
            "lsh": "%s bands × %s rows of %s values" % (settings.get("lsh_bands"), settings.get("lsh_rows"),
                                                     settings.get("signature_length")),
            "lsh_bands": settings.get("lsh_bands"),
            "lsh_rows": settings.get("lsh_rows"),
            "signature_values": settings.get("signature_length"),
            "scan_timings": summary.get("timings"),
            "candidates_verified": summary.get("candidates_verified"),
            "bench_bytes": signatures.get("bytes"),
            "bench_end_to_end_s": bench_stage(figures, "end to end")["seconds"],
        },
    })
    if single_thread and figures["threads"] != 1:
        log("dedup bench --corpus --threads 1 …")
        one = bench(1)
        signatures = bench_stage(one, "signatures")
        rows.append({
            "tool": "dedup (1 thread)",
            "threads": 1,
            "sig_docs_per_s": signatures["documents_per_second"],
            "sig_mb_per_s": signatures["megabytes_per_second"],
            "index_s": bench_stage(one, "LSH index build")["seconds"],
            "end_to_end_s": bench_stage(one, "end to end")["seconds"],
            "peak_rss_mb": None,  # bench's process also holds its own figures; the scan's RSS is the row above
            "quality": evaluation,  # the scan's output does not depend on the thread count
            "details": {"signature": "dedup bench --threads 1", "end_to_end": "dedup bench's timed scan, 1 thread"},
        })
    return rows


def measure_peer(tool, corpus, truth, work, text_bytes, documents, dedup, rensa_bands):
    python = sys.executable
    worker = os.path.join(HERE, "peer_worker.py")
    scan_dir = os.path.join(work, tool)
    result_path = os.path.join(work, "%s-e2e.json" % tool)
    log("%s: end to end …" % tool)
    wall, rss = run_measured([python, worker, "--tool", tool, "--mode", "e2e", "--corpus", corpus, "--out", scan_dir,
                              "--result", result_path, "--rensa-bands", str(rensa_bands)],
                             os.path.join(work, "%s-e2e.log" % tool))
    with open(result_path, encoding="utf8") as f:
        e2e = json.load(f)
    seconds = e2e["seconds"]
    sig_seconds = seconds.get("read_signatures")
    sig_note = "read + decode + sign, in the end-to-end process"
    sig_rss = None
    if sig_seconds is None:
        log("%s: signatures only …" % tool)
        sig_path = os.path.join(work, "%s-sig.json" % tool)
        _, sig_rss = run_measured([python, worker, "--tool", tool, "--mode", "sig", "--corpus", corpus,
                                   "--result", sig_path], os.path.join(work, "%s-sig.log" % tool))
        with open(sig_path, encoding="utf8") as f:
            sig_seconds = json.load(f)["seconds"]["read_signatures"]
        sig_note = "read + decode + sign, in a separate signatures-only process"
    evaluation = quality(evaluate(dedup, scan_dir, truth, corpus, work, tool))
    return {
        "tool": tool,
        "threads": 1,
        "sig_docs_per_s": documents / sig_seconds if sig_seconds else None,
        "sig_mb_per_s": text_bytes / 1e6 / sig_seconds if sig_seconds else None,
        "index_s": seconds.get("index"),
        "index_includes_signatures": tool == "gaoya",
        "end_to_end_s": wall,
        "peak_rss_mb": rss / 1e6,
        "quality": evaluation,
        "details": {
            "library": e2e.get("library"),
            "signature": e2e.get("signature"),
            "signature_scope": sig_note,
            "lsh": e2e.get("lsh"),
            "lsh_bands": e2e.get("lsh_bands"),
            "lsh_rows": e2e.get("lsh_rows"),
            "signature_values": e2e.get("signature_values"),
            "stage_seconds": seconds,
            "candidate_pairs": e2e.get("candidate_pairs"),
            "verified_pairs": e2e.get("pairs"),
            "signatures_only_peak_rss_mb": sig_rss / 1e6 if sig_rss else None,
        },
    }


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="run-peers.sh",
        description="Benchmark dedup against datasketch, rensa and gaoya on one generated corpus "
        "(word 5-grams, 128 permutations, LSH threshold 0.8): signature throughput, index build, end-to-end "
        "time, peak RSS and pair precision/recall against the generator's truth.")
    parser.add_argument("--documents", type=int, default=20000, help="documents to generate (default: 20000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated corpus (default: 1)")
    parser.add_argument("--dedup", help="a built dedup executable (default: swift build -c release at the repo root)")
    parser.add_argument("--markdown", help="also write the tables as Markdown to this file")
    parser.add_argument("--json", help="also write every figure as JSON to this file")
    parser.add_argument("--work", help="working directory for the corpus and outputs (default: a new temporary "
                        "directory, removed at the end unless --keep)")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    parser.add_argument("--tools", default=",".join(PEERS),
                        help="peers to run, comma-separated (default: %s); dedup always runs" % ",".join(PEERS))
    parser.add_argument("--rensa-bands", type=int, default=8,
                        help="rensa's LSH bands (default: 8, rensa's own choice for threshold 0.8 at 128 values)")
    parser.add_argument("--no-single-thread", action="store_true",
                        help="skip the extra `dedup bench --threads 1` row")
    args = parser.parse_args(argv)
    if args.documents < 2:
        parser.error("--documents must be at least 2")
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in args.tools if t not in PEERS]
    if unknown:
        parser.error("unknown tool(s): %s (choose from %s)" % (", ".join(unknown), ", ".join(PEERS)))
    if NUM_PERM % args.rensa_bands != 0:
        parser.error("--rensa-bands must divide %d" % NUM_PERM)
    return args


def main(argv=None):
    args = parse_arguments(argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()
    dedup = os.path.abspath(args.dedup) if args.dedup else build_dedup()
    if not os.access(dedup, os.X_OK):
        log("error: %s is not an executable" % dedup)
        return EXIT_BUILD

    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="dedup-peers-")
    os.makedirs(work, exist_ok=True)
    try:
        corpus = os.path.join(work, "corpus.jsonl")
        truth = os.path.join(work, "corpus-truth.jsonl")
        log("generating %d documents (seed %d) …" % (args.documents, args.seed))
        run_measured([dedup, "generate", "--documents", str(args.documents), "--seed", str(args.seed),
                      "--out", corpus, "--truth", truth, "--quiet"], os.path.join(work, "generate.log"))
        documents, text_bytes = corpus_text_bytes(corpus)

        rows = measure_dedup(dedup, corpus, truth, work, text_bytes, not args.no_single_thread)
        for tool in args.tools:
            rows.append(measure_peer(tool, corpus, truth, work, text_bytes, documents, dedup, args.rensa_bands))
        log("raw-text Jaccard of the truth's copy pairs …")
        raw_ceiling = ceiling.copy_pair_ceiling(corpus, truth, THRESHOLD)
    except ToolFailed as failure:
        log("error: %s" % failure)
        log("(working files kept in %s)" % work)
        return EXIT_TOOL

    context = {
        "documents": documents,
        "text_mb": text_bytes / 1e6,
        "seed": args.seed,
        "threshold": THRESHOLD,
        "num_perm": NUM_PERM,
        "shingle_size": SHINGLE_SIZE,
        "cores": os.cpu_count(),
        "dedup": dedup,
        "python": sys.version.split()[0],
        "total_s": time.perf_counter() - started,
        "raw_text_ceiling": raw_ceiling,
    }
    print(report.text_tables(rows, context))
    if args.markdown:
        with open(args.markdown, "w", encoding="utf8") as out:
            out.write(report.markdown(rows, context))
        log("wrote %s" % args.markdown)
    if args.json:
        with open(args.json, "w", encoding="utf8") as out:
            json.dump({"context": context, "rows": rows}, out, indent=2)
        log("wrote %s" % args.json)
    if args.keep or args.work:
        log("working files in %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
