import Foundation

/// A scan as people read it: the figures, the spread of similarity scores against the thresholds, the largest
/// clusters with each copy beside its canonical and their shared passages marked, the boilerplate removed and why,
/// what each site's chrome looks like, and the lines that could not be used.
///
/// The report is a model: ``html()`` renders it as one self-contained page and ``write(to:)`` writes that page.
/// It shows the texts of only a few documents, and the scan keeps none, so ``init(result:limits:)`` reads those
/// lines of the input once more; ``init(result:articles:limits:)`` takes them from the caller instead.
///
/// ```swift
/// let result = try CorpusScanner().scan(path: "corpus.jsonl")
/// try ScanReport(result: result).write(to: "out/report.html")
/// ```
///
/// The same result gives the same report, byte for byte; wall-clock timings appear only when
/// ``ScanOptions/includeTimings`` is set, as in `summary.json`.
public struct ScanReport: Sendable, Hashable {
    /// How much the report shows, so that its size stays bounded whatever the corpus.
    public struct Limits: Sendable, Hashable {
        /// Clusters shown, largest first.
        public var clusters = 20
        /// Copies of a cluster shown side by side with the canonical: the least similar first (an exact copy shows
        /// nothing its canonical does not), then in input order.
        public var pairsPerCluster = 3
        /// Members of a cluster listed in its table.
        public var membersPerCluster = 25
        /// Characters of a document's lines shown; the rest is counted, not shown.
        public var charactersPerDocument = 12_000
        /// Sites in the boilerplate tables, most stories first.
        public var sites = 30
        /// Learned blocks listed per site.
        public var blocksPerSite = 10
        /// Pages shown with their boilerplate struck through, one per site of the tables, first sites first.
        public var boilerplateExamples = 6
        /// Rejected lines listed.
        public var rejected = 50
        /// Whether to replay the candidate search for the scores of the candidates that were not copies
        /// (see ``CandidateScores``); it costs about as much as the scan's match step.
        public var candidateScores = true

        /// The standard limits.
        public init() {}
    }

    /// The figures of the scan.
    public struct Summary: Sendable, Hashable {
        /// Input lines read.
        public var read: Int
        /// Accepted documents.
        public var documents: Int
        /// Documents that are not copies.
        public var kept: Int
        /// Copies reported.
        public var copies: Int
        /// Copies by kind.
        public var copiesByKind: [CopyKind: Int]
        /// Copies whose canonical is on another site.
        public var crossSource: Int
        /// Clusters of two or more documents.
        public var clusters: Int
        /// Rejected lines.
        public var rejected: Int
        /// Rejected lines by reason.
        public var rejectedByReason: [InputError.Reason: Int]
        /// Candidate pairs verified.
        public var candidatesVerified: Int
        /// Documents with at least one boilerplate block removed.
        public var documentsWithBoilerplate: Int
        /// Boilerplate blocks removed, by reason.
        public var blocksByReason: [BoilerplateReason: Int]
        /// Boilerplate lines removed, by reason.
        public var linesByReason: [BoilerplateReason: Int]
        /// Sites the boilerplate statistics know.
        public var sites: Int

        /// Boilerplate lines removed in all.
        public var linesRemoved: Int { linesByReason.values.reduce(0, +) }
    }

