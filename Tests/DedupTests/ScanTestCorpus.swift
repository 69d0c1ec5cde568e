import Dedup
import Foundation

/// A JSONL corpus written line by line for the scan tests, with what each line is known to be.
///
/// Lines are written by hand rather than by an encoder, so that key order, spacing, unknown fields and escapes vary
/// the way real feeds do, and the scan's byte-for-byte copy of kept lines is tested on something other than its own
/// output format.
struct ScanTestCorpus {
    /// The lines, without their line feeds.
    private(set) var lines: [String] = []
    /// Lines expected to be rejected, by 1-based line number, with the reason.
    private(set) var expectedRejections: [Int: InputError.Reason] = [:]
    /// Lines with an id already used by an accepted earlier line: line → first line.
    private(set) var expectedDuplicates: [Int: Int] = [:]
    /// Copies planted on purpose: (copy line, original line, kind).
    private(set) var plantedCopies: [(copy: Int, original: Int, kind: CopyKind)] = []

    private var firstLineOfID: [String: Int] = [:]

    /// The file contents: every line followed by a line feed.
    var contents: String { lines.map { $0 + "\n" }.joined() }

    /// The next line's number.
    var nextLine: Int { lines.count + 1 }

    static func json(_ string: String) -> String {
        let data = try! JSONEncoder().encode(string)
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ id: ArticleID) -> String {
        switch id {
        case .integer(let value): String(value)
        case .string(let value): json(value)
        }
    }

    /// Adds a document line and returns its number. `style` varies key order and spacing.
    @discardableResult
    mutating func document(
        _ id: ArticleID, text: String, title: String? = nil, source: String? = nil, url: String? = nil,
        day: Int? = nil, extra: String? = nil, style: Int = 0
    ) -> Int {
        var fields: [(String, String)] = [("id", Self.json(id)), ("text", Self.json(text))]
        if let title { fields.append(("title", Self.json(title))) }
        if let source { fields.append(("source", Self.json(source))) }
        if let url { fields.append(("url", Self.json(url))) }
        if let day {
            let date = String(
                format: "2026-%02d-%02dT%02d:%02d:00Z", 1 + (day / 28) % 12, 1 + day % 28, day % 24, day % 60)
            fields.append(("published", Self.json(date)))
        }
        if style % 2 == 1 { fields.reverse() }
        let separator = style % 3 == 0 ? ", " : (style % 3 == 1 ? "," : " ,  ")
        var body = fields.map { style % 3 == 2 ? "\"\($0.0)\" : \($0.1)" : "\"\($0.0)\":\($0.1)" }
        if let extra { body.insert(extra, at: min(1, body.count)) }
        let line = (style % 3 == 2 ? "{ " : "{") + body.joined(separator: separator) + (style % 3 == 2 ? " }" : "}")
        return add(line, id: id)
    }

    /// Adds a line expected to be rejected for `reason`.
    @discardableResult
    mutating func bad(_ line: String, _ reason: InputError.Reason) -> Int {
        lines.append(line)
        expectedRejections[lines.count] = reason
        return lines.count
    }

    /// Records a planted copy.
    mutating func plant(copy: Int, of original: Int, as kind: CopyKind) {
        plantedCopies.append((copy, original, kind))
    }

    private mutating func add(_ line: String, id: ArticleID) -> Int {
        lines.append(line)
        let key = Self.json(id)
        if let first = firstLineOfID[key] {
            expectedRejections[lines.count] = .duplicateID
            expectedDuplicates[lines.count] = first
        } else {
            firstLineOfID[key] = lines.count
        }
        return lines.count
    }

    // MARK: - Corpora

    static let sites = ["Harbor Gazette", "Northline Wire", nil]
    static let hosts = ["harbor.example", "northline.example", "www.ValleyCourier.example"]

    /// 400 lines of short stories, copies and bad lines.
    static let medium = large(lines: 400)

    /// More than one read batch of one-sentence stories.
    static let batchCrossing = large(lines: 2_060, oneSentence: true)

