/// An article's fingerprint and what boilerplate detection removed to make it.
public struct ProcessedArticle: Sendable, Hashable {
    /// The document as the matcher sees it.
    public var document: FingerprintedDocument
    /// The blocks removed and the attribution found.
    public var boilerplate: BoilerplateAnalysis
}

/// An article split into blocks, with the blocks' tokens (see ``ArticleFingerprinter/split(_:)``).
public struct SplitArticle: Sendable {
    /// The article.
    public let article: Article
    /// Its blocks.
    public let blocks: [TextBlock]
    /// The tokens of every block, in order; block `i`'s start at `tokenStarts[i]`.
    let tokens: TokenizedText
    let tokenStarts: [Int]
}

/// The whole path from an article to its fingerprint: blocks → site boilerplate removed → headline plus story
/// text → tokens → shingles → signature.
///
/// When boilerplate detection would leave no story at all, the fingerprint is made from the whole text instead, so
/// that a page of nothing but chrome still has one (and its analysis still lists what looked like chrome).
public struct ArticleFingerprinter: Sendable {
    /// The text fingerprinter.
    public let fingerprinter: Fingerprinter
    /// The boilerplate detector.
    public let detector: BoilerplateDetector
    /// The block splitter.
    public let splitter = BlockSplitter()

    /// A fingerprinter with the given settings and boilerplate rules.
    public init(settings: MinHashSettings = .standard, rules: BoilerplateRules = .standard) {
        self.fingerprinter = Fingerprinter(settings: settings)
        self.detector = BoilerplateDetector(rules: rules)
    }

    /// The blocks of an article's text.
    public func blocks(of article: Article, scratch: inout FingerprintScratch) -> [TextBlock] {
        splitter.blocks(of: article.text, collecting: &scratch.blockTokens, tokenStarts: &scratch.blockTokenStarts)
    }

    /// Fingerprints `article` after removing its site's boilerplate as `statistics` know it.
    public func process(
        _ article: Article, statistics: BoilerplateStatistics, scratch: inout FingerprintScratch
    ) -> ProcessedArticle {
        process(article, counts: statistics, scratch: &scratch)
    }

    /// Splits `article` into blocks and tokenizes them, once: a persistent index reads the site's counts of the
    /// blocks' keys, then fingerprints the same split with ``process(_:statistics:scratch:)-(SplitArticle,_,_)``.
    public func split(_ article: Article) -> SplitArticle {
        var tokens = TokenizedText()
        var tokenStarts: [Int] = []
        let blocks = splitter.blocks(of: article.text, collecting: &tokens, tokenStarts: &tokenStarts)
        return SplitArticle(article: article, blocks: blocks, tokens: tokens, tokenStarts: tokenStarts)
    }

    /// Fingerprints a split article after removing its site's boilerplate as `statistics` know it: the same as
    /// ``process(_:statistics:scratch:)-(Article,_,_)`` on the article.
    public func process(
        _ split: SplitArticle, statistics: BoilerplateStatistics, scratch: inout FingerprintScratch
    ) -> ProcessedArticle {
        process(
            split.article, blocks: split.blocks, tokens: split.tokens, tokenStarts: split.tokenStarts,
            counts: statistics, scratch: &scratch)
    }

    /// Fingerprints `article` after removing its site's boilerplate as `counts` know it (see ``BlockCounts``).
    func process<Counts: BlockCounts>(
        _ article: Article, counts statistics: Counts, scratch: inout FingerprintScratch
    ) -> ProcessedArticle {
        let blocks = splitter.blocks(
            of: article.text, collecting: &scratch.blockTokens, tokenStarts: &scratch.blockTokenStarts)
        return process(
            article, blocks: blocks, tokens: scratch.blockTokens, tokenStarts: scratch.blockTokenStarts,
            counts: statistics, scratch: &scratch)
    }

    /// Fingerprints `article`, whose blocks are `blocks` and their tokens `tokens` (block `i`'s from
    /// `tokenStarts[i]`), after removing its site's boilerplate as `counts` know it.
    private func process<Counts: BlockCounts>(
        _ article: Article, blocks: [TextBlock], tokens blockTokens: TokenizedText, tokenStarts: [Int],
        counts statistics: Counts, scratch: inout FingerprintScratch
    ) -> ProcessedArticle {
        let analysis = detector.analyze(
            blocks, tokens: (blockTokens, tokenStarts), site: article.site, statistics: statistics,
            memo: &scratch.shortBlocks)
        // The fingerprint's text is the headline, then the kept blocks (every block when nothing was removed, or
        // when only chrome would be left); their tokens are the ones block splitting made, so the story is not
        // tokenized twice. Line breaks always separate tokens, so this is the tokenization of that text.
        let keepAll = analysis.removed.isEmpty || !analysis.content.contains(where: \.hasWords)
        if let title = article.title, !title.isEmpty {
            fingerprinter.tokenizer.tokenize(title, into: &scratch.tokens)
        } else {
            scratch.tokens.removeAll()
        }
        var nextRemoved = 0
        for (index, block) in blocks.enumerated() {
            if !keepAll, nextRemoved < analysis.removed.count, analysis.removed[nextRemoved].firstLine == block.firstLine {
                nextRemoved += 1
                continue
            }
            let end = index + 1 < blocks.count ? tokenStarts[index + 1] : blockTokens.count
            scratch.tokens.append(blockTokens, tokens: tokenStarts[index]..<end)
        }
        let tokens = scratch.tokens
        let fingerprint = fingerprinter.fingerprint(tokens: tokens, scratch: &scratch)
        let document = FingerprintedDocument(
            id: article.id, site: article.site, published: article.published, fingerprint: fingerprint,
            attribution: analysis.attribution)
        return ProcessedArticle(document: document, boilerplate: analysis)
    }

    /// Fingerprints `article` with no site statistics (cue phrases and notices only).
    public func process(_ article: Article) -> ProcessedArticle {
        var scratch = FingerprintScratch(for: fingerprinter)
        return process(article, statistics: BoilerplateStatistics(), scratch: &scratch)
    }
}