    /// A name and a value as shown: a setting, a timing.
    public struct Entry: Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value, formatted.
        public var value: String
    }

    /// A text with the UTF-8 offset ranges of its shared passages.
    public struct HighlightedText: Sendable, Hashable {
        /// The text as it came in.
        public var text: String
        /// Ranges of UTF-8 offsets into ``text`` covered by shared shingles, in order, not overlapping.
        public var shared: [Range<Int>]
    }

    /// One block of a shown document.
    public enum Block: Sendable, Hashable {
        /// A line of the story.
        case line(HighlightedText)
        /// Lines removed as boilerplate, with the rule and its evidence.
        case removed(lines: [String], reason: BoilerplateReason, detail: String)
    }

    /// A document as shown: its identity and its lines.
    public struct DocumentView: Sendable, Hashable {
        /// The id.
        public var id: ArticleID
        /// The 1-based input line.
        public var line: Int
        /// The site, if known.
        public var site: String?
        /// The publication time, if given.
        public var published: Timestamp?
        /// The headline, if given.
        public var title: HighlightedText?
        /// The lines of the text, story and boilerplate, in order (up to the character limit).
        public var blocks: [Block]
        /// Characters of the text left out by the limit.
        public var omittedCharacters: Int
        /// The share of the document's story tokens in passages shared with the other side, when beside one.
        public var sharedShare: Double?
    }

    /// A cluster member as listed.
    public struct Member: Sendable, Hashable {
        /// The id.
        public var id: ArticleID
        /// The 1-based input line.
        public var line: Int
        /// The site, if known.
        public var site: String?
        /// The verdict against the canonical; nil for the canonical itself.
        public var verdict: Verdict?
    }

    /// A copy beside its canonical.
    public struct Pair: Sendable, Hashable {
        /// The copy's verdict and identity.
        public var copy: Member
        /// The canonical, highlighted against this copy.
        public var canonicalView: DocumentView
        /// The copy, highlighted against the canonical.
        public var copyView: DocumentView
    }

    /// One of the largest clusters.
    public struct ClusterView: Sendable, Hashable {
        /// The cluster's number in `clusters.jsonl` (1-based, input order of the canonical).
        public var number: Int
        /// Its size, canonical included.
        public var size: Int
        /// The canonical.
        public var canonical: Member
        /// The copies listed (up to the limit), in input order.
        public var copies: [Member]
        /// The least similar copies beside the canonical (see ``Limits/pairsPerCluster``).
        public var pairs: [Pair]
    }

    /// A block a site repeats, as learned.
    public struct LearnedBlock: Sendable, Hashable {
        /// The block's text.
        public var text: String
        /// Distinct stories of the site containing it.
        public var stories: Int
        /// That count as a share of the site's stories.
        public var share: Double
        /// Whether the repeated rule removes it.
        public var removed: Bool
    }

    /// What the scan learned about one site's boilerplate.
    public struct SiteBoilerplate: Sendable, Hashable {
        /// The site.
        public var site: String
        /// Distinct stories counted.
        public var stories: Int
        /// Stories a block must be in to be removed as repeated; nil when the site has too few stories.
        public var repeatedThreshold: Int?
        /// Its most frequent blocks (in two or more stories), most frequent first.
        public var blocks: [LearnedBlock]
        /// Further blocks in two or more stories, not listed.
        public var moreBlocks: Int
        /// Documents of the site with boilerplate removed.
        public var documentsWithRemovals: Int
        /// Lines removed from the site's documents.
        public var linesRemoved: Int
    }

    /// The input path.
    public var input: String
    /// The figures.
    public var summary: Summary
    /// The settings and thresholds, in a fixed order.
    public var settings: [Entry]
    /// Seconds per phase; nil when the scan leaves timings out.
    public var timings: [Entry]?
    /// Estimated Jaccard similarity of reported copies (and of rejected candidates, when replayed).
    public var jaccard: SimilarityHistogram
    /// Containment of the shorter document in the longer, same series.
    public var containment: SimilarityHistogram
    /// The largest clusters: largest first, then the least similar copy first, then in cluster order.
    public var clusters: [ClusterView]
    /// Per-site boilerplate, most stories first, then by name.
    public var sites: [SiteBoilerplate]
    /// Sites known but not in ``sites``.
    public var moreSites: Int
    /// Pages with their boilerplate struck through.
    public var boilerplateExamples: [DocumentView]
    /// The first rejected lines, in input order.
    public var rejected: [InputError]
    /// The limits the report was made with.
    public var limits: Limits

    /// The report of `result`, reading the documents it shows from the scan's input.
    /// - Throws: ``FileError`` if the input cannot be read or changed since the scan.
    public init(result: ScanResult, limits: Limits = Limits()) throws {
        let lines = Self.linesNeeded(for: result, limits: limits)
        let articles = try InputLines.articles(
            inputs: result.inputs, positions: lines, fields: result.options.fields,
            maximumTextBytes: result.options.maxTextBytes)
        self.init(result: result, articles: articles, limits: limits)
    }

    /// The report of `result` with the documents it shows taken from `articles`, by input line (see
    /// ``linesNeeded(for:limits:)``); a document missing from it is left out of the report.
    public init(result: ScanResult, articles: [Int: Article], limits: Limits = Limits()) {
        self.input = result.input
        self.limits = limits
        self.summary = Self.summary(of: result)
        self.settings = Self.settings(of: result.options)
        self.timings =
            result.options.includeTimings
            ? result.timings.keys.sorted().map {
                Entry(name: $0, value: JSONWriter.format(result.timings[$0]!, decimals: 3))
            } : nil

        let policy = result.options.policy
        let matches = result.deduplication.matches
        let candidates = limits.candidateScores ? CandidateScores(replaying: result) : nil
        var jaccardSeries = [(name: "reported copies", scores: matches.map(\.verdict.scores.jaccard))]
        var containmentSeries = [(name: "reported copies", scores: matches.map(\.verdict.scores.containment))]
        if let candidates {
            let name = "verified candidates, not copies"
            jaccardSeries.append((name, candidates.rejected.map(\.jaccard)))
            containmentSeries.append((name, candidates.rejected.map(\.containment)))
        }
        self.jaccard = SimilarityHistogram(
            title: "Estimated Jaccard similarity", series: jaccardSeries,
            markers: [
                .init(name: "near-duplicate threshold", value: policy.nearDuplicateThreshold),
                .init(name: "LSH candidate threshold", value: policy.candidateThreshold),
            ])
        self.containment = SimilarityHistogram(
            title: "Containment of the shorter document in the longer", series: containmentSeries,
            markers: [.init(name: "containment threshold", value: policy.containmentThreshold)])

        let shingler = Shingler(size: result.options.settings.shingleSize, seed: result.options.settings.seed)
        var prepared: [Int: PreparedDocument] = [:]
        func document(_ index: Int) -> PreparedDocument? {
            if let ready = prepared[index] { return ready }
            let scanned = result.documents[index]
            guard let article = articles[scanned.line] else { return nil }
            let ready = PreparedDocument(article: article, scanned: scanned)
            prepared[index] = ready
            return ready
        }
        var verdictOf: [Int: Verdict] = [:]
        for match in matches { verdictOf[match.copy] = match.verdict }
        func member(_ index: Int) -> Member {
            let scanned = result.documents[index]
            return Member(
                id: scanned.document.id, line: scanned.line, site: scanned.document.site, verdict: verdictOf[index])
        }

        self.clusters = Self.largestClusters(of: result, limit: limits.clusters).map { number, cluster in
            let copies = cluster.members.dropFirst()
            var pairs: [Pair] = []
            for copy in Self.copiesShown(of: cluster, in: result, limit: limits.pairsPerCluster) {
                guard let original = document(cluster.canonical), let duplicate = document(copy) else { continue }
                let shared = SharedPassages(original.tokens, duplicate.tokens, shingler: shingler)
                pairs.append(
                    Pair(
                        copy: member(copy),
                        canonicalView: original.view(shared: shared.first, limit: limits.charactersPerDocument),
                        copyView: duplicate.view(shared: shared.second, limit: limits.charactersPerDocument)))
            }
            return ClusterView(
                number: number, size: cluster.members.count, canonical: member(cluster.canonical),
                copies: copies.prefix(limits.membersPerCluster).map(member), pairs: pairs)
        }

        let siteTables = Self.siteBoilerplate(of: result, limits: limits)
        self.sites = siteTables
        self.moreSites = max(0, result.statistics.sites.count - siteTables.count)
        self.boilerplateExamples = Self.exampleIndices(of: result, sites: siteTables, limit: limits.boilerplateExamples)
            .compactMap { document($0)?.view(shared: nil, limit: limits.charactersPerDocument) }
        // The scan lists them in input order, which line numbers alone do not give across several inputs.
        self.rejected = Array(result.rejected.prefix(limits.rejected))
    }

    /// The input lines of the documents a report of `result` shows: the canonical and the first copies of the
    /// largest clusters, and one page with boilerplate per listed site.
    public static func linesNeeded(for result: ScanResult, limits: Limits = Limits()) -> Set<Int> {
        var indices = Set<Int>()
        for (_, cluster) in largestClusters(of: result, limit: limits.clusters) where cluster.members.count > 1 {
            indices.insert(cluster.canonical)
            indices.formUnion(copiesShown(of: cluster, in: result, limit: limits.pairsPerCluster))
        }
        let sites = siteBoilerplate(of: result, limits: limits)
        indices.formUnion(exampleIndices(of: result, sites: sites, limit: limits.boilerplateExamples))
        return Set(indices.map { result.documents[$0].line })
    }

    // MARK: - Parts of the report

    /// The largest `limit` clusters with their 1-based numbers: most members first; among clusters of one size,
    /// the one with the least similar copy first (in a corpus of pairs, the exact re-sends would otherwise fill the
    /// report, while the edited copies are the ones worth reading), then in cluster order.
    static func largestClusters(of result: ScanResult, limit: Int) -> [(number: Int, cluster: Cluster)] {
        var jaccardOf: [Int: Double] = [:]
        for match in result.deduplication.matches { jaccardOf[match.copy] = match.verdict.scores.jaccard }
        let ranked = result.deduplication.clusters.enumerated().map { offset, cluster in
            (
                number: offset + 1, cluster: cluster,
                least: cluster.members.dropFirst().map { jaccardOf[$0] ?? 1 }.min() ?? 1
            )
        }
        let sorted = ranked.sorted { a, b in
            if a.cluster.members.count != b.cluster.members.count {
                return a.cluster.members.count > b.cluster.members.count
            }
            if a.least != b.least { return a.least < b.least }
            return a.number < b.number
        }
        return sorted.prefix(max(0, limit)).map { (number: $0.number, cluster: $0.cluster) }
    }

    /// The copies of `cluster` shown beside its canonical: the `limit` least similar (by estimated Jaccard), then
    /// in input order.
    static func copiesShown(of cluster: Cluster, in result: ScanResult, limit: Int) -> [Int] {
        let copies = Set(cluster.members.dropFirst())
        var jaccardOf: [Int: Double] = [:]
        for match in result.deduplication.matches where copies.contains(match.copy) {
            jaccardOf[match.copy] = match.verdict.scores.jaccard
        }
        let ordered = cluster.members.dropFirst().enumerated().sorted { a, b in
            let (x, y) = (jaccardOf[a.element] ?? 1, jaccardOf[b.element] ?? 1)
            return x != y ? x < y : a.offset < b.offset
        }
        return ordered.prefix(max(0, limit)).map(\.element)
    }

    static func summary(of result: ScanResult) -> Summary {
        let matches = result.deduplication.matches
        var copiesByKind: [CopyKind: Int] = [:]
        for match in matches { copiesByKind[match.verdict.kind, default: 0] += 1 }
        var rejectedByReason: [InputError.Reason: Int] = [:]
        for error in result.rejected { rejectedByReason[error.reason, default: 0] += 1 }
        var blocksByReason: [BoilerplateReason: Int] = [:]
        var linesByReason: [BoilerplateReason: Int] = [:]
        var documentsWithBoilerplate = 0
        for scanned in result.documents where !scanned.removed.isEmpty {
            documentsWithBoilerplate += 1
            for block in scanned.removed {
                blocksByReason[block.reason, default: 0] += 1
                linesByReason[block.reason, default: 0] += block.lastLine - block.firstLine + 1
            }
        }
        return Summary(
            read: result.linesRead, documents: result.documents.count, kept: result.kept, copies: matches.count,
            copiesByKind: copiesByKind, crossSource: matches.count(where: \.verdict.crossSource),
            clusters: result.deduplication.clusters.count, rejected: result.rejected.count,
            rejectedByReason: rejectedByReason, candidatesVerified: result.deduplication.candidatesVerified,
            documentsWithBoilerplate: documentsWithBoilerplate, blocksByReason: blocksByReason,
            linesByReason: linesByReason, sites: result.statistics.sites.count)
    }

    static func settings(of options: ScanOptions) -> [Entry] {
        let policy = options.policy
        let lsh = options.effectiveLSH
        func number(_ value: Double) -> String { JSONWriter.format(value, decimals: 3) }
        return [
            Entry(name: "near-duplicate threshold (Jaccard)", value: number(policy.nearDuplicateThreshold)),
            Entry(name: "containment threshold", value: number(policy.containmentThreshold)),
            Entry(name: "minimum contained ratio", value: number(policy.minimumContainedRatio)),
            Entry(name: "template rule", value: policy.templateRule.isEnabled ? "on" : "off"),
            Entry(name: "boilerplate removal", value: options.boilerplate.isEnabled ? "on" : "off"),
            Entry(name: "signature", value: "\(options.settings.length) values, \(options.settings.scheme.rawValue)"),
            Entry(name: "shingle size", value: "\(options.settings.shingleSize) words"),
            Entry(name: "seed", value: String(options.settings.seed)),
            Entry(name: "LSH banding", value: "\(lsh.bands) bands × \(lsh.rows) rows"),
            Entry(name: "LSH candidate threshold", value: number(policy.candidateThreshold)),
        ]
    }

    static func siteBoilerplate(of result: ScanResult, limits: Limits) -> [SiteBoilerplate] {
        let rules = result.options.boilerplate
        var documentsWithRemovals: [String: Int] = [:]
        var linesRemoved: [String: Int] = [:]
        for scanned in result.documents where !scanned.removed.isEmpty {
            let site = scanned.document.site ?? BoilerplateStatistics.unknownSite
            documentsWithRemovals[site, default: 0] += 1
            linesRemoved[site, default: 0] += scanned.removed.reduce(0) { $0 + $1.lastLine - $1.firstLine + 1 }
        }
        let sites = result.statistics.sites.sorted { a, b in
            a.value.stories != b.value.stories ? a.value.stories > b.value.stories : a.key < b.key
        }
        return sites.prefix(max(0, limits.sites)).map { site, statistics in
            let applies = rules.isEnabled && statistics.stories >= rules.minimumRepeatedStories
            let threshold = applies ? rules.repeatedThreshold(stories: statistics.stories) : nil
            let learned = statistics.learnedBlocks()
            let blocks = learned.prefix(max(0, limits.blocksPerSite)).map { block in
                LearnedBlock(
                    text: block.text, stories: block.stories,
                    share: Double(block.stories) / Double(max(1, statistics.stories)),
                    removed: threshold.map { block.stories >= $0 } ?? false)
            }
            return SiteBoilerplate(
                site: site, stories: statistics.stories, repeatedThreshold: threshold, blocks: blocks,
                moreBlocks: learned.count - blocks.count, documentsWithRemovals: documentsWithRemovals[site] ?? 0,
                linesRemoved: linesRemoved[site] ?? 0)
        }
    }

    /// For the first `limit` listed sites with removals, the first of their documents (in input order) with the
    /// most removed blocks among its first few.
    static func exampleIndices(of result: ScanResult, sites: [SiteBoilerplate], limit: Int) -> [Int] {
        let wanted = sites.filter { $0.documentsWithRemovals > 0 }.prefix(max(0, limit)).map(\.site)
        var best: [String: Int] = [:]
        var seen: [String: Int] = [:]
        let wantedSet = Set(wanted)
        for (index, scanned) in result.documents.enumerated() where !scanned.removed.isEmpty {
            let site = scanned.document.site ?? BoilerplateStatistics.unknownSite
            guard wantedSet.contains(site), seen[site, default: 0] < 20 else { continue }
            seen[site, default: 0] += 1
            if let current = best[site], result.documents[current].removed.count >= scanned.removed.count {
                continue
            }
            best[site] = index
        }
        return wanted.compactMap { best[$0] }
    }
}