    /// A small corpus with one of each kind of copy and of each kind of bad line.
    static func small() -> ScanTestCorpus {
        var corpus = ScanTestCorpus()
        var stories: [MatchingProse.Story] = []
        for seed in 0..<12 {
            var prose = MatchingProse(seed: 5_000 + UInt64(seed))
            stories.append(prose.story(minimumWords: 280))
        }
        var prose = MatchingProse(seed: 5_999)
        // Every site gets at least eight distinct stories, so no story paragraph is common enough on a site to look
        // like its boilerplate.
        func place(_ index: Int) -> (source: String?, url: String) {
            let site = index % 3
            return (sites[site], "https://\(hosts[site])/news/\(index)")
        }
        var lineOf: [Int: Int] = [:]
        for index in 0..<12 {
            let (source, url) = place(index)
            let id: ArticleID = index % 4 == 1 ? .integer(Int64(100 + index)) : .string("story-\(index)")
            let extra =
                index == 2
                ? #""tags": ["port", "strike"], "score": 1.50, "nested": {"k": null, "e": "caf\u00e9"}"# : nil
            lineOf[index] = corpus.document(
                id, text: stories[index].body, title: stories[index].headline, source: source, url: url,
                day: 10 + index, extra: extra, style: index)
            if index == 3 {
                corpus.bad(#"{"id": "broken", "text": "an unterminated string}"#, .invalidJSON)
                corpus.bad("", .invalidJSON)
                corpus.bad("   \t ", .invalidJSON)
            }
        }
        // An exact reprint on the same site, a day later, with other fields.
        let reprint = corpus.document(
            "story-0-print", text: stories[0].body, title: stories[0].headline, source: sites[0],
            url: "https://harbor.example/print/0", day: 40, extra: #""print": true, "page": 12"#, style: 5)
        corpus.plant(copy: reprint, of: lineOf[0]!, as: .exact)
        // The same wire story on another site: exact, and cross-source.
        let syndicated = corpus.document(
            7_001, text: stories[1].body, title: stories[1].headline, source: sites[0], day: 41, style: 1)
        corpus.plant(copy: syndicated, of: lineOf[1]!, as: .exact)
        corpus.bad(#"{"id": "no-text", "title": "Headline only"}"#, .missingField)
        corpus.bad(#"{"id": "empty", "text": ""}"#, .emptyText)
        corpus.bad(#"{"id": "dashes", "text": " — … — "}"#, .emptyText)
        corpus.bad(#"["id", "text"]"#, .notAnObject)
        corpus.bad(#"{"id": "typed", "text": 12}"#, .wrongType)
        // A reprint with a new headline and one more sentence.
        var edited = stories[4]
        edited.headline = prose.headline()
        edited.paragraphs[1].append(prose.sentence())
        let nearDuplicate = corpus.document(
            "story-4-v2", text: edited.body, title: edited.headline, source: place(4).source,
            url: place(4).url + "?v=2",
            day: 42, style: 2)
        corpus.plant(copy: nearDuplicate, of: lineOf[4]!, as: .nearDuplicate)
        // A duplicate id, with other text: rejected, pointing at the first line.
        corpus.document("story-6", text: stories[11].body, source: sites[1], day: 43)
        // Integer 7 and string "7" are different ids.
        var more = MatchingProse(seed: 5_555)
        corpus.document(7, text: more.story(minimumWords: 150).body, source: sites[1], day: 44)
        corpus.document("7", text: more.story(minimumWords: 150).body, source: sites[1], day: 45)
        // A truncated copy (first paragraphs) on another site, and an extended update on the same site.
        let truncatedStory = stories[6]
        var kept = MatchingProse.Story(headline: truncatedStory.headline, paragraphs: [])
        while kept.wordCount < truncatedStory.wordCount * 6 / 10 {
            kept.paragraphs.append(truncatedStory.paragraphs[kept.paragraphs.count])
        }
        let truncated = corpus.document(
            "story-6-brief", text: kept.body, title: kept.headline, source: sites[1], day: 46, style: 4)
        corpus.plant(copy: truncated, of: lineOf[6]!, as: .contained)
        var update = stories[8]
        update.paragraphs.append(prose.paragraph(sentences: 5))
        update.paragraphs.append(prose.paragraph(sentences: 5))
        let extended = corpus.document(
            "story-8-update", text: update.body, title: update.headline, source: place(8).source,
            url: place(8).url + "/update", day: 47, style: 3)
        corpus.plant(copy: extended, of: lineOf[8]!, as: .contained)
        return corpus
    }

    /// Many short stories, copies (verbatim and restyled) and bad lines, ending with a duplicate of the first id.
    /// With `oneSentence`, each story is a single sentence, so that a corpus longer than one read batch (2,048
    /// lines) stays quick to scan.
    static func large(lines count: Int, oneSentence: Bool = false) -> ScanTestCorpus {
        var corpus = ScanTestCorpus()
        var random = MatchingProse(seed: 77)
        var stories: [(line: Int, story: MatchingProse.Story)] = []
        var firstID: ArticleID?
        while corpus.lines.count < count {
            let roll = random.int(0...19)
            let site = random.int(0...2)
            if roll == 0 {
                corpus.bad(#"{"id": "bad-\#(corpus.nextLine)", "text": }"#, .invalidJSON)
            } else if roll <= 4, let (line, story) = stories.isEmpty ? nil : random.pick(stories) {
                let text = roll == 1 ? story.body : VerifierTests.restyle(story.body)
                let id: ArticleID = roll == 2 ? .integer(Int64(corpus.nextLine)) : .string("copy-\(corpus.nextLine)")
                let copy = corpus.document(
                    id, text: text, title: story.headline, source: sites[site], day: 200 + corpus.nextLine % 100,
                    style: corpus.nextLine)
                corpus.plant(copy: copy, of: line, as: .exact)
            } else {
                var prose = MatchingProse(seed: random.next())
                let story =
                    oneSentence
                    ? MatchingProse.Story(headline: prose.headline(), paragraphs: [[prose.sentence()]])
                    : prose.story(minimumWords: random.int(40...120))
                let id: ArticleID = roll % 3 == 0 ? .integer(Int64(corpus.nextLine)) : .string("s-\(corpus.nextLine)")
                let line = corpus.document(
                    id, text: story.body, title: story.headline, source: sites[site],
                    url: "https://\(hosts[site])/\(corpus.nextLine)", day: corpus.nextLine % 100, style: corpus.nextLine
                )
                stories.append((line, story))
                if firstID == nil { firstID = id }
            }
        }
        // After the first batch: an id first used in the first batch.
        corpus.document(firstID!, text: "A late correction to an early story, with enough words to be a story.")
        return corpus
    }
}
