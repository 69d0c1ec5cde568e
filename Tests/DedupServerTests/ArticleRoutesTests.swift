import Dedup
import DedupServer
import DedupStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Each route, in-process (`.router`), over an in-memory index.
@Suite("article routes")
struct ArticleRoutesTests {
    typealias F = ServerFixture

    @Test("add, then a reprint on another site is an exact cross-source copy; check does not add")
    func addAndCheck() async throws {
        let (app, index) = try await F.application()
        try await app.test(.router) { client in
            let first = try await client.post(
                "/v1/articles",
                json: F.article(id: "a", text: F.story, source: "Harbor Gazette", published: "2026-03-01T08:00:00Z"))
            #expect(first.status == .created)
            let added = try first.object()
            #expect(added["status"] as? String == "added")
            let firstVerdict = try #require(added["verdict"] as? [String: Any])
            #expect(firstVerdict["is_copy"] as? Bool == false)
            #expect(firstVerdict["first_published"] is NSNull)
            #expect(firstVerdict["attribution"] is NSNull)

            let check = try await client.post(
                "/v1/check", json: F.article(id: "b", text: F.story, source: "Coast Times", title: nil))
            #expect(check.status == .ok)
            let verdict = try check.object()
            #expect(verdict["id"] as? String == "b")
            #expect(verdict["is_copy"] as? Bool == true)
            #expect(verdict["candidates_verified"] as? Int == 1)
            let match = try #require((verdict["matches"] as? [[String: Any]])?.first)
            #expect(match["id"] as? String == "a")
            #expect(match["kind"] as? String == "exact")
            #expect(match["cross_source"] as? Bool == true)
            #expect(match["jaccard"] as? Double == 1)
            #expect(match["containment"] as? Double == 1)
            #expect(match["shorter"] as? String == "equal")
            #expect(match["source"] as? String == "Harbor Gazette")
            #expect(match["published"] as? String == "2026-03-01T08:00:00Z")
            #expect(match["url"] is NSNull)
            let firstPublished = try #require(verdict["first_published"] as? [String: Any])
            #expect(firstPublished["id"] as? String == "a")
            #expect(verdict["removed"] as? [Any] != nil)
        }
        #expect(try await index.statistics().articles == 1, "check adds nothing")
    }

