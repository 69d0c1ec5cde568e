import Foundation

extension ScanReport {
    /// The report as one self-contained HTML page: the style is inline, the charts are inline SVG, there is no
    /// script and nothing is loaded from elsewhere, so the file works offline and can be mailed. Every text from
    /// the corpus is escaped. The same report always gives the same page.
    public func html() -> String {
        var page = HTMLText()
        page.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.markup("<title>dedup scan report — ")
        page.data((input as NSString).lastPathComponent)
        page.markup("</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n")
        page.markup("<header class=\"top\"><h1>dedup scan report</h1><p class=\"input\">")
        page.data(input)
        page.markup("</p>\n<nav><a href=\"#summary\">Summary</a><a href=\"#similarity\">Similarity</a>")
        page.markup("<a href=\"#clusters\">Clusters</a><a href=\"#boilerplate\">Boilerplate</a>")
        page.markup("<a href=\"#rejected\">Rejected lines</a></nav></header>\n")
        // The checkbox must precede <main> as a sibling for the style to hide the removed blocks without a script.
        page.markup("<input type=\"checkbox\" id=\"show-removed\" checked>")
        page.markup("<label for=\"show-removed\" class=\"toggle\">show removed boilerplate</label>\n<main>\n")
        renderSummary(into: &page)
        renderSimilarity(into: &page)
        renderClusters(into: &page)
        renderBoilerplate(into: &page)
        renderRejected(into: &page)
        page.markup("</main>\n<footer>Written by <code>dedup scan --report</code>. ")
        page.markup("Highlights: word \(settingsShingleSize)-grams the two texts share, on normalized tokens. ")
        page.markup("Struck-through lines are boilerplate the scan removed before fingerprinting.</footer>\n")
        page.markup("</body>\n</html>\n")
        return page.text
    }

    private var settingsShingleSize: String {
        settings.first { $0.name == "shingle size" }?.value.split(separator: " ").first.map(String.init) ?? "5"
    }

    // MARK: - Summary

    private func renderSummary(into page: inout HTMLText) {
        let s = summary
        page.markup("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"figures\">\n")
        func figure(_ label: String, _ value: Int, _ note: String? = nil, id: String) {
            page.markup(
                "<div class=\"figure\" id=\"figure-\(id)\"><span class=\"value\">\(HTMLText.grouped(value))</span>")
            page.markup("<span class=\"label\">")
            page.data(label)
            page.markup("</span>")
            if let note {
                page.markup("<span class=\"note\">")
                page.data(note)
                page.markup("</span>")
            }
            page.markup("</div>\n")
        }
        figure("lines read", s.read, id: "read")
        figure("documents", s.documents, id: "documents")
        figure("kept", s.kept, "not copies", id: "kept")
        figure("copies", s.copies, id: "copies")
        figure("clusters", s.clusters, id: "clusters")
        figure("cross-source copies", s.crossSource, id: "cross-source")
        figure("rejected lines", s.rejected, id: "rejected")
        figure(
            "boilerplate lines removed", s.linesRemoved,
            "from \(HTMLText.counted(s.documentsWithBoilerplate, "document"))", id: "boilerplate")
        page.markup("</div>\n<div class=\"tables\">\n")

        page.markup("<table class=\"compact\" id=\"copies-by-kind\"><caption>Copies by kind</caption>")
        page.markup("<thead><tr><th>kind</th><th class=\"n\">copies</th></tr></thead><tbody>")
        for kind in CopyKind.allCases {
            page.markup("<tr><td><span class=\"kind \(kind.rawValue)\">\(kind.rawValue)</span></td>")
            page.markup("<td class=\"n\">\(HTMLText.grouped(s.copiesByKind[kind] ?? 0))</td></tr>")
        }
        page.markup("<tr><td>across sources</td><td class=\"n\">\(HTMLText.grouped(s.crossSource))</td></tr>")
        page.markup("<tr><td>candidate pairs verified</td>")
        page.markup("<td class=\"n\">\(HTMLText.grouped(s.candidatesVerified))</td></tr></tbody></table>\n")

        page.markup("<table class=\"compact\" id=\"boilerplate-by-reason\"><caption>Boilerplate removed</caption>")
        page.markup(
            "<thead><tr><th>reason</th><th class=\"n\">blocks</th><th class=\"n\">lines</th></tr></thead><tbody>")
        for reason in BoilerplateReason.allCases {
            page.markup(
                "<tr><td>\(reason.rawValue)</td><td class=\"n\">\(HTMLText.grouped(s.blocksByReason[reason] ?? 0))")
            page.markup("</td><td class=\"n\">\(HTMLText.grouped(s.linesByReason[reason] ?? 0))</td></tr>")
        }
        page.markup("<tr class=\"total\"><td>total</td>")
        page.markup("<td class=\"n\">\(HTMLText.grouped(s.blocksByReason.values.reduce(0, +)))</td>")
        page.markup("<td class=\"n\">\(HTMLText.grouped(s.linesRemoved))</td></tr>")
        page.markup("<tr><td>sites learned</td><td class=\"n\">\(HTMLText.grouped(s.sites))</td><td></td></tr>")
        page.markup("</tbody></table>\n")

        if !s.rejectedByReason.isEmpty {
            page.markup("<table class=\"compact\" id=\"rejected-by-reason\"><caption>Rejected lines</caption>")
            page.markup("<thead><tr><th>reason</th><th class=\"n\">lines</th></tr></thead><tbody>")
            for (reason, count) in s.rejectedByReason.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                page.markup("<tr><td>\(reason.rawValue)</td><td class=\"n\">\(HTMLText.grouped(count))</td></tr>")
            }
            page.markup("</tbody></table>\n")
        }

