/// What a synthetic corpus looks like: its size, its seed, its sites and how often each kind of copy occurs.
///
/// The same settings always give the same corpus, byte for byte.
///
/// ```swift
/// var settings = GeneratorSettings(documents: 10_000, seed: 7)
/// settings.rates.syndicate = 0.15
/// try CorpusGenerator(settings: settings).write(corpus: "corpus.jsonl", truth: "truth.jsonl")
/// ```
public struct GeneratorSettings: Sendable, Hashable, Codable {
    /// The number of documents to write.
    public var documents: Int
    /// The seed every random choice derives from.
    public var seed: UInt64
    /// The number of sites, wires included.
    public var sites: Int
    /// How many of the sites are wire services (pages without chrome); nil: one in four, at least one when there
    /// are two sites or more.
    public var wires: Int?
    /// The mean number of words of an original story (the page adds its chrome); stories vary from 60% to 140% of
    /// it. Template items are shorter.
    public var wordsPerDocument: Int
    /// The number of distinct words of the Zipfian vocabulary.
    public var vocabularySize: Int
    /// The Zipf exponent s of the vocabulary: P(rank r) ∝ 1 / (r + 2.7)^s.
    public var zipfExponent: Double
    /// How often each operation makes the next document.
    public var rates: CopyRates
    /// The share of documents whose story lines get OCR-like character errors or mojibake.
    public var noise: Double
    /// The publication time of the first document (ISO 8601, UTC).
    public var start: String
    /// The mean number of documents published per day over all sites (sets the gaps between publication times).
    public var documentsPerDay: Int
    /// The stories each site keeps as candidates for copying: the generator's memory is O(sites × this).
    public var recentStories: Int

    /// The defaults for `documents` documents from `seed`: 8 sites (2 of them wires), 600-word stories, the
    /// standard rates, no noise.
    public init(documents: Int = 1000, seed: UInt64 = 1) {
        self.documents = documents
        self.seed = seed
        self.sites = 8
        self.wires = nil
        self.wordsPerDocument = 600
        self.vocabularySize = 40_000
        self.zipfExponent = 1.0
        self.rates = .standard
        self.noise = 0
        self.start = "2026-01-05T06:00:00Z"
        self.documentsPerDay = 300
        self.recentStories = 48
    }

    /// The number of wire sites these settings give.
    public var wireCount: Int {
        if let wires { return wires }
        return sites >= 2 ? max(1, sites / 4) : 0
    }

    /// Checks every field.
    /// - Throws: ``GeneratorSettingsError`` naming the first field out of range.
    public func validate() throws(GeneratorSettingsError) {
        func fail(_ field: String, _ message: String) -> GeneratorSettingsError {
            GeneratorSettingsError(field: field, message: message)
        }
        guard documents >= 0 else { throw fail("documents", "must not be negative") }
        guard documents < 100_000_000_000 else { throw fail("documents", "must be below 10^11") }
        guard (1...1000).contains(sites) else { throw fail("sites", "must be between 1 and 1000") }
        guard (0...(sites - 1)).contains(wireCount) else {
            throw fail("wires", "must be between 0 and sites − 1 (at least one site needs chrome)")
        }
        guard (50...100_000).contains(wordsPerDocument) else {
            throw fail("words_per_document", "must be between 50 and 100000")
        }
        guard (1000...2_000_000).contains(vocabularySize) else {
            throw fail("vocabulary_size", "must be between 1000 and 2000000")
        }
        guard zipfExponent > 0.5 && zipfExponent < 3 else { throw fail("zipf_exponent", "must be in (0.5, 3)") }
        try rates.validate()
        guard noise >= 0 && noise <= 1 else { throw fail("noise", "must be in [0, 1]") }
        guard startSeconds != nil else { throw fail("start", "'\(start)' is not an ISO 8601 date or time") }
        guard (1...10_000_000).contains(documentsPerDay) else {
            throw fail("documents_per_day", "must be between 1 and 10000000")
        }
        guard (4...10_000).contains(recentStories) else { throw fail("recent_stories", "must be between 4 and 10000") }
    }

