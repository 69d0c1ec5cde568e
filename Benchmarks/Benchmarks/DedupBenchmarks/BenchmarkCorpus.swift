import NewsCorpus

/// A generated corpus (see ``StandardCorpus``) and the sizes of its documents.
struct BenchmarkCorpus: Sendable {
    static let english = BenchmarkCorpus(.english)
    static let englishASCII = BenchmarkCorpus(.englishASCII)
    static let accentedLatin = BenchmarkCorpus(.accentedLatin)
    static let cjk = BenchmarkCorpus(.cjk)

    /// The corpus in `language`, generated on first use.
    static func of(_ language: NewsTextGenerator.Language) -> BenchmarkCorpus {
        switch language {
        case .english: english
        case .englishASCII: englishASCII
        case .accentedLatin: accentedLatin
        case .cjk: cjk
        }
    }

    let documents: [String]
    /// UTF-8 bytes of each document.
    let byteCounts: [Int]

    private init(_ language: NewsTextGenerator.Language) {
        documents = StandardCorpus.documents(language)
        byteCounts = documents.map(\.utf8.count)
    }

    /// The indices of the `count` documents that iteration `iteration` processes: consecutive iterations take
    /// consecutive slices, wrapping around, so every document is measured.
    func batch(iteration: Int, count: Int) -> Range<Int> {
        let batches = documents.count / count
        let start = (iteration % batches) * count
        return start..<(start + count)
    }

    /// Total UTF-8 bytes of the documents in `range`.
    func bytes(in range: Range<Int>) -> Int {
        byteCounts[range].reduce(0, +)
    }
}