    @Test(
        "a removed block's text is its lines as numbered, with line feeds or carriage return and line feed",
        arguments: ["\n", "\r\n"])
    func removedBlockText(lineEnd: String) async throws {
        let share = "Share this story: Facebook | X | Email"
        let lines = ["Home | Business | Events | Culture", share] + F.story.split(separator: "\n").map(String.init)
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            let check = try await client.post(
                "/v1/check", json: F.article(id: "c", text: lines.joined(separator: lineEnd), source: "Coast Times"))
            #expect(check.status == .ok)
            let removed = try #require(try check.object()["removed"] as? [[String: Any]])
            let block = try #require(removed.first { ($0["text"] as? String)?.hasPrefix("Share") == true })
            #expect(block["text"] as? String == share)
            #expect(block["first_line"] as? Int == 2)
            #expect(block["last_line"] as? Int == 2)
        }
    }

    @Test("re-adding: same text is 200 unchanged, other text is 409 id_conflict, replace=true is 200 replaced")
    func reAdding() async throws {
        let (app, index) = try await F.application()
        try await app.test(.router) { client in
            #expect(try await client.post("/v1/articles", json: F.article(id: 7, text: F.story)).status == .created)
            let again = try await client.post("/v1/articles", json: F.article(id: 7, text: F.story))
            #expect(again.status == .ok)
            #expect(try again.object()["status"] as? String == "unchanged")
            let conflict = try await client.post("/v1/articles", json: F.article(id: 7, text: F.otherStory))
            #expect(conflict.status == .conflict)
            #expect(try conflict.errorCode() == "id_conflict")
            let replaced = try await client.post(
                "/v1/articles?replace=true", json: F.article(id: 7, text: F.otherStory))
            #expect(replaced.status == .ok)
            #expect(try replaced.object()["status"] as? String == "replaced")
            let bad = try await client.post("/v1/articles?replace=maybe", json: F.article(id: 8, text: F.story))
            #expect(bad.status == .badRequest)
            #expect(try bad.errorCode() == "invalid_parameter")
        }
        #expect(try await index.statistics().articles == 1)
    }

    @Test("GET and DELETE an article by string and integer id; unknown ids are 404 not_found")
    func getAndDelete() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            _ = try await client.post(
                "/v1/articles",
                json: F.article(
                    id: "story/1 é", text: F.story, source: "Harbor Gazette", title: "Dredging approved",
                    published: "2026-03-02", url: "https://harbor.example/dredging"))
            _ = try await client.post("/v1/articles", json: F.article(id: 42, text: F.otherStory))

            let encoded = "story%2F1%20%C3%A9"
            let article = try await client.get("/v1/articles/\(encoded)")
            #expect(article.status == .ok)
            let object = try article.object()
            #expect(object["id"] as? String == "story/1 é")
            #expect(object["title"] as? String == "Dredging approved")
            #expect(object["published"] as? String == "2026-03-02T00:00:00Z")
            #expect(object["url"] as? String == "https://harbor.example/dredging")
            #expect(object["copy_of"] is NSNull)
            #expect(object["sequence"] as? Int == 1)

            let integer = try await client.get("/v1/articles/42")
            #expect(integer.status == .ok)
            #expect(try integer.object()["id"] as? Int == 42)

            _ = try await client.post("/v1/articles", json: F.article(id: "batch", text: F.story + " batch"))
            let batchID = try await client.get("/v1/articles/b%61tch")
            #expect(try batchID.object()["id"] as? String == "batch", "percent-encoding reaches the id 'batch'")

            let missing = try await client.get("/v1/articles/nope")
            #expect(missing.status == .notFound)
            #expect(try missing.errorCode() == "not_found")

            let removed = try await client.execute(uri: "/v1/articles/42", method: .delete)
            #expect(removed.status == .ok)
            #expect(try removed.object()["removed"] as? Bool == true)
            #expect(try await client.execute(uri: "/v1/articles/42", method: .delete).status == .notFound)
            #expect(try await client.get("/v1/articles/42").status == .notFound)
        }
    }

    @Test("a batch adds the good articles and reports each bad one by position, code, field and reason")
    func batchPartialFailure() async throws {
        let (app, index) = try await F.application()
        try await app.test(.router) { client in
            let body: [Any] = [
                F.article(id: "a", text: F.story, source: "A"),
                F.article(id: "b"),  // missing text
                F.article(id: "c", text: 12),  // wrong type
                F.article(id: "d", text: F.story, source: "B"),  // a copy of a, earlier in the same batch
                F.article(id: "e", text: F.otherStory, published: "yesterday"),
                F.article(id: "a", text: F.story, source: "A"),  // unchanged
                F.article(id: "a", text: F.otherStory),  // id conflict
                F.article(id: "f", text: " \n ... "),  // no words
                [1, 2, 3],  // not an object
            ]
            let response = try await client.post("/v1/articles/batch", json: ["articles": body])
            #expect(response.status == .ok)
            let object = try response.object()
            #expect(object["added"] as? Int == 2)
            #expect(object["unchanged"] as? Int == 1)
            #expect(object["failed"] as? Int == 6)
            let results = try #require(object["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == Array(0..<9))
            func error(_ position: Int) -> [String: Any]? { results[position]["error"] as? [String: Any] }
            #expect(results[0]["status"] as? String == "added")
            #expect(error(1)?["code"] as? String == "invalid_article")
            #expect(error(1)?["field"] as? String == "text")
            #expect(error(1)?["reason"] as? String == "missing_field")
            #expect(error(1)?["message"] as? String == "article 1: field 'text': missing text")
            #expect(error(2)?["reason"] as? String == "wrong_type")
            let copy = try #require(results[3]["verdict"] as? [String: Any])
            #expect(copy["is_copy"] as? Bool == true)
            #expect(error(4)?["field"] as? String == "published")
            #expect(error(4)?["reason"] as? String == "invalid_value")
            #expect(results[5]["status"] as? String == "unchanged")
            #expect(error(6)?["code"] as? String == "id_conflict")
            #expect(error(7)?["code"] as? String == "invalid_article")
            #expect(results[8]["id"] is NSNull)
            #expect(error(8)?["reason"] as? String == "not_an_object")

            let plainArray = try await client.post(
                "/v1/articles/batch", json: [F.article(id: "g", text: F.otherStory)])
            #expect(try plainArray.object()["added"] as? Int == 1)
        }
        #expect(try await index.statistics().articles == 3)
    }

    @Test("a batch body that is not a list of articles is refused whole")
    func batchShape() async throws {
        let (app, _) = try await F.application(maxBatchArticles: 3)
        try await app.test(.router) { client in
            for raw in [#"{"items": []}"#, #"{"id": 1, "text": "x"}"#, "[1, 2", "", "\"text\""] {
                let response = try await client.post("/v1/articles/batch", raw: raw)
                #expect(response.status == .badRequest, "\(raw)")
                #expect(try response.errorCode() == "invalid_json", "\(raw)")
            }
            let tooMany = try await client.post(
                "/v1/articles/batch", json: (0..<4).map { F.article(id: $0, text: F.generatedText($0)) })
            #expect(tooMany.status == .contentTooLarge)
            #expect(try tooMany.errorCode() == "payload_too_large")
            let empty = try await client.post("/v1/articles/batch", raw: " [ ] ")
            #expect(empty.status == .ok)
            #expect(try empty.object()["failed"] as? Int == 0)
        }
    }

    @Test("the boilerplate route lists the blocks a site repeats")
    func boilerplate() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            let chrome = "Subscribe to the Harbor Gazette newsletter for daily updates"
            let articles = (0..<6).map { number in
                F.article(id: number, text: "\(F.generatedText(number))\n\(chrome)", source: "Harbor Gazette")
            }
            #expect(try await client.post("/v1/articles/batch", json: articles).object()["added"] as? Int == 6)
            let response = try await client.get("/v1/sources/Harbor%20Gazette/boilerplate")
            #expect(response.status == .ok)
            let object = try response.object()
            #expect(object["source"] as? String == "Harbor Gazette")
            #expect(object["stories"] as? Int == 6)
            let block = try #require((object["blocks"] as? [[String: Any]])?.first)
            #expect(block["text"] as? String == chrome)
            #expect(block["stories"] as? Int == 6)
            #expect(block["repeated"] as? Bool == true)

            let unknown = try await client.get("/v1/sources/nobody/boilerplate")
            #expect(try unknown.object()["stories"] as? Int == 0)
            #expect(try await client.get("/v1/sources/x/boilerplate?limit=-1").status == .badRequest)
        }
    }

    @Test("health is a JSON ok")
    func health() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            #expect(try response.object()["status"] as? String == "ok")
        }
    }
}
