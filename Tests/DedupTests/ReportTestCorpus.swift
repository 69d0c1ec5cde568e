import Dedup

/// A corpus written for the report tests: two sites with a repeated footer on one; a three-document cluster whose
/// canonical comes after a two-document cluster's, with an exact copy and then a copy with one added sentence; a copy
/// whose headline, text and id carry markup; and bad lines.
struct ReportTestCorpus {
    static let harbor = "Harbor Gazette"
    static let metro = "Metro <Daily> & Co"
    /// The footer every Harbor Gazette page ends with: removed as repeated.
    static let footer = "Share this story: Facebook | X | Email"
    /// The sentence the near-duplicate copy adds as a paragraph of its own: in no other document.
    static let addedSentence = "The harbor master declined to comment on the zebra migration timetable for the quay."
    /// Markup in the escaping copy's headline (after the story's own), text and id.
    static let scriptTitle = #" <script>alert("title")</script>"#
    static let scriptLine = #"<script>alert('text')</script> & <b>bold</b> "quoted""#
    static let scriptID = #"evil"><img src=x onerror=alert(1)>"#

    var corpus = ScanTestCorpus()
    /// The original story of the three-document cluster, as written.
    var clusterStory: MatchingProse.Story
    /// Lines: the two-document cluster's canonical, the three-document cluster's canonical, its near-duplicate.
    var smallCanonical = 0
    var largeCanonical = 0
    var nearDuplicate = 0

    init() {
        var stories: [MatchingProse.Story] = []
        for seed in 0..<16 {
            var prose = MatchingProse(seed: 9_100 + UInt64(seed))
            stories.append(prose.story(minimumWords: 160))
        }
        clusterStory = stories[0]
        func harborText(_ story: MatchingProse.Story) -> String { story.body + "\n" + Self.footer }

        // The two-document cluster's canonical comes first in the input: cluster 1 in clusters.jsonl.
        smallCanonical = corpus.document(
            "metro-1", text: stories[1].body, title: stories[1].headline, source: Self.metro, day: 1)
        largeCanonical = corpus.document(
            "harbor-0", text: harborText(stories[0]), title: stories[0].headline, source: Self.harbor, day: 2)
        for index in 2..<9 {
            corpus.document(
                .string("harbor-\(index)"), text: harborText(stories[index]), title: stories[index].headline,
                source: Self.harbor, day: 2 + index, style: index)
        }
        for index in 9..<16 {
            corpus.document(
                .string("metro-\(index)"), text: stories[index].body, title: stories[index].headline,
                source: Self.metro, day: 2 + index, style: index)
        }
        corpus.bad(#"{"id": "broken <script>", "text": "unterminated"#, .invalidJSON)
        // An exact copy on the other site, then a near-duplicate: the same story and one sentence more, as its own
        // line (shown first beside the canonical, being the less similar).
        let syndicated = corpus.document(
            "metro-0", text: stories[0].body, title: stories[0].headline, source: Self.metro, day: 30)
        corpus.plant(copy: syndicated, of: largeCanonical, as: .exact)
        nearDuplicate = corpus.document(
            "harbor-0-v2", text: stories[0].body + "\n" + Self.addedSentence + "\n" + Self.footer,
            title: stories[0].headline, source: Self.harbor, day: 31)
        corpus.plant(copy: nearDuplicate, of: largeCanonical, as: .nearDuplicate)
        // The markup copy of the first story.
        let markup = corpus.document(
            .string(Self.scriptID), text: stories[1].body + "\n" + Self.scriptLine,
            title: stories[1].headline + Self.scriptTitle,
            source: Self.metro, day: 32)
        corpus.plant(copy: markup, of: smallCanonical, as: .nearDuplicate)
        corpus.bad(#"{"id": 5, "text": ""}"#, .emptyText)
    }
}