    /// `start` in whole seconds since 1970, if it parses.
    var startSeconds: Int64? {
        Timestamp(iso8601: start).map { Int64($0.secondsSinceEpoch.rounded(.down)) }
    }
}

/// The share of documents each operation makes; what is left over makes new original stories.
///
/// Copies (``reprint``, ``edit``, ``truncate``, ``extend``, ``syndicate``) are labeled as copies in the truth file;
/// ``template`` and ``sameEvent`` documents are related to an earlier one without copying it.
public struct CopyRates: Sendable, Hashable, Codable {
    /// Exact reprint on the same site.
    public var reprint: Double
    /// Reprint with edits: headline changed, typos fixed, numbers reformatted, a sentence added or dropped.
    public var edit: Double
    /// The first 40–70% of a story, then "Read the full story at <url>" (same site or another).
    public var truncate: Double
    /// An update keeping the original text and adding one to three paragraphs.
    public var extend: Double
    /// A story (mostly a wire's) reproduced on another site under its chrome, with an attribution line; three in
    /// ten are lightly edited.
    public var syndicate: Double
    /// A new issue of a site's template story (a daily report with other figures): not a copy.
    public var template: Double
    /// Another site's independently worded report of the same event: not a copy.
    public var sameEvent: Double

    /// The defaults: 24% copies, 6% template items, 3% same-event reports, 67% new stories.
    public static let standard = CopyRates(
        reprint: 0.04, edit: 0.06, truncate: 0.03, extend: 0.03, syndicate: 0.08, template: 0.06, sameEvent: 0.03)

    /// No copies and no related documents: every document a new story.
    public static let none = CopyRates(
        reprint: 0, edit: 0, truncate: 0, extend: 0, syndicate: 0, template: 0, sameEvent: 0)

    /// Rates from their parts.
    public init(
        reprint: Double, edit: Double, truncate: Double, extend: Double, syndicate: Double, template: Double,
        sameEvent: Double
    ) {
        self.reprint = reprint
        self.edit = edit
        self.truncate = truncate
        self.extend = extend
        self.syndicate = syndicate
        self.template = template
        self.sameEvent = sameEvent
    }

    /// The share of documents that are copies.
    public var copies: Double { reprint + edit + truncate + extend + syndicate }

    /// The share of documents made by any operation (the rest are new stories).
    public var total: Double { copies + template + sameEvent }

    /// These rates with the five copy rates scaled so that they add up to `copyRate`, in the same proportions.
    public func withCopyRate(_ copyRate: Double) -> CopyRates {
        var rates = self
        let current = copies
        if current > 0 {
            let scale = copyRate / current
            rates.reprint *= scale
            rates.edit *= scale
            rates.truncate *= scale
            rates.extend *= scale
            rates.syndicate *= scale
        } else {
            rates.reprint = copyRate / 5
            rates.edit = copyRate / 5
            rates.truncate = copyRate / 5
            rates.extend = copyRate / 5
            rates.syndicate = copyRate / 5
        }
        return rates
    }

    /// Checks that every rate is in [0, 1] and that they leave room for original stories.
    public func validate() throws(GeneratorSettingsError) {
        let named: [(String, Double)] = [
            ("reprint", reprint), ("edit", edit), ("truncate", truncate), ("extend", extend),
            ("syndicate", syndicate), ("template", template), ("same_event", sameEvent),
        ]
        for (name, rate) in named where !(rate >= 0 && rate <= 1) {
            throw GeneratorSettingsError(field: "rates.\(name)", message: "must be in [0, 1]")
        }
        guard total <= 0.9 else {
            throw GeneratorSettingsError(
                field: "rates", message: "add up to \(total); they must leave at least 10% for original stories")
        }
    }
}

/// A generator setting out of range.
public struct GeneratorSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The setting, as named in the truth file's settings (`words_per_document`, `rates.edit`, …).
    public var field: String
    /// What is wrong with it.
    public var message: String

    public var description: String { "generator setting \(field): \(message)" }
}
