import Dedup

/// The English corpus taken through the earlier stages, so that a benchmark of one stage measures that stage only.
enum PreparedCorpus {
    /// The tokens of every English document.
    static let tokens: [TokenizedText] = {
        let tokenizer = Tokenizer()
        return BenchmarkCorpus.english.documents.map { tokenizer.tokenize($0) }
    }()

    /// The distinct 5-word shingle hashes of every English document, in order of first occurrence: exactly what
    /// the fingerprinter feeds the MinHash sketch.
    static let distinctShingleHashes: [[UInt64]] = {
        let shingler = Shingler(size: MinHashSettings.standard.shingleSize, seed: MinHashSettings.standard.seed)
        return tokens.map { text in
            var seen = Set<UInt64>()
            return shingler.shingleHashes(of: text).filter { seen.insert($0).inserted }
        }
    }()
}
