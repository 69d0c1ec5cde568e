import Dedup

/// Writes deterministic, news-like documents for the benchmarks: the same seed gives the same texts on every
/// machine, so runs compare.
///
/// English documents draw words from ``WordLists/english`` with Zipf-like frequencies (rank r has weight 1/r, as
/// in real text), and mix in what the tokenizer has to handle in news: capitalized names, figures with thousands
/// separators and decimals, percentages, curly apostrophes and quotes, dashes, and paragraph breaks. The accented
/// and CJK variants exercise the tokenizer's non-ASCII path (NFKC, case folding, one token per Han or kana
/// character).
public struct NewsTextGenerator {
    public enum Language: Sendable, CaseIterable {
        /// English with news typography: curly apostrophes and quotes, en dashes.
        case english
        /// The same English with straight apostrophes and quotes and hyphens: pure ASCII.
        case englishASCII
        /// French, German, Spanish and Portuguese words with diacritics, some uppercase, some decomposed or with
        /// ligatures, and a few Greek and Cyrillic words.
        case accentedLatin
        /// Chinese and Japanese sentences with no spaces, with Latin names and figures mixed in.
        case cjk
    }

    private var random: SplitMix64
    private let cumulativeWeights: [Double]

    /// A generator whose documents are fixed by `seed`.
    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        var total = 0.0
        cumulativeWeights = WordLists.english.indices.map { rank in
            total += 1 / Double(rank + 1)
            return total
        }
    }

    /// `count` documents of about `words` words each (for CJK, about `2 * words` characters).
    public mutating func documents(_ count: Int, words: Int, language: Language) -> [String] {
        (0..<count).map { _ in document(words: words, language: language) }
    }

    /// One document of about `words` words, in paragraphs separated by newlines.
    public mutating func document(words: Int, language: Language) -> String {
        var text = ""
        text.reserveCapacity(words * 8)
        var written = 0
        while written < words {
            if !text.isEmpty { text += "\n" }
            let sentences = 2 + next(below: 3)
            for sentenceIndex in 0..<sentences where written < words {
                if sentenceIndex > 0 && language != .cjk { text += " " }
                switch language {
                case .english: written += appendEnglishSentence(to: &text, typographic: true)
                case .englishASCII: written += appendEnglishSentence(to: &text, typographic: false)
                case .accentedLatin: written += appendAccentedSentence(to: &text)
                case .cjk: written += appendCJKSentence(to: &text)
                }
            }
        }
        return text
    }

    // MARK: - Sentences

    private mutating func appendEnglishSentence(to text: inout String, typographic: Bool) -> Int {
        let length = 8 + next(below: 21)
        for position in 0..<length {
            if position > 0 { text += next(below: 14) == 0 ? ", " : " " }
            var word: String
            switch next(below: 40) {
            case 0, 1: word = pick(WordLists.names)
            case 2: word = figure()
            case 3: word = "\(next(below: 30) + 1)%"
            case 4: word = pick(WordLists.names) + (typographic ? "’s" : "'s")
            case 5: word = typographic ? "“" + zipfWord() + "”" : "\"" + zipfWord() + "\""
            case 6: word = typographic ? "–" : "-"
            default: word = zipfWord()
            }
            if position == 0 { word = capitalizedFirst(word) }
            text += word
        }
        text += pick([".", ".", ".", ".", "?", "!"])
        return length
    }

    private mutating func appendAccentedSentence(to text: inout String) -> Int {
        let length = 8 + next(below: 21)
        for position in 0..<length {
            if position > 0 { text += next(below: 14) == 0 ? ", " : " " }
            var word: String
            switch next(below: 12) {
            case 0: word = pick(WordLists.accentedNames)
            case 1: word = figure()
            // Plain ASCII words keep the mix realistic: accented text is mostly unaccented letters.
            case 2, 3, 4: word = zipfWord()
            default: word = pick(WordLists.accented)
            }
            if position == 0 { word = capitalizedFirst(word) }
            text += word
        }
        text += "."
        return length
    }

    private mutating func appendCJKSentence(to text: inout String) -> Int {
        // Counted in "words" of about two characters, so a CJK document has about as many tokens as an English one
        // has words times two.
        let length = 6 + next(below: 15)
        for position in 0..<length {
            if position > 0 && next(below: 8) == 0 { text += "，" }
            switch next(below: 16) {
            case 0: text += pick(WordLists.names)
            case 1: text += String(next(below: 2_000) + 1)
            case 2, 3, 4: text += pick(WordLists.japanese)
            default: text += pick(WordLists.chinese)
            }
        }
        text += "。"
        return length
    }

    // MARK: - Pieces

    private mutating func zipfWord() -> String {
        let target = Double(next(below: 1 << 30)) / Double(1 << 30) * cumulativeWeights[cumulativeWeights.count - 1]
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] < target { low = middle + 1 } else { high = middle }
        }
        return WordLists.english[low]
    }

    private mutating func figure() -> String {
        switch next(below: 4) {
        case 0: return String(1_990 + next(below: 40))
        case 1: return "\(next(below: 99) + 1),\(String(next(below: 1_000) + 1_000).dropFirst())"
        case 2: return "\(next(below: 100)).\(next(below: 10))"
        default: return String(next(below: 500) + 1)
        }
    }

    private func capitalizedFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    private mutating func pick(_ words: [String]) -> String {
        words[next(below: words.count)]
    }

    private mutating func next(below bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }
}
