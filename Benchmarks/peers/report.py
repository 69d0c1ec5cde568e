"""The tables run_peers.py prints (aligned text) and writes (--markdown)."""

COLUMNS = [
    # key, header, format of the absolute figure, higher is better
    ("sig_docs_per_s", "sig docs/s", "{:,.0f}", True),
    ("sig_mb_per_s", "sig MB/s", "{:.2f}", True),
    ("index_s", "index build s", "{:.3f}", False),
    ("end_to_end_s", "end-to-end s", "{:.1f}", False),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}", False),
    ("precision", "pair precision", "{:.4f}", True),
    ("recall", "pair recall", "{:.4f}", True),
    ("f1", "F1", "{:.4f}", True),
]

DAGGER = "†"


def value(row, key):
    if key in ("precision", "recall", "f1"):
        return row["quality"][key]
    return row.get(key)


def cell(row, key, text):
    if text != "—" and key == "index_s" and row.get("index_includes_signatures"):
        return text + DAGGER
    return text


def ratio_rows(rows):
    base = rows[0]
    out = []
    for row in rows:
        cells = [row["tool"]]
        for key, _, _, _ in COLUMNS:
            v, b = value(row, key), value(base, key)
            cells.append(cell(row, key, "—" if v is None or not b else "{:.2f}".format(v / b)))
        out.append(cells)
    return out


def absolute_rows(rows):
    out = []
    for row in rows:
        cells = [row["tool"]]
        for key, _, fmt, _ in COLUMNS:
            v = value(row, key)
            cells.append(cell(row, key, "—" if v is None else fmt.format(v)))
        out.append(cells)
    return out


def fmt_recall(v):
    return "—" if v is None else "{:.4f}".format(v)


def lsh_short(details):
    b, r, n = details.get("lsh_bands"), details.get("lsh_rows"), details.get("signature_values")
    if not b or not r:
        return "—"
    return "%d × %d of %s" % (b, r, n)


def detail_rows(rows):
    out = []
    for row in rows:
        if row["tool"].startswith("dedup ("):
            continue
        q = row["quality"]
        details = row["details"]
        candidates = details.get("candidate_pairs", details.get("candidates_verified"))
        hard = q["hard_negatives"]
        total = q["hard_negatives_total"]
        out.append([
            row["tool"],
            lsh_short(details),
            "—" if candidates is None else "{:,}".format(candidates),
            "{:,}".format(q["clusters"]),
            fmt_recall(q["copy_recall"].get("exact")),
            fmt_recall(q["copy_recall"].get("near_duplicate")),
            fmt_recall(q["copy_recall"].get("contained")),
            "%d / %d" % (hard.get("template", 0), total.get("template", 0)),
            "%d / %d" % (hard.get("same_event", 0), total.get("same_event", 0)),
            "—" if q["ari"] is None else "{:.4f}".format(q["ari"]),
        ])
    return out


def ceiling_row(context):
    c = context.get("raw_text_ceiling")
    if not c:
        return []
    return [["(raw-text J >= 0.8)", "exact Jaccard", "—", "—", fmt_recall(c.get("exact")),
             fmt_recall(c.get("near_duplicate")), fmt_recall(c.get("contained")), "—", "—", "—"]]


RATIO_HEADER = ["tool"] + [c[1] for c in COLUMNS]
DETAIL_HEADER = ["tool", "LSH bands × rows", "candidates verified", "clusters", "recall exact", "recall near-dup",
                 "recall contained", "template pairs joined", "same-event pairs joined", "ARI"]


def aligned(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = []
    for n, r in enumerate([header] + rows):
        parts = []
        for i, text in enumerate(r):
            parts.append(str(text).ljust(widths[i]) if i == 0 else str(text).rjust(widths[i]))
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(header, rows, left_columns=1):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < left_columns else "---:" for i in range(len(header))) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


def settings_line(context):
    return ("{documents:,} generated documents (seed {seed}, {text_mb:.1f} MB of text); word {shingle_size}-grams, "
            "{num_perm} permutations, LSH threshold {threshold}; {cores} cores; Python {python}; "
            "whole run {total_s:.0f} s").format(**context)


NOTES = [
    "Ratios are tool ÷ dedup in every column (dedup = 1.00): above 1 is better for docs/s, MB/s, precision, "
    "recall and F1; below 1 is better for seconds and MB.",
    "sig = read the JSONL, decode, make every signature from the raw text (dedup: `dedup bench`'s signature "
    "stage, on all cores unless the row says 1 thread; peers: single-threaded, as each runs by default). "
    "index build = inserting every signature into the LSH index. end-to-end = the whole process, JSONL in, "
    "clusters out (dedup: `dedup scan`, which also removes boilerplate, verifies, and writes all its files). "
    "peak RSS = that process's ru_maxrss.",
    DAGGER + " gaoya's index API signs the documents itself (insert_document(id, text)): its index build "
    "includes tokenizing and signing every document.",
    "Pair precision/recall/F1 are `dedup eval`'s \"pairs in one cluster\" over all documents: each peer's "
    "verified pairs are joined into connected components and scored like dedup's clusters.",
    "Details: copy-pair recall by the truth's kind (a pair counts when its two documents share a cluster), the "
    "truth's template and same-event pairs (not copies) that ended up in one cluster, and the adjusted Rand index. "
    "The last line, (raw-text J >= 0.8), is the share of the truth's copy pairs whose exact Jaccard similarity, "
    "with the peers' regex word-5-gram shingler on the raw text, is at least 0.8: what an ideal MinHash/LSH peer "
    "at this threshold could find pair by pair.",
    "Peers see the raw text, site chrome included (they have no boilerplate removal), and only flag pairs whose "
    "estimated Jaccard similarity is >= 0.8: they have no containment test for truncated or extended copies and "
    "no rule against template stories.",
]


def text_tables(rows, context):
    parts = [
        "Peers in one run: " + settings_line(context),
        "",
        "Ratios against dedup (dedup = 1.00)",
        aligned(RATIO_HEADER, ratio_rows(rows)),
        "",
        "Absolute figures",
        aligned(RATIO_HEADER, absolute_rows(rows)),
        "",
        "Details",
        aligned(DETAIL_HEADER, detail_rows(rows) + ceiling_row(context)),
        "",
    ]
    parts += ["* " + n for n in NOTES]
    return "\n".join(parts)


def markdown(rows, context):
    parts = [
        "# Peers in one run",
        "",
        settings_line(context) + ".",
        "",
        "## Ratios against dedup (dedup = 1.00)",
        "",
        markdown_table(RATIO_HEADER, ratio_rows(rows)),
        "",
        "## Absolute figures",
        "",
        markdown_table(RATIO_HEADER, absolute_rows(rows)),
        "",
        "## Details",
        "",
        markdown_table(DETAIL_HEADER, detail_rows(rows) + ceiling_row(context), left_columns=2),
        "",
    ]
    parts += ["- " + n.replace("`", "`") for n in NOTES]
    parts.append("")
    return "\n".join(parts)
