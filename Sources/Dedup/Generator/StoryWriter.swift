/// How a site writes quotes and percentages.
struct WritingStyle: Sendable {
    var curlyQuotes: Bool
    var percentSign: Bool

    init(_ site: GeneratedSite) {
        curlyQuotes = site.curlyQuotes
        percentSign = site.percentSign
    }
}

/// Writes stories from event facts: a lead paragraph, then paragraphs of sentences and quotes.
///
/// Sentences are runs of Zipf-distributed words with the story's topic words mixed in, joined with stock phrases
/// shared by many stories, names, places, organizations, figures and time phrases. Words are copied as bytes from
/// the vocabulary, so writing a story makes no `String`s.
struct StoryWriter {
    let material: GeneratorMaterial
    // Copies of the material the hot loop reads, held by value so that reading them costs no reference counting.
    private let packedVocabulary: PackedWords
    private let zipf: ZipfSampler
    private let isNumberWord: [Bool]
    /// Where a run of words is gathered before it is appended in one copy.
    private let scratch: WordScratch

    init(material: GeneratorMaterial) {
        self.material = material
        packedVocabulary = material.packedVocabulary
        zipf = material.zipf
        isNumberWord = material.isNumberWord
        scratch = WordScratch()
    }

    /// Where the writer is inside the current unit.
    struct Cursor {
        var needsSpace = false
        /// Per-word chance of a typo, in 1/65536.
        var typoThreshold: UInt64 = 0
        /// No figures: no numbers and no number words (for text an edit adds, so that a copy never looks like a
        /// template story with replaced figures).
        var figureFree = false
        /// The site writes "14%" rather than "14 percent".
        var percentSign = false
    }

    // MARK: Stories

    /// A new story of about `targetTokens` tokens.
    /// - Parameters:
    ///   - dateline: a wire's dateline ("PORT MARROW, March 5 (Northline Wire) - ") opening the lead.
    ///   - typoRate: the per-word chance of a typo (an original's slip, which an edited copy may fix).
    func story(
        facts: EventFacts, seed: UInt64, targetTokens: Int, style: WritingStyle, dateline: [UInt8]?,
        typoRate: Double = 1.0 / 300
    ) -> StoryText {
        var random = SplitMix64(seed: seed)
        var story = StoryText()
        var cursor = Cursor(typoThreshold: UInt64(typoRate * 65536), percentSign: style.percentSign)
        story.beginParagraph()
        story.beginUnit()
        if let dateline { story.bytes.append(contentsOf: dateline) }
        lead(facts: facts, story: &story, random: &random, cursor: &cursor)
        story.endUnit()
        var quotes = 0
        while story.tokenCount < targetTokens {
            paragraph(facts: facts, story: &story, random: &random, cursor: &cursor, style: style, quotes: &quotes)
        }
        return story
    }

    /// Appends paragraphs of new text, about `tokens` tokens, to `story`: an update's new paragraphs.
    func appendParagraphs(
        to story: inout StoryText, facts: EventFacts, tokens: Int, style: WritingStyle, random: inout SplitMix64
    ) {
        var cursor = Cursor(percentSign: style.percentSign)
        var quotes = 1
        let target = story.tokenCount + tokens
        while story.tokenCount < target {
            paragraph(facts: facts, story: &story, random: &random, cursor: &cursor, style: style, quotes: &quotes)
        }
    }

    /// A sentence without figures of at most `maxTokens` tokens, for an edit to add.
    func addedSentence(facts: EventFacts, maxTokens: Int, random: inout SplitMix64) -> [UInt8] {
        if maxTokens < 9 {
            return Array(material.shortSentences[random.below(material.shortSentences.count)])
        }
        var scratch = StoryText()
        var cursor = Cursor(figureFree: true)
        scratch.beginParagraph()
        scratch.beginUnit()
        sentence(
            facts: facts, story: &scratch, random: &random, cursor: &cursor, tokens: 6...min(24, maxTokens - 3))
        return scratch.bytes
    }