/// A shown document's text cut into parts (the headline, then each line) and its story tokens located in them.
struct PreparedDocument {
    let scanned: ScannedDocument
    let article: Article
    /// Part 0 is the headline ("" without one); part n is line n of the text.
    let parts: [Substring]
    /// The story tokens (headline and the lines not removed, as the fingerprint reads them).
    let tokens: LocatedTokens

    init(article: Article, scanned: ScannedDocument) {
        self.article = article
        self.scanned = scanned
        let lines = article.text.lineSlices(droppingCarriageReturns: true)
        let parts = [Substring(article.title ?? "")] + lines
        self.parts = parts
        var removed = Set<Int>()
        for block in scanned.removed { removed.formUnion(block.firstLine...block.lastLine) }
        let story = parts.enumerated().map { index, part in removed.contains(index) ? Substring() : part }
        let tokens = LocatedTokens(parts: story)
        // As the fingerprinter does: a page of nothing but chrome is fingerprinted whole.
        let storyHasWords = tokens.locations.contains { $0.part > 0 }
        self.tokens = storyHasWords || removed.isEmpty ? tokens : LocatedTokens(parts: parts)
    }

    /// The document as shown, with the tokens flagged in `shared` highlighted.
    func view(shared: [Bool]?, limit: Int) -> ScanReport.DocumentView {
        let ranges = shared.map { SharedPassages.ranges($0, in: tokens) } ?? [:]
        func highlighted(_ part: Int) -> ScanReport.HighlightedText {
            ScanReport.HighlightedText(
                text: String(parts[part]), shared: SharedPassages.widened(ranges[part] ?? [], in: parts[part]))
        }
        var blockAt: [Int: RemovedBlock] = [:]
        for block in scanned.removed { blockAt[block.firstLine] = block }
        var blocks: [ScanReport.Block] = []
        var shown = 0
        var omitted = 0
        var line = 1
        while line < parts.count {
            let block = blockAt[line]
            let last = block.map { min($0.lastLine, parts.count - 1) } ?? line
            let size = parts[line...last].reduce(0) { $0 + $1.count }
            if omitted > 0 || (shown + size > limit && !blocks.isEmpty) {
                omitted += size
            } else if let block {
                blocks.append(
                    .removed(lines: parts[line...last].map(String.init), reason: block.reason, detail: block.detail))
                shown += size
            } else {
                blocks.append(.line(highlighted(line)))
                shown += size
            }
            line = last + 1
        }
        let title = parts[0].isEmpty ? nil : highlighted(0)
        return ScanReport.DocumentView(
            id: article.id, line: scanned.line, site: article.site, published: article.published, title: title,
            blocks: blocks, omittedCharacters: omitted, sharedShare: shared.map(SharedPassages.share))
    }
}
