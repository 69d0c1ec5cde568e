/// The thresholds of boilerplate detection. See `docs/design/boilerplate.md` for why each is what it is.
public struct BoilerplateRules: Sendable, Hashable, Codable {
    /// Blocks with at least this many tokens are paragraphs (a story's lead, a teaser item); shorter ones are
    /// headers, bylines, datelines and prompts.
    public static let paragraphTokens = 8

    /// A block is repeated when it is in at least this many distinct stories of its site...
    public var minimumRepeatedStories: Int
    /// ... and in at least this share of them ...
    public var repeatedShare: Double
    /// ... except that a block in this many stories is always repeated, however large the site.
    public var sufficientRepeatedStories: Int
    /// Lines with more tokens are never read as cue phrases (prompts, headers, bylines).
    public var cueMaximumTokens: Int
    /// A trailing run bridges at most this many blocks under one list header.
    public var maximumListItems: Int
    /// Whether boilerplate is detected at all.
    public var isEnabled: Bool

    /// The defaults.
    public static let standard = BoilerplateRules(
        minimumRepeatedStories: 3, repeatedShare: 0.5, sufficientRepeatedStories: 10, cueMaximumTokens: 12,
        maximumListItems: 15, isEnabled: true)

    /// Rules with the given thresholds.
    public init(
        minimumRepeatedStories: Int, repeatedShare: Double, sufficientRepeatedStories: Int, cueMaximumTokens: Int,
        maximumListItems: Int, isEnabled: Bool
    ) {
        self.minimumRepeatedStories = minimumRepeatedStories
        self.repeatedShare = repeatedShare
        self.sufficientRepeatedStories = sufficientRepeatedStories
        self.cueMaximumTokens = cueMaximumTokens
        self.maximumListItems = maximumListItems
        self.isEnabled = isEnabled
    }

    /// The number of distinct stories a block must be in, on a site with `stories` stories, to be repeated:
    /// half of them, at least 3, at most 10. With a handful of pages that means most pages; with thousands, ten
    /// different stories, which story text shared between articles (a quote, a follow-up) does not reach. Fewer
    /// than 3 stories: never (only cue phrases and attribution notices apply).
    public func repeatedThreshold(stories: Int) -> Int {
        let share = Int((repeatedShare * Double(stories)).rounded(.up))
        return min(sufficientRepeatedStories, max(minimumRepeatedStories, share))
    }
}

/// Why a block was removed.
public enum BoilerplateReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// In enough of the site's distinct stories (see ``BoilerplateRules/repeatedThreshold(stories:)``).
    case repeated
    /// The lead paragraph of another document, in the trailing run.
    case teaser
    /// A syndication or copyright notice ("originally published by …", "reproduced with permission",
    /// "Copyright … X", a bare "The Associated Press" credit).
    case attribution
    /// A cue phrase (a list header such as "Latest News", a share or subscribe prompt, a byline, a dateline, a
    /// "Read the full story" notice) at the start or the end of the document.
    case cuePhrase = "cue_phrase"
    /// A block inside the leading run of boilerplate, bridged between the blocks that mark it.
    case leadingRun = "leading_run"
    /// A block inside the trailing run, bridged: an item of a teaser list under its header.
    case trailingRun = "trailing_run"
}
