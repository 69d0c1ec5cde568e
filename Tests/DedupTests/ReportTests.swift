import Dedup
import Foundation
import Testing

/// ``ScanReport``: the model a scan's report is made of, its HTML page and how it is written.
@Suite("Scan report")
struct ReportTests {
    /// Scans `corpus` in `directory` without timings and returns the result.
    static func scan(
        _ corpus: ScanTestCorpus, in directory: ScanTestDirectory, options: ScanOptions = Self.options
    ) throws -> ScanResult {
        let input = try directory.write(corpus.contents, to: "corpus.jsonl")
        return try CorpusScanner(options: options).scan(path: input)
    }

    static var options: ScanOptions {
        var options = ScanOptions()
        options.includeTimings = false
        return options
    }

    /// The part of `html` from `start` to the next occurrence of `end` after it.
    static func slice(_ html: String, from start: String, to end: String) throws -> Substring {
        let lower = try #require(html.range(of: start), "\(start) is in the page")
        let upper = html.range(of: end, range: lower.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        return html[lower.lowerBound..<upper]
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The characters of `text` outside `ranges` (UTF-8 offsets).
    static func outside(_ ranges: [Range<Int>], in text: String) -> String {
        let bytes = Array(text.utf8)
        var covered = [Bool](repeating: false, count: bytes.count)
        for range in ranges { for offset in range { covered[offset] = true } }
        return String(decoding: bytes.indices.filter { !covered[$0] }.map { bytes[$0] }, as: UTF8.self)
    }

    // MARK: - Summary

    @Test("the summary shows the scan's figures, the settings and the copies by kind")
    func summaryFigures() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ScanTestCorpus.small(), in: directory)
        let report = try ScanReport(result: result)
        let html = report.html()

        #expect(report.summary.read == result.linesRead)
        #expect(report.summary.kept + report.summary.copies + report.summary.rejected == report.summary.read)
        let figures = [
            ("read", result.linesRead), ("documents", result.documents.count), ("kept", result.kept),
            ("copies", result.deduplication.matches.count), ("clusters", result.deduplication.clusters.count),
            ("rejected", result.rejected.count),
        ]
        for (name, value) in figures {
            #expect(
                html.contains("id=\"figure-\(name)\"><span class=\"value\">\(value)</span>"), "\(name) = \(value)")
        }
        let byKind = try Self.slice(html, from: "id=\"copies-by-kind\"", to: "</table>")
        for kind in CopyKind.allCases {
            let count = result.deduplication.matches.count(where: { $0.verdict.kind == kind })
            #expect(byKind.contains("\(kind.rawValue)</span></td><td class=\"n\">\(count)</td>"), "\(kind)")
        }
        let settings = try Self.slice(html, from: "id=\"settings\"", to: "</table>")
        #expect(settings.contains("near-duplicate threshold (Jaccard)</th><td>0.8</td>"))
        #expect(settings.contains("containment threshold</th><td>0.9</td>"))
        #expect(!html.contains("id=\"timings\""), "no timings without includeTimings")
    }

    @Test("timings appear only when the scan includes them, as in summary.json")
    func timings() throws {
        let directory = try ScanTestDirectory()
        var options = Self.options
        options.includeTimings = true
        let result = try Self.scan(ScanTestCorpus.small(), in: directory, options: options)
        let html = try ScanReport(result: result).html()
        let timings = try Self.slice(html, from: "id=\"timings\"", to: "</table>")
        #expect(timings.contains("fingerprint</th>"))
        #expect(timings.contains("match</th>"))
    }

    // MARK: - Clusters

    @Test("the largest clusters come first, each with its canonical and copies, side by side")
    func clusters() throws {
        let directory = try ScanTestDirectory()
        let test = ReportTestCorpus()
        let result = try Self.scan(test.corpus, in: directory)
        let report = try ScanReport(result: result)
        let html = report.html()

        let clusters = result.deduplication.clusters
        try #require(clusters.count == 2, "the corpus plants two clusters")
        #expect(report.clusters.map(\.size) == [3, 2])
        // Cluster 1 in clusters.jsonl is the smaller one (its canonical comes first in the input).
        #expect(report.clusters.map(\.number) == [2, 1])
        #expect(report.clusters[0].canonical.line == test.largeCanonical)
        #expect(report.clusters[0].copies.map(\.id) == ["metro-0", "harbor-0-v2"], "listed in input order")
        #expect(report.clusters[0].pairs.map(\.copy.id) == ["harbor-0-v2", "metro-0"], "shown least similar first")
        let first = try #require(html.range(of: "id=\"cluster-2\""))
        let second = try #require(html.range(of: "id=\"cluster-1\""))
        #expect(first.lowerBound < second.lowerBound)

        for cluster in report.clusters {
            let section = try Self.slice(html, from: "id=\"cluster-\(cluster.number)\"", to: "</details>")
            let canonical = Self.escaped(cluster.canonical.id.description)
            #expect(section.contains("<article class=\"doc canonical\" data-id=\"\(canonical)\">"))
            for copy in cluster.copies {
                let id = Self.escaped(copy.id.description)
                #expect(section.contains("<td class=\"id\">\(id)</td>"), "\(copy.id) is listed")
                #expect(section.contains("<article class=\"doc copy\" data-id=\"\(id)\">"), "\(copy.id) is shown")
            }
            #expect(section.components(separatedBy: "<div class=\"sides\">").count - 1 == cluster.pairs.count)
        }
        // The copy's whole text is there, beside the canonical's.
        let pair = try Self.slice(html, from: "data-id=\"harbor-0-v2\"", to: "</article>")
        #expect(pair.contains(Self.escaped(ReportTestCorpus.addedSentence)))
    }

    @Test("of clusters of one size, the one with the least similar copy comes first")
    func clusterTieBreak() throws {
        let directory = try ScanTestDirectory()
        var corpus = ScanTestCorpus()
        var stories: [MatchingProse.Story] = []
        for seed in 0..<4 {
            var prose = MatchingProse(seed: 9_300 + UInt64(seed))
            stories.append(prose.story(minimumWords: 160))
        }
        corpus.document("exact", text: stories[0].body, day: 1)
        corpus.document("edited", text: stories[1].body, day: 2)
        corpus.document("other", text: stories[2].body, day: 3)
        corpus.document("exact-copy", text: stories[0].body, day: 4)
        corpus.document("edited-copy", text: stories[1].body + "\n" + ReportTestCorpus.addedSentence, day: 5)
        corpus.document("unrelated", text: stories[3].body, day: 6)
        let result = try Self.scan(corpus, in: directory)
        let report = try ScanReport(result: result)
        #expect(report.clusters.map(\.number) == [2, 1])
        #expect(report.clusters.map(\.canonical.id) == ["edited", "exact"])
        #expect(report.clusters.first?.copies.first?.verdict?.kind == .nearDuplicate)
    }

    @Test("limits cap the clusters, the pairs, the members and the characters shown")
    func limits() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ReportTestCorpus().corpus, in: directory)
        var limits = ScanReport.Limits()
        limits.clusters = 1
        limits.pairsPerCluster = 1
        limits.membersPerCluster = 1
        limits.charactersPerDocument = 300
        let report = try ScanReport(result: result, limits: limits)
        #expect(report.clusters.count == 1)
        #expect(report.clusters[0].pairs.count == 1)
        #expect(report.clusters[0].copies.count == 1)
        let view = report.clusters[0].pairs[0].copyView
        #expect(view.omittedCharacters > 0)
        let html = report.html()
        #expect(html.contains("… and 1 more copy "))
        #expect(html.contains("more characters not shown"))
        #expect(ScanReport.linesNeeded(for: result, limits: limits).count <= 2 + limits.boilerplateExamples)
    }

    // MARK: - Shared passages

    @Test("the highlight covers the shared text and not the sentence only the copy has")
    func sharedPassages() throws {
        let directory = try ScanTestDirectory()
        let test = ReportTestCorpus()
        let result = try Self.scan(test.corpus, in: directory)
        let report = try ScanReport(result: result)
        let pair = try #require(report.clusters.first?.pairs.first { $0.copy.id == "harbor-0-v2" })

        var sawAdded = false
        var sharedLines = 0
        for block in pair.copyView.blocks {
            guard case .line(let line) = block, !line.text.isEmpty else { continue }
            if line.text == ReportTestCorpus.addedSentence {
                sawAdded = true
                #expect(line.shared.isEmpty, "the added sentence is not highlighted")
            } else {
                sharedLines += 1
                let rest = Self.outside(line.shared, in: line.text)
                #expect(!rest.contains { $0.isLetter || $0.isNumber }, "every word is highlighted: \(rest)")
            }
        }
        #expect(sawAdded)
        #expect(sharedLines == test.clusterStory.paragraphs.count)
        // The canonical's story is all shared; its removed footer is not part of the story.
        for block in pair.canonicalView.blocks {
            if case .line(let line) = block, !line.text.isEmpty {
                #expect(!Self.outside(line.shared, in: line.text).contains { $0.isLetter })
            }
        }
        #expect((pair.canonicalView.sharedShare ?? 0) > 0.99)
        let copyShare = try #require(pair.copyView.sharedShare)
        #expect(copyShare > 0.8 && copyShare < 1)

        // In the page: the story's first sentence inside a <mark>, the added sentence outside any.
        let html = report.html()
        let copy = try Self.slice(html, from: "<article class=\"doc copy\" data-id=\"harbor-0-v2\">", to: "</article>")
        #expect(copy.contains("<p>\(Self.escaped(ReportTestCorpus.addedSentence))</p>"))
        let firstSentence = test.clusterStory.paragraphs[0][0].trimmingCharacters(
            in: CharacterSet.alphanumerics.inverted)
        let text = try Self.slice(String(copy), from: "<div class=\"text\">", to: "</div>")
        let marked = try Self.slice(String(text), from: "<mark>", to: "</mark>")
        #expect(marked.contains(Self.escaped(firstSentence)))
    }

    @Test("shared passages: a changed word breaks the highlight only where it is")
    func changedWord() {
        let shingler = Shingler(size: 3, seed: 7)
        let original = LocatedTokens(parts: ["the quick brown fox jumps over the lazy dog today"])
        let edited = LocatedTokens(parts: ["The quick brown fox leaps over the lazy dog today."])
        let shared = SharedPassages(original, edited, shingler: shingler)
        // "leaps" breaks the three shingles that contain it; every other token is still in a shared one.
        #expect(shared.second == [true, true, true, true, false, true, true, true, true, true])
        let ranges = SharedPassages.ranges(shared.second, in: edited)
        #expect(
            ranges[0] == [0..<19, 26..<50], "a point can join digits, so the final period stays in its word's piece")
        #expect(SharedPassages.share(shared.second) == 0.9)
        // Shown, a passage takes in the punctuation touching it, and passages joined by punctuation alone merge.
        #expect(SharedPassages.widened([1..<4], in: "(abc), def") == [0..<6])
        #expect(SharedPassages.widened([0..<3, 5..<8], in: "abc--def") == [0..<8])
        #expect(SharedPassages.widened([3..<6, 7..<10], in: "\u{201C}abc def\u{201D}") == [0..<6, 7..<13])
    }

    @Test(
        "located tokens are the tokenizer's, and each one's range holds its text",
        arguments: [
            "Plain words, and punctuation: (Reuters) U.S.-made $1,200.50 rise; 3.5% up",
            "Company’s “quoted” text — with dashes… and l'été à Genève, Straße",
            "東京で会議が開かれた。 Tokyo 2026 summit",
            "ＦＵＬＬＷＩＤＴＨ ﬁne e\u{301}tude  tabs\tand\nnew lines ...",
        ])
    func locatedTokens(text: String) {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        let located = LocatedTokens(parts: parts)
        let whole = Tokenizer().tokenize(text)
        #expect(located.tokens.normalizedText == whole.normalizedText)
        #expect(located.count == whole.count)
        for (index, location) in located.locations.enumerated() {
            let part = Array(parts[location.part].utf8)
            let piece = String(decoding: part[location.range], as: UTF8.self)
            let token = located.tokens.tokens[index]
            #expect(Tokenizer().tokenize(piece).tokens.contains(token), "\(token) in \(piece)")
        }
    }

    // MARK: - Boilerplate

    @Test("removed boilerplate is struck through with its reason, and each site's blocks are tabled")
    func boilerplate() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ReportTestCorpus().corpus, in: directory)
        let report = try ScanReport(result: result)
        let pair = try #require(report.clusters.first?.pairs.first)
        let removed = pair.canonicalView.blocks.compactMap { block -> (lines: [String], reason: BoilerplateReason)? in
            if case .removed(let lines, let reason, _) = block { return (lines, reason) }
            return nil
        }
        #expect(removed.contains { $0.lines == [ReportTestCorpus.footer] && $0.reason == .repeated })

        let html = report.html()
        let canonical = try Self.slice(html, from: "<article class=\"doc canonical\"", to: "</article>")
        let footer = "<del>\(Self.escaped(ReportTestCorpus.footer))</del>"
        let block = try Self.slice(
            String(canonical), from: "<div class=\"removed\"><span class=\"why\">repeated", to: "</div>")
        #expect(block.contains(footer))
        #expect(block.contains("stories of Harbor Gazette"), "the reason's evidence")
        #expect(!canonical.contains("<mark>\(Self.escaped(ReportTestCorpus.footer))"))

        let harbor = try #require(report.sites.first { $0.site == ReportTestCorpus.harbor })
        #expect(harbor.stories == 8)
        let learned = try #require(harbor.blocks.first)
        #expect(learned.text == ReportTestCorpus.footer && learned.stories == 8 && learned.share == 1)
        #expect(learned.removed)
        let table = try Self.slice(html, from: "<span class=\"site-name\">Harbor Gazette</span>", to: "</table>")
        #expect(
            table.contains(
                "\(Self.escaped(ReportTestCorpus.footer))</td><td class=\"n\">8</td><td class=\"n\">100%</td>"))
        #expect(report.boilerplateExamples.contains { $0.site == ReportTestCorpus.harbor })
    }

    // MARK: - Rejected lines

    @Test("the rejected lines are listed with file, line, field and message")
    func rejected() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ScanTestCorpus.small(), in: directory)
        var limits = ScanReport.Limits()
        limits.rejected = 3
        let report = try ScanReport(result: result, limits: limits)
        let html = report.html()
        let section = try Self.slice(html, from: "<section id=\"rejected\">", to: "</section>")
        let first = result.rejected.sorted { $0.line < $1.line }
        for error in first.prefix(3) {
            #expect(section.contains("<td class=\"where\">corpus.jsonl:\(error.line)</td>"))
            #expect(section.contains(Self.escaped(error.message)))
        }
        #expect(!section.contains("corpus.jsonl:\(first[3].line)<"))
        #expect(section.contains("The first 3 of \(result.rejected.count)"))
    }

    // MARK: - Escaping, determinism, writing

    @Test("every text from the corpus is escaped: no markup of a document reaches the page")
    func escaping() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ReportTestCorpus().corpus, in: directory)
        let report = try ScanReport(result: result)
        try #require(report.clusters.contains { $0.copies.contains { $0.id == .string(ReportTestCorpus.scriptID) } })
        let html = report.html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bold"))
        #expect(!html.contains("<Daily>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(html.contains("alert(&quot;title&quot;)"))
        #expect(html.contains("data-id=\"evil&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""))
        #expect(html.contains("Metro &lt;Daily&gt; &amp; Co"))
    }

    @Test("the same corpus gives a byte-identical report, whatever the threads")
    func determinism() throws {
        let directory = try ScanTestDirectory()
        let corpus = ReportTestCorpus().corpus
        var one = Self.options
        one.threads = 1
        var four = Self.options
        four.threads = 4
        let first = try ScanReport(result: Self.scan(corpus, in: directory, options: one))
        let second = try ScanReport(result: Self.scan(corpus, in: directory, options: four))
        #expect(first == second)
        try first.write(to: directory.file("a/report.html"))
        try second.write(to: directory.file("b/report.html"))
        let a = try directory.read("a/report.html")
        let b = try directory.read("b/report.html")
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test("the report is written under a temporary name and renamed into place")
    func atomicWrite() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ReportTestCorpus().corpus, in: directory)
        let report = try ScanReport(result: result)
        let path = directory.file("nested/out/report.html")
        try directory.write("an older report", to: "stale.html")
        try report.write(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("nested/out")) == ["report.html"])
        #expect(try directory.read("nested/out/report.html") == Array(report.html().utf8))

        // Over an existing file: replaced whole.
        try report.write(to: directory.file("stale.html"))
        #expect(try directory.read("stale.html") == Array(report.html().utf8))

        // Onto a directory: the rename fails, the error names the path and no temporary file is left.
        try FileManager.default.createDirectory(
            atPath: directory.file("taken/report.html/x"), withIntermediateDirectories: true)
        #expect(throws: FileError.self) { try report.write(to: directory.file("taken/report.html")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("taken")) == ["report.html"])
    }

    @Test("a report cannot be made from an input that changed since the scan")
    func changedInput() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ReportTestCorpus().corpus, in: directory)
        try directory.write("{\"id\": \"x\", \"text\": \"short\"}\n", to: "corpus.jsonl")
        #expect(throws: FileError.self) { try ScanReport(result: result) }
    }

    // MARK: - Scores

    @Test("the candidate replay verifies exactly the scan's candidate pairs")
    func candidateReplay() throws {
        let directory = try ScanTestDirectory()
        let result = try Self.scan(ScanTestCorpus.large(lines: 400), in: directory)
        let replay = CandidateScores(replaying: result)
        #expect(replay.verified == result.deduplication.candidatesVerified)
        #expect(replay.verified == result.deduplication.matches.count + replay.rejected.count)
        let report = try ScanReport(result: result)
        #expect(report.jaccard.series.map(\.total) == [result.deduplication.matches.count, replay.rejected.count])
    }

    @Test("scores fall into their bins; exactly 1 is in the last, the threshold starts its own")
    func histogramBins() {
        let histogram = SimilarityHistogram(
            title: "t", bins: 50, series: [(name: "s", scores: [0, 0.019, 0.8, 0.799, 1, 1, .nan])],
            markers: [.init(name: "threshold", value: 0.8)])
        let counts = histogram.series[0].counts
        #expect(counts[0] == 2)
        #expect(counts[39] == 1 && counts[40] == 1)
        #expect(counts[49] == 2)
        #expect(histogram.series[0].total == 6)
        #expect(histogram.maximumStack == 2)
    }
}

@Suite("Report: shared text for explain")
struct SharedTextTests {
    @Test("the passage both texts have is listed, the sentence only one has is not")
    func sharedSentence() {
        let common = "The harbour authority approved a plan on Tuesday to dredge the northern channel."
        let first: [Substring] = ["Headline here", Substring("Only the first text says the mayor was away. " + common)]
        let second: [Substring] = [Substring(common + " A different closing line entirely about ferries.")]
        let shared = SharedText(first: first, second: second, shingler: Shingler(size: 5, seed: 42))
        #expect(shared.passages == [common])
        #expect(shared.shareOfFirst > 0.4 && shared.shareOfFirst < 0.7)
        #expect(shared.shareOfSecond > 0.5 && shared.shareOfSecond < 0.8)
        let none = SharedText(first: ["nothing in common at all here"], second: second, shingler: Shingler(size: 5, seed: 42))
        #expect(none.passages.isEmpty)
        #expect(none.shareOfFirst == 0)
    }
}
