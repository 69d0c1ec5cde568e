/// The corpora the benchmarks measure: 2,000 generated documents of about 600 words in each language, each from a
/// fixed seed, so every tool that measures them measures the same texts.
public enum StandardCorpus {
    /// Documents per corpus.
    public static let documentCount = 2_000
    /// Words per document, about the length of a news story.
    public static let wordsPerDocument = 600

    /// The documents in `language`. English and English ASCII share a seed: they are the same texts, with
    /// typographic or ASCII punctuation.
    public static func documents(_ language: NewsTextGenerator.Language) -> [String] {
        let seed: UInt64 =
            switch language {
            case .english, .englishASCII: 1
            case .accentedLatin: 2
            case .cjk: 3
            }
        var generator = NewsTextGenerator(seed: seed)
        return generator.documents(documentCount, words: wordsPerDocument, language: language)
    }
}
