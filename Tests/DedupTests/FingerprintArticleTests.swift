import Dedup
import Testing

/// The article path fingerprints the kept blocks from the tokens block splitting made; it must give exactly the
/// fingerprint of the headline and the kept text tokenized afresh.
@Suite("Fingerprint: article path")
struct FingerprintArticleTests {
    /// The reference: the headline and the story text (what ArticleFingerprinter documents), fingerprinted anew.
    func reference(_ article: Article, _ analysis: BoilerplateAnalysis, _ fingerprinter: Fingerprinter) -> Fingerprint {
        var story = analysis.removed.isEmpty ? article.text : analysis.contentText
        if !analysis.content.contains(where: \.hasWords) { story = article.text }
        let text = article.title.map { $0.isEmpty ? story : $0 + "\n" + story } ?? story
        return fingerprinter.fingerprint(text)
    }

    @Test("generated pages, plain and noisy: the same fingerprints as the story text tokenized afresh")
    func generatedPages() throws {
        for corpus in [try GeneratorTestCorpus.standard.get(), try GeneratorTestCorpus.noisyShort.get()] {
            var statistics = BoilerplateStatistics()
            let processor = ArticleFingerprinter()
            for article in corpus.articles {
                statistics.add(processor.splitter.blocks(of: article.text), site: article.site)
            }
            var scratch = FingerprintScratch(for: processor.fingerprinter)
            var removedSome = 0
            for article in corpus.articles {
                let processed = processor.process(article, statistics: statistics, scratch: &scratch)
                if !processed.boilerplate.removed.isEmpty { removedSome += 1 }
                #expect(
                    processed.document.fingerprint == reference(article, processed.boilerplate, processor.fingerprinter),
                    "\(article.id)")
                // Split once (as a persistent index does: the blocks' keys first, the fingerprint later): the same.
                let split = processor.split(article)
                #expect(split.blocks == processor.splitter.blocks(of: article.text), "\(article.id)")
                #expect(processor.process(split, statistics: statistics, scratch: &scratch) == processed, "\(article.id)")
            }
            #expect(removedSome > corpus.articles.count / 2, "the check covers pages with chrome removed")
        }
    }

    @Test("line starts and ends that could join or split tokens: combining marks, CRLF, apostrophes, numbers")
    func lineEdges() {
        let texts = [
            "Caf\ne\u{301} opened\n\u{301}accent at a line start",
            "Windows lines\r\nend in CR LF\r\n\r\nand a blank one",
            "rock'\nn'roll and 1,\n200 people",
            "中文新闻\n标题 mixed with English words\nﬁnal ligature",
            "  indented wire copy starts here\nand continues on this line\n  second paragraph of it\nends here.",
        ]
        let processor = ArticleFingerprinter()
        for (number, text) in texts.enumerated() {
            for title in [nil, "", "A Headline"] as [String?] {
                let article = Article(id: .integer(Int64(number)), text: text, title: title)
                let processed = processor.process(article)
                #expect(processed.document.fingerprint == reference(article, processed.boilerplate, processor.fingerprinter))
                var scratch = FingerprintScratch(for: processor.fingerprinter)
                let split = processor.split(article)
                #expect(split.blocks == processor.splitter.blocks(of: text))
                #expect(processor.process(split, statistics: BoilerplateStatistics(), scratch: &scratch) == processed)
            }
        }
    }
}