    /// A headline for the event (without figures); another `random` words it differently.
    func headline(facts: EventFacts, random: inout SplitMix64) -> [UInt8] {
        let org = Array(material.organizations[facts.organizations[random.below(2)]])
        let place = Array(material.places[facts.place])
        let noun0 = Array(material.topicNouns[facts.nouns[0]])
        let noun1 = Array(material.topicNouns[facts.nouns[1]])
        let verb = Array(
            material.headlineVerbs[random.chance(0.5) ? facts.verb : random.below(material.headlineVerbs.count)])
        var topicRank = facts.topicWords[random.below(facts.topicWords.count)]
        if material.isNumberWord[topicRank] { topicRank = facts.topicWords[0] }
        let topic = Array(material.vocabulary[topicRank])
        let words: [[UInt8]]
        switch random.below(6) {
        case 0:
            words = [org, verb, noun0, noun1, Array("plan".utf8)]
        case 1:
            words = [place, noun0, verb, Array("amid".utf8), topic, Array("dispute".utf8)]
        case 2:
            let person = material.people[facts.people[0]]
            let surname = Array(person[(person.lastIndex(of: 0x20).map { $0 + 1 } ?? person.startIndex)...])
            words = [surname, verb, noun0, Array("as".utf8), place, Array("weighs".utf8), noun1]
        case 3:
            words = [
                place, Array("council".utf8), verb, topic, noun0, Array("after".utf8), noun1, Array("review".utf8),
            ]
        case 4:
            words = [org, verb, noun0, Array("in".utf8), place]
        default:
            words = [Array("What the".utf8), noun0, topic, Array("means for".utf8), place]
        }
        var bytes = Array(words.joined(separator: [0x20]))
        if let first = bytes.first, (0x61...0x7A).contains(first) { bytes[0] = first - 0x20 }
        return bytes
    }

    // MARK: Paragraphs and sentences

    private func paragraph(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor,
        style: WritingStyle, quotes: inout Int
    ) {
        story.beginParagraph()
        if random.chance(0.2) {
            story.beginUnit()
            cursor.needsSpace = false
            quote(facts: facts, story: &story, random: &random, cursor: &cursor, style: style, eventQuote: quotes == 0)
            quotes += 1
            story.endUnit()
            return
        }
        for _ in 0..<random.inRange(1...3) {
            story.beginUnit()
            cursor.needsSpace = false
            sentence(facts: facts, story: &story, random: &random, cursor: &cursor, tokens: 12...32)
            story.bytes.append(UInt8(ascii: "."))
            story.endUnit()
        }
    }

    /// The lead: one long sentence that names the organization, the subject, the place and a figure.
    private func lead(facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor) {
        let start = story.bytes.count
        organization(facts: facts, story: &story, random: &random, cursor: &cursor)
        var words = 3 + filler(random.inRange(2...4), facts: facts, story: &story, random: &random, cursor: &cursor)
        words += topicNoun(facts: facts, story: &story, random: &random, cursor: &cursor)
        words += filler(random.inRange(2...4), facts: facts, story: &story, random: &random, cursor: &cursor)
        words += place(facts: facts, story: &story, cursor: &cursor)
        words += filler(random.inRange(1...3), facts: facts, story: &story, random: &random, cursor: &cursor)
        words += number(facts: facts, story: &story, random: &random, cursor: &cursor, fromFacts: true)
        let target = random.inRange(22...32)
        while words < target {
            words += filler(
                min(target - words, random.inRange(2...5)), facts: facts, story: &story, random: &random,
                cursor: &cursor)
        }
        capitalize(&story.bytes, at: start)
        story.bytes.append(UInt8(ascii: "."))
    }

    /// A sentence of about `tokens` words, without its final period.
    private func sentence(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor,
        tokens: ClosedRange<Int>
    ) {
        let start = story.bytes.count + (cursor.needsSpace ? 1 : 0)
        let target = random.inRange(tokens)
        var words = 0
        if random.chance(0.1) {
            words += phrase(material.openers, random.below(material.openers.count), story: &story, cursor: &cursor)
        }
        while words < target {
            if words > 0 && random.chance(0.1) { story.bytes.append(UInt8(ascii: ",")) }
            let segment = random.below(100)
            switch segment {
            case 0..<62:
                words += filler(
                    random.inRange(3...8), facts: facts, story: &story, random: &random, cursor: &cursor)
            case 62..<70:
                let index = random.below(material.stockPhrases.count)
                words += phrase(material.stockPhrases, index, story: &story, cursor: &cursor)
            case 70..<76:
                words += person(facts: facts, story: &story, random: &random, cursor: &cursor)
            case 76..<80:
                words += organization(facts: facts, story: &story, random: &random, cursor: &cursor)
            case 80..<83:
                words += place(facts: facts, story: &story, cursor: &cursor)
            case 83..<90:
                if cursor.figureFree {
                    words += topicNoun(facts: facts, story: &story, random: &random, cursor: &cursor)
                } else {
                    words += number(facts: facts, story: &story, random: &random, cursor: &cursor, fromFacts: false)
                }
            case 90..<95:
                words += time(story: &story, random: &random, cursor: &cursor)
            default:
                words += topicNoun(facts: facts, story: &story, random: &random, cursor: &cursor)
            }
        }
        capitalize(&story.bytes, at: start)
    }

