import Dedup
import Testing

/// ``Article``'s derived values and ``ArticleID``'s order.
@Suite("Article and ArticleID")
struct CorpusArticleTests {
    static let hosts: [(url: String, site: String?)] = [
        ("https://www.Example.com/x", "example.com"),
        ("https://harborgazette.example/news/2026/03/02/story", "harborgazette.example"),
        ("http://News.Example.org:8080/path?q=1#top", "news.example.org"),
        ("https://reader:secret@www.valley.example/a", "valley.example"),
        ("https://metro.example?page=2", "metro.example"),
        ("https://wire.example#frag", "wire.example"),
        ("metro.example/local/story", "metro.example"),
        ("https://wwwx.example/", "wwwx.example"),
        ("", nil),
        ("https:///path-only", nil),
    ]

    @Test("without a source, the site is the URL's host, lowercased, without www.", arguments: hosts)
    func siteFromURL(url: String, site: String?) {
        #expect(Article(id: 1, text: "t", url: url).site == site)
    }

    @Test("the source, when given, is the site")
    func sourceIsSite() {
        #expect(
            Article(id: 1, text: "t", source: "Harbor Gazette", url: "https://metro.example/x").site == "Harbor Gazette"
        )
        #expect(Article(id: 1, text: "t", source: "", url: "https://www.metro.example/x").site == "metro.example")
        #expect(Article(id: 1, text: "t").site == nil)
    }

    @Test("the fingerprint text is the headline as the first line, then the text")
    func fingerprintText() {
        #expect(Article(id: 1, text: "Body line.", title: "Headline").fingerprintText == "Headline\nBody line.")
        #expect(Article(id: 1, text: "Body line.", title: "").fingerprintText == "Body line.")
        #expect(Article(id: 1, text: "Body line.").fingerprintText == "Body line.")
    }

    @Test("ids order integers by value, then strings by their bytes")
    func idOrder() {
        let ids: [ArticleID] = ["b", 10, "10", "B", -2, "9", "é", 9, "a"]
        #expect(ids.sorted() == [-2, 9, 10, "10", "9", "B", "a", "b", "é"])
        #expect(ArticleID.integer(3) != ArticleID.string("3"))
        #expect(ArticleID.integer(40117).description == "40117")
        #expect(ArticleID.string("harbor-0001").description == "harbor-0001")
    }
}