        page.markup("<table class=\"compact\" id=\"settings\"><caption>Settings</caption><tbody>")
        for entry in settings {
            page.markup("<tr><th scope=\"row\">")
            page.data(entry.name)
            page.markup("</th><td>")
            page.data(entry.value)
            page.markup("</td></tr>")
        }
        page.markup("</tbody></table>\n")

        if let timings {
            page.markup("<table class=\"compact\" id=\"timings\"><caption>Timings (seconds)</caption><tbody>")
            for entry in timings {
                page.markup("<tr><th scope=\"row\">")
                page.data(
                    entry.name.replacingOccurrences(of: "_seconds", with: "").replacingOccurrences(of: "_", with: " "))
                page.markup("</th><td class=\"n\">")
                page.data(entry.value)
                page.markup("</td></tr>")
            }
            page.markup("</tbody></table>\n")
        }
        page.markup("</div>\n</section>\n")
    }

    // MARK: - Similarity

    private func renderSimilarity(into page: inout HTMLText) {
        page.markup("<section id=\"similarity\">\n<h2>Similarity scores</h2>\n")
        page.markup("<p class=\"lead\">Scores of the reported copies against their canonicals")
        if jaccard.series.count > 1 {
            page.markup(", and of the candidate pairs the LSH index proposed that verification did not judge copies")
        }
        page.markup(". A copy is near-duplicate at or above the Jaccard threshold, contained at or above the ")
        page.markup(
            "containment threshold (for a shorter side at least the minimum contained ratio of the longer).</p>\n")
        page.markup("<div class=\"charts\">\n")
        renderHistogram(jaccard, id: "histogram-jaccard", into: &page)
        renderHistogram(containment, id: "histogram-containment", into: &page)
        page.markup("</div>\n</section>\n")
    }

    private static let seriesColors = ["#2b6cb0", "#d69e2e", "#718096"]

    private func renderHistogram(_ histogram: SimilarityHistogram, id: String, into page: inout HTMLText) {
        let width = 560.0
        let height = 230.0
        let left = 48.0
        let right = 16.0
        let top = 28.0
        let bottom = 40.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maximum = max(1, histogram.maximumStack)
        func f(_ value: Double) -> String { JSONWriter.format(value, decimals: 1) }

        page.markup("<figure class=\"chart\" id=\"\(id)\">\n<figcaption>")
        page.data(histogram.title)
        page.markup(
            " <span class=\"scale\">pairs per bin of \(JSONWriter.format(1 / Double(histogram.bins), decimals: 3)), ")
        page.markup("square-root scale</span></figcaption>\n")
        page.markup("<svg viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"")
        page.data(histogram.title)
        page.markup("\">\n")
        // A square-root scale: the exact re-sends at 1 can outnumber the rest a hundredfold, and a bin of one or
        // two near misses should still show.
        func scaled(_ count: Int) -> Double { plotHeight * (Double(count) / Double(maximum)).squareRoot() }
        // Grid and y axis: 0, a quarter of the maximum (half the height) and the maximum.
        for value in Set([0, maximum / 4, maximum]).sorted() {
            let y = top + plotHeight - scaled(value)
            page.markup(
                "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\"/>")
            page.markup("<text class=\"tick\" x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">")
            page.markup("\(HTMLText.grouped(value))</text>\n")
        }
        let binWidth = plotWidth / Double(histogram.bins)
        for bin in 0..<histogram.bins {
            var stacked = 0
            for (seriesIndex, series) in histogram.series.enumerated() where series.counts[bin] > 0 {
                let count = series.counts[bin]
                let y0 = top + plotHeight - scaled(stacked)
                let barHeight = max(1, scaled(stacked + count) - scaled(stacked))
                stacked += count
                let x = left + Double(bin) * binWidth + 0.5
                let color = Self.seriesColors[seriesIndex % Self.seriesColors.count]
                page.markup("<rect x=\"\(f(x))\" y=\"\(f(y0 - barHeight))\" width=\"\(f(max(1, binWidth - 1)))\" ")
                page.markup("height=\"\(f(barHeight))\" fill=\"\(color)\"><title>")
                let low = JSONWriter.format(histogram.lowerEdge(of: bin), decimals: 2)
                let high = JSONWriter.format(histogram.lowerEdge(of: bin + 1), decimals: 2)
                page.data("\(low)–\(high): \(HTMLText.grouped(count)) \(series.name)")
                page.markup("</title></rect>\n")
            }
        }
        // X axis and its ticks every 0.1.
        let axisY = top + plotHeight
        page.markup("<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(axisY))\" ")
        page.markup("x2=\"\(f(width - right))\" y2=\"\(f(axisY))\"/>\n")
        for tick in 0...10 {
            let x = left + plotWidth * Double(tick) / 10
            page.markup(
                "<line class=\"axis\" x1=\"\(f(x))\" y1=\"\(f(axisY))\" x2=\"\(f(x))\" y2=\"\(f(axisY + 4))\"/>")
            page.markup("<text class=\"tick\" x=\"\(f(x))\" y=\"\(f(axisY + 17))\" text-anchor=\"middle\">")
            page.markup(JSONWriter.format(Double(tick) / 10, decimals: 1) + "</text>\n")
        }
        // Thresholds: labels alternate between two rows so that close thresholds stay readable.
        for (index, marker) in histogram.markers.enumerated() {
            let x = left + plotWidth * min(1, max(0, marker.value))
            let labelY = index % 2 == 0 ? top - 14 : top - 2
            let anchor = marker.value > 0.7 ? "end" : "start"
            let labelX = anchor == "end" ? x - 3 : x + 3
            page.markup(
                "<line class=\"threshold t\(index)\" x1=\"\(f(x))\" y1=\"\(f(top - 10 + Double(index % 2) * 12))\" ")
            page.markup("x2=\"\(f(x))\" y2=\"\(f(axisY))\"/>")
            page.markup(
                "<text class=\"marker t\(index)\" x=\"\(f(labelX))\" y=\"\(f(labelY))\" text-anchor=\"\(anchor)\">")
            page.data("\(marker.name) \(JSONWriter.format(marker.value, decimals: 3))")
            page.markup("</text>\n")
        }
        page.markup("</svg>\n<ul class=\"legend\">")
        for (seriesIndex, series) in histogram.series.enumerated() {
            let color = Self.seriesColors[seriesIndex % Self.seriesColors.count]
            page.markup("<li><span class=\"swatch\" style=\"background:\(color)\"></span>")
            page.data(series.name)
            page.markup(" <span class=\"count\">(\(HTMLText.grouped(series.total)))</span></li>")
        }
        page.markup("</ul>\n</figure>\n")
    }

    // MARK: - Clusters

    private func renderClusters(into page: inout HTMLText) {
        page.markup("<section id=\"clusters\">\n<h2>Largest clusters</h2>\n<p class=\"lead\">")
        if clusters.isEmpty {
            page.markup("The scan found no copies.</p>\n</section>\n")
            return
        }
        page.markup("The \(clusters.count) largest of \(HTMLText.counted(summary.clusters, "cluster")), ")
        page.markup("largest first (of equal sizes, the one with the least similar copy first). Beside each ")
        page.markup(
            "canonical, its \(HTMLText.counted(limits.pairsPerCluster, "least similar copy", "least similar copies")) ")
        page.markup("(then in input order); <mark>highlighted</mark> passages are shared word ")
        page.markup("\(settingsShingleSize)-grams, <del>struck-through</del> lines are boilerplate removed before ")
        page.markup("fingerprinting.</p>\n")
        for (position, cluster) in clusters.enumerated() {
            page.markup("<details class=\"cluster\" id=\"cluster-\(cluster.number)\"\(position < 5 ? " open" : "")>\n")
            page.markup("<summary><span class=\"cluster-number\">Cluster \(cluster.number)</span> ")
            page.markup("<span class=\"size\">\(cluster.size) documents</span> canonical <b class=\"id\">")
            page.data(cluster.canonical.id.description)
            page.markup("</b>")
            if let site = cluster.canonical.site {
                page.markup(" <span class=\"site\">")
                page.data(site)
                page.markup("</span>")
            }
            page.markup("</summary>\n")
            renderMembers(cluster, into: &page)
            for pair in cluster.pairs {
                renderPair(pair, into: &page)
            }
            page.markup("</details>\n")
        }
        page.markup("</section>\n")
    }

    private func renderMembers(_ cluster: ClusterView, into page: inout HTMLText) {
        page.markup("<table class=\"members\"><thead><tr><th>id</th><th>role</th><th>site</th>")
        page.markup("<th class=\"n\">Jaccard</th><th class=\"n\">containment</th><th>cross-source</th>")
        page.markup("<th class=\"n\">line</th></tr></thead><tbody>\n")
        for member in [cluster.canonical] + cluster.copies {
            page.markup("<tr><td class=\"id\">")
            page.data(member.id.description)
            page.markup("</td><td>")
            if let verdict = member.verdict {
                page.markup("<span class=\"kind \(verdict.kind.rawValue)\">\(verdict.kind.rawValue)</span>")
            } else {
                page.markup("<span class=\"kind canonical\">canonical</span>")
            }
            page.markup("</td><td>")
            page.data(member.site ?? "—")
            page.markup("</td>")
            if let verdict = member.verdict {
                page.markup("<td class=\"n\">\(JSONWriter.format(verdict.scores.jaccard, decimals: 3))</td>")
                page.markup("<td class=\"n\">\(JSONWriter.format(verdict.scores.containment, decimals: 3))</td>")
                page.markup("<td>\(verdict.crossSource ? "yes" : "no")</td>")
            } else {
                page.markup("<td class=\"n\">—</td><td class=\"n\">—</td><td>—</td>")
            }
            page.markup("<td class=\"n\">\(member.line)</td></tr>\n")
        }
        let unlisted = cluster.size - 1 - cluster.copies.count
        if unlisted > 0 {
            let more = HTMLText.counted(unlisted, "more copy", "more copies")
            page.markup("<tr class=\"more\"><td colspan=\"7\">… and \(more) ")
            page.markup("(see clusters.jsonl)</td></tr>\n")
        }
        page.markup("</tbody></table>\n")
    }

    private func renderPair(_ pair: Pair, into page: inout HTMLText) {
        guard let verdict = pair.copy.verdict else { return }
        page.markup("<div class=\"pair\">\n<p class=\"pair-head\"><span class=\"kind \(verdict.kind.rawValue)\">")
        page.markup("\(verdict.kind.rawValue)</span> <b class=\"id\">")
        page.data(pair.copy.id.description)
        page.markup("</b> copies <b class=\"id\">")
        page.data(pair.canonicalView.id.description)
        page.markup("</b>: Jaccard \(JSONWriter.format(verdict.scores.jaccard, decimals: 3)), containment ")
        page.markup("\(JSONWriter.format(verdict.scores.containment, decimals: 3)) ")
        page.markup("(shorter: \(verdict.scores.shorter.rawValue))")
        if verdict.crossSource { page.markup(", <span class=\"cross\">cross-source</span>") }
        page.markup("</p>\n<div class=\"sides\">\n")
        renderDocument(pair.canonicalView, role: "canonical", into: &page)
        renderDocument(pair.copyView, role: "copy", into: &page)
        page.markup("</div>\n</div>\n")
    }

    private func renderDocument(_ view: DocumentView, role: String, into page: inout HTMLText) {
        page.markup("<article class=\"doc \(role)\" data-id=\"")
        page.data(view.id.description)
        page.markup("\">\n<header><span class=\"role\">\(role)</span> <b class=\"id\">")
        page.data(view.id.description)
        page.markup("</b><span class=\"meta\">")
        var meta: [String] = []
        if let site = view.site { meta.append(site) }
        if let published = view.published { meta.append(Self.iso8601(published)) }
        meta.append("line \(view.line)")
        page.data(meta.joined(separator: " · "))
        page.markup("</span>")
        if let share = view.sharedShare {
            page.markup(
                "<span class=\"share\">\(JSONWriter.format(share * 100, decimals: 0))% of its story shared</span>")
        }
        page.markup("</header>\n")
        if let title = view.title {
            page.markup("<h4 class=\"headline\">")
            renderHighlighted(title, into: &page)
            page.markup("</h4>\n")
        }
        page.markup("<div class=\"text\">\n")
        for block in view.blocks {
            switch block {
            case .line(let line):
                guard !line.text.allSatisfy(\.isWhitespace) else { continue }
                page.markup("<p>")
                renderHighlighted(line, into: &page)
                page.markup("</p>\n")
            case .removed(let lines, let reason, let detail):
                page.markup("<div class=\"removed\"><span class=\"why\">")
                page.data(reason.rawValue)
                if !detail.isEmpty {
                    page.markup(" <span class=\"detail\">")
                    page.data(detail)
                    page.markup("</span>")
                }
                page.markup("</span>")
                for line in lines where !line.allSatisfy(\.isWhitespace) {
                    page.markup("<del>")
                    page.data(line)
                    page.markup("</del>")
                }
                page.markup("</div>\n")
            }
        }
        if view.omittedCharacters > 0 {
            page.markup(
                "<p class=\"omitted\">… \(HTMLText.grouped(view.omittedCharacters)) more characters not shown</p>\n")
        }
        page.markup("</div>\n</article>\n")
    }

    private func renderHighlighted(_ text: HighlightedText, into page: inout HTMLText) {
        guard !text.shared.isEmpty else {
            page.data(text.text)
            return
        }
        let utf8 = Array(text.text.utf8)
        var position = 0
        for range in text.shared {
            let lower = min(max(range.lowerBound, position), utf8.count)
            let upper = min(range.upperBound, utf8.count)
            guard lower < upper else { continue }
            page.data(String(decoding: utf8[position..<lower], as: UTF8.self))
            page.markup("<mark>")
            page.data(String(decoding: utf8[lower..<upper], as: UTF8.self))
            page.markup("</mark>")
            position = upper
        }
        page.data(String(decoding: utf8[position...], as: UTF8.self))
    }

    static func iso8601(_ timestamp: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: timestamp.secondsSinceEpoch))
    }

    // MARK: - Boilerplate

    private func renderBoilerplate(into page: inout HTMLText) {
        page.markup("<section id=\"boilerplate\">\n<h2>Boilerplate by site</h2>\n<p class=\"lead\">")
        if sites.isEmpty {
            page.markup("No site statistics: boilerplate removal was off or no document had a site.</p>\n</section>\n")
            return
        }
        page.markup("For each site, the blocks found in two or more of its distinct stories, most frequent first. ")
        page.markup("A block in at least the site's threshold of stories is removed as <em>repeated</em>; notices, ")
        page.markup("cue phrases, teasers and the runs of chrome around them are removed by the other rules.</p>\n")
        page.markup("<div class=\"sites\">\n")
        for site in sites {
            page.markup("<table class=\"site\"><caption><span class=\"site-name\">")
            page.data(site.site)
            page.markup("</span> \(HTMLText.counted(site.stories, "story", "stories")) · ")
            if let threshold = site.repeatedThreshold {
                page.markup("repeated at \(HTMLText.grouped(threshold))+ stories")
            } else {
                page.markup("too few stories for the repeated rule")
            }
            page.markup(" · \(HTMLText.counted(site.linesRemoved, "line")) removed from ")
            page.markup("\(HTMLText.counted(site.documentsWithRemovals, "document"))</caption>\n")
            page.markup("<thead><tr><th>block</th><th class=\"n\">stories</th><th class=\"n\">share</th>")
            page.markup("<th>removed</th></tr></thead><tbody>\n")
            if site.blocks.isEmpty {
                page.markup("<tr><td colspan=\"4\" class=\"none\">no block in two or more stories</td></tr>\n")
            }
            for block in site.blocks {
                page.markup("<tr\(block.removed ? " class=\"is-removed\"" : "")><td class=\"block\">")
                page.data(Self.shortened(block.text, to: 240))
                page.markup("</td><td class=\"n\">\(HTMLText.grouped(block.stories))</td>")
                page.markup("<td class=\"n\">\(JSONWriter.format(block.share * 100, decimals: 0))%</td>")
                page.markup("<td>\(block.removed ? "repeated" : "")</td></tr>\n")
            }
            if site.moreBlocks > 0 {
                page.markup(
                    "<tr class=\"more\"><td colspan=\"4\">… and \(HTMLText.counted(site.moreBlocks, "more block")) ")
                page.markup("(<code>dedup boilerplate</code> lists them all)</td></tr>\n")
            }
            page.markup("</tbody></table>\n")
        }
        page.markup("</div>\n")
        if moreSites > 0 {
            page.markup("<p class=\"more\">… and \(HTMLText.counted(moreSites, "more site")).</p>\n")
        }
        if !boilerplateExamples.isEmpty {
            page.markup("<h3>Pages with their boilerplate struck through</h3>\n<div class=\"examples\">\n")
            for example in boilerplateExamples {
                renderDocument(example, role: "page", into: &page)
            }
            page.markup("</div>\n")
        }
        page.markup("</section>\n")
    }

    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    // MARK: - Rejected lines

    private func renderRejected(into page: inout HTMLText) {
        page.markup("<section id=\"rejected\">\n<h2>Rejected lines</h2>\n")
        if rejected.isEmpty {
            page.markup("<p class=\"lead\">Every line was used.</p>\n</section>\n")
            return
        }
        page.markup("<p class=\"lead\">")
        if summary.rejected > rejected.count {
            page.markup("The first \(rejected.count) of \(HTMLText.grouped(summary.rejected)) (all in rejected.jsonl).")
        } else {
            page.markup("\(HTMLText.counted(summary.rejected, "line")).")
        }
        page.markup("</p>\n<table class=\"rejected\"><thead><tr><th>where</th><th>field</th><th>reason</th>")
        page.markup("<th>message</th></tr></thead><tbody>\n")
        for error in rejected {
            page.markup("<tr><td class=\"where\">")
            page.data("\((error.file as NSString).lastPathComponent):\(error.line)")
            page.markup("</td><td>")
            page.data(error.field ?? "—")
            page.markup("</td><td>\(error.reason.rawValue)</td><td>")
            page.data(error.message)
            page.markup("</td></tr>\n")
        }
        page.markup("</tbody></table>\n</section>\n")
    }

    // MARK: - Style

    static let style = """
        :root { --ink: #1a202c; --muted: #5a6475; --line: #e2e8f0; --panel: #f7f9fc; --accent: #2b6cb0;
          --mark: #fdeaa0; --del: #b83232; color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          color: var(--ink); background: #fff; }
        header.top { padding: 20px 32px 0; border-bottom: 1px solid var(--line); background: var(--panel); }
        h1 { margin: 0; font-size: 22px; }
        .input { margin: 2px 0 10px; color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace;
          font-size: 13px; overflow-wrap: anywhere; }
        nav { display: flex; flex-wrap: wrap; gap: 18px; padding-bottom: 10px; }
        nav a { color: var(--accent); text-decoration: none; font-weight: 600; font-size: 14px; }
        #show-removed { margin: 12px 6px 0 32px; }
        .toggle { font-size: 13px; color: var(--muted); }
        #show-removed:not(:checked) ~ main .removed { display: none; }
        main { padding: 0 32px 32px; max-width: 1400px; }
        section { margin-top: 28px; }
        h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 24px 0 8px; }
        .lead { color: var(--muted); margin: 0 0 14px; max-width: 80ch; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 10px; }
        .figure { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .figure .value { display: block; font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
        .figure .label { display: block; color: var(--muted); font-size: 13px; }
        .figure .note { display: block; color: var(--muted); font-size: 12px; }
        .tables { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 18px; align-items: flex-start; }
        table { border-collapse: collapse; font-size: 13.5px; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.total td { font-weight: 600; }
        tr.more td, p.more { color: var(--muted); font-style: italic; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 20px; }
        figure.chart { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        figcaption .scale { display: block; font-weight: 400; color: var(--muted); font-size: 12.5px; }
        svg { width: 100%; height: auto; display: block; }
        svg .grid { stroke: var(--line); }
        svg .axis { stroke: #4a5568; }
        svg .tick { font-size: 12px; fill: var(--muted); }
        svg .threshold { stroke: #c53030; stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg .threshold.t1 { stroke: #6b46c1; }
        svg .marker { font-size: 12px; fill: #c53030; font-weight: 600; }
        svg .marker.t1 { fill: #6b46c1; }
        .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; gap: 18px; font-size: 13px; }
        .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
          vertical-align: -1px; }
        .legend .count { color: var(--muted); }
        details.cluster { border: 1px solid var(--line); border-radius: 8px; margin: 14px 0; padding: 0 14px 10px; }
        details.cluster > summary { cursor: pointer; padding: 10px 0; font-size: 15px; }
        .cluster-number { font-weight: 700; }
        .size { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 0 8px;
          font-size: 12.5px; margin: 0 6px; }
        .site, .meta { color: var(--muted); }
        .id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
        table.members { width: 100%; margin-bottom: 8px; }
        .kind { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 600;
          background: #edf2f7; }
        .kind.exact { background: #c6f6d5; color: #22543d; }
        .kind.near_duplicate { background: #bee3f8; color: #2a4365; }
        .kind.contained { background: #fefcbf; color: #744210; }
        .kind.canonical { background: #e9d8fd; color: #44337a; }
        .cross { color: #9c4221; font-weight: 600; }
        .pair { margin-top: 14px; }
        .pair-head { margin: 0 0 6px; font-size: 14px; }
        .sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 14px; }
        @media (max-width: 900px) { .sides { grid-template-columns: minmax(0, 1fr); } main { padding: 0 14px 24px; }
          header.top { padding: 14px 14px 0; } #show-removed { margin-left: 14px; } footer { padding: 14px; } }
        article.doc { border: 1px solid var(--line); border-radius: 6px; background: #fff; overflow-wrap: anywhere; }
        article.doc > header { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; padding: 6px 10px;
          background: var(--panel); border-bottom: 1px solid var(--line); border-radius: 6px 6px 0 0; font-size: 13px; }
        article.doc .role { text-transform: uppercase; letter-spacing: .04em; font-size: 11px; font-weight: 700;
          color: var(--accent); }
        article.doc.copy .role { color: #9c4221; }
        .share { margin-left: auto; color: var(--muted); }
        .headline { margin: 8px 12px 0; font-size: 15px; }
        .text { padding: 4px 12px 8px; font-size: 14px; }
        .text p { margin: 6px 0; }
        mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
        .removed { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--del); background: #fff5f5; }
        .removed .why { display: block; font-size: 11.5px; font-weight: 700; color: var(--del); }
        .removed .detail { font-weight: 400; color: var(--muted); }
        .removed del { display: block; color: #7b5a5a; text-decoration-color: var(--del); }
        .omitted { color: var(--muted); font-style: italic; }
        .sites { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr)); gap: 20px;
          align-items: start; }
        table.site { width: 100%; }
        .site-name { font-size: 15px; margin-right: 8px; }
        table.site caption { font-weight: 400; color: var(--muted); }
        table.site caption .site-name { color: var(--ink); font-weight: 700; }
        td.block { overflow-wrap: anywhere; }
        tr.is-removed td.block { text-decoration: line-through; text-decoration-color: var(--del); }
        td.none { color: var(--muted); font-style: italic; }
        .examples { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 14px;
          align-items: start; }
        table.rejected { width: 100%; }
        td.where { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
        footer { padding: 16px 32px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--line); }

        """
}