    /// A quote paragraph; the event's own quote (the same words in every report of the event) when `eventQuote`.
    private func quote(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor,
        style: WritingStyle, eventQuote: Bool
    ) {
        let open: [UInt8] = style.curlyQuotes ? [0xE2, 0x80, 0x9C] : [0x22]
        let close: [UInt8] = style.curlyQuotes ? [0xE2, 0x80, 0x9D] : [0x22]
        var words = SplitMix64(seed: eventQuote ? facts.quoteSeed : random.split())
        let speaker = eventQuote ? 0 : random.below(3)
        let format = random.below(3)
        func body() {
            cursor.needsSpace = false
            sentence(facts: facts, story: &story, random: &words, cursor: &cursor, tokens: 8...22)
        }
        func attribution() {
            story.bytes.append(contentsOf: material.people[facts.people[speaker]])
            story.bytes.append(contentsOf: ", ".utf8)
            story.bytes.append(contentsOf: material.roles[facts.roles[speaker]])
            story.bytes.append(contentsOf: " of the ".utf8)
            story.bytes.append(contentsOf: material.organizations[facts.organizations[speaker % 2]])
        }
        switch format {
        case 0:
            story.bytes.append(contentsOf: open)
            body()
            story.bytes.append(UInt8(ascii: ","))
            story.bytes.append(contentsOf: close)
            story.bytes.append(contentsOf: " said ".utf8)
            attribution()
            story.bytes.append(UInt8(ascii: "."))
        case 1:
            attribution()
            story.bytes.append(contentsOf: ", said: ".utf8)
            story.bytes.append(contentsOf: open)
            body()
            story.bytes.append(UInt8(ascii: "."))
            story.bytes.append(contentsOf: close)
        default:
            story.bytes.append(contentsOf: open)
            body()
            story.bytes.append(UInt8(ascii: ","))
            story.bytes.append(contentsOf: close)
            story.bytes.append(0x20)
            story.bytes.append(contentsOf: material.people[facts.people[speaker]])
            story.bytes.append(contentsOf: " said. ".utf8)
            story.bytes.append(contentsOf: open)
            body()
            story.bytes.append(UInt8(ascii: "."))
            story.bytes.append(contentsOf: close)
        }
        cursor.needsSpace = true
    }

    // MARK: Segments (each returns the number of words it wrote)

    @inline(__always)
    private func word(_ bytes: ArraySlice<UInt8>, story: inout StoryText, cursor: inout Cursor) {
        if cursor.needsSpace { story.bytes.append(0x20) }
        story.bytes.append(contentsOf: bytes)
        cursor.needsSpace = true
    }

    private func filler(
        _ count: Int, facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor
    ) -> Int {
        let vocabulary = packedVocabulary
        let topicWords = facts.topicWords
        // Words are gathered in the scratch buffer and appended in one copy per run (or before a typo).
        precondition(count <= WordScratch.capacity, "a run of words fits the scratch buffer")
        let base = scratch.base
        var length = 0
        for _ in 0..<count {
            let draw = random.next()
            if (draw >> 16) & 0xFFFF < cursor.typoThreshold {
                story.bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: length))
                length = 0
                typo(story: &story, random: &random, cursor: &cursor)
                continue
            }
            // About one word in twelve is one of the story's topic words.
            var rank = draw & 0xFF < 21 ? topicWords[Int((draw >> 8) & 0xFF) % 6] : zipf.sample(random.next())
            if cursor.figureFree && isNumberWord[rank] { rank = 0 }
            length += vocabulary.write(rank, space: cursor.needsSpace, to: base + length)
            cursor.needsSpace = true
        }
        story.bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: length))
        return count
    }

    /// A misspelled common word, recorded with its correct spelling.
    private func typo(story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor) {
        let correct = Array(material.typoWords[random.below(material.typoWords.count)])
        var wrong = correct
        let position = random.inRange(1...(correct.count - 3))
        switch random.below(3) {
        case 0 where wrong[position] != wrong[position + 1]: wrong.swapAt(position, position + 1)
        case 1: wrong.remove(at: position)
        default: wrong.insert(wrong[position], at: position)
        }
        if cursor.needsSpace { story.bytes.append(0x20) }
        let start = story.bytes.count
        story.bytes.append(contentsOf: wrong)
        cursor.needsSpace = true
        story.addSpot(from: start, alternate: correct, kind: .typo)
    }

    private func phrase(_ table: WordTable, _ index: Int, story: inout StoryText, cursor: inout Cursor) -> Int {
        word(table[index], story: &story, cursor: &cursor)
        return table.wordCounts[index]
    }

    private func person(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor
    ) -> Int {
        let which = random.below(3)
        var words = 2
        if random.chance(0.3) {
            words += phrase(material.roles, facts.roles[which], story: &story, cursor: &cursor)
        }
        word(material.people[facts.people[which]], story: &story, cursor: &cursor)
        return words
    }

    @discardableResult
    private func organization(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor
    ) -> Int {
        word(material.vocabulary[material.rankThe], story: &story, cursor: &cursor)
        word(material.organizations[facts.organizations[random.below(2)]], story: &story, cursor: &cursor)
        return 3
    }

    private func place(facts: EventFacts, story: inout StoryText, cursor: inout Cursor) -> Int {
        word(material.vocabulary[material.rankIn], story: &story, cursor: &cursor)
        word(material.places[facts.place], story: &story, cursor: &cursor)
        return 3
    }

    private func topicNoun(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor
    ) -> Int {
        word(material.vocabulary[material.rankThe], story: &story, cursor: &cursor)
        word(material.topicNouns[facts.nouns[random.below(2)]], story: &story, cursor: &cursor)
        return 2
    }

    private func time(story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor) -> Int {
        if random.chance(0.5) {
            word(material.vocabulary[material.rankOn], story: &story, cursor: &cursor)
            word(material.weekdays[random.below(7)], story: &story, cursor: &cursor)
            return 2
        }
        return phrase(material.timePhrases, random.below(material.timePhrases.count), story: &story, cursor: &cursor)
    }

    /// A figure: a count of things, a percentage or a sum of money, from the facts or new.
    private func number(
        facts: EventFacts, story: inout StoryText, random: inout SplitMix64, cursor: inout Cursor, fromFacts: Bool
    ) -> Int {
        let useFacts = fromFacts || random.chance(0.5)
        if cursor.needsSpace { story.bytes.append(0x20) }
        cursor.needsSpace = true
        let start = story.bytes.count
        switch random.below(3) {
        case 0:
            let value =
                useFacts ? facts.count : random.chance(0.6) ? random.inRange(2...999) : random.inRange(1000...90_000)
            let noun = useFacts ? facts.countNoun : random.below(material.countNouns.count)
            if value >= 1000 {
                appendGroupedDigits(value, to: &story.bytes)
                var plain: [UInt8] = []
                appendDigits(value, to: &plain)
                story.addSpot(from: start, alternate: plain, kind: .groupedNumber)
            } else {
                appendDigits(value, to: &story.bytes)
            }
            story.bytes.append(0x20)
            story.bytes.append(contentsOf: material.countNouns[noun])
            return 2
        case 1:
            let tenths = useFacts ? facts.percentTenths : random.inRange(2...60) * 10
            var figure: [UInt8] = []
            appendDigits(tenths / 10, to: &figure)
            if tenths % 10 != 0 {
                figure.append(UInt8(ascii: "."))
                appendDigits(tenths % 10, to: &figure)
            }
            let withSign = figure + [UInt8(ascii: "%")]
            let withWord = figure + Array(" percent".utf8)
            // The site's house style first; an edit may switch to the other.
            let percentSign = (random.next() & 7) != 0 ? cursor.percentSign : !cursor.percentSign
            story.bytes.append(contentsOf: percentSign ? withSign : withWord)
            story.addSpot(from: start, alternate: percentSign ? withWord : withSign, kind: .percent)
            return percentSign ? 1 : 2
        default:
            let thousands = useFacts ? facts.moneyThousands : random.inRange(20...990)
            story.bytes.append(UInt8(ascii: "$"))
            if thousands >= 1000 {
                appendDigits(thousands / 1000, to: &story.bytes)
                if thousands % 1000 >= 100 {
                    story.bytes.append(UInt8(ascii: "."))
                    appendDigits(thousands % 1000 / 100, to: &story.bytes)
                }
                story.bytes.append(contentsOf: " million".utf8)
                return 2
            }
            appendGroupedDigits(thousands * 1000, to: &story.bytes)
            return 1
        }
    }

    @inline(__always)
    private func capitalize(_ bytes: inout [UInt8], at index: Int) {
        guard index < bytes.count, (0x61...0x7A).contains(bytes[index]) else { return }
        bytes[index] -= 0x20
    }
}

/// Working memory for runs of words: 16 bytes per word, written by ``PackedWords/write(_:space:to:)``.
///
/// Owned by one ``StoryWriter``, which one generation run uses on one thread.
final class WordScratch {
    static let capacity = 64
    let base: UnsafeMutableRawPointer

    init() {
        base = .allocate(byteCount: 16 * (WordScratch.capacity + 1), alignment: 16)
    }

    deinit {
        base.deallocate()
    }
}
