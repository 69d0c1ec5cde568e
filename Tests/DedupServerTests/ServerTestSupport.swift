import Dedup
import DedupServer
import DedupStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Articles and helpers shared by the service tests.
enum ServerFixture {
    static let story = """
        The harbour authority approved a plan on Tuesday to dredge the northern channel, allowing container ships \
        with deeper drafts to reach the old quay for the first time since the nineteen sixties.
        Work will start in the spring and cost about 40 million, paid in part by a federal grant and in part by \
        the port's own reserves, the authority's chair told reporters after the vote.
        Fishermen who moor along the channel said they had not been consulted and feared months of closures \
        during the busiest season of the year.
        """

    static let otherStory = """
        The city library will open on Sundays from next month after the council found money in its budget to pay \
        for extra staff, ending a closure that readers had protested against for three years.
        The head librarian said the branch would also lend laptops and run homework clubs for schoolchildren in \
        the afternoons, when the reading rooms are usually at their quietest.
        """

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    /// The service over a new in-memory index (port 0, so that live tests get a free port).
    static func application(
        token: String? = nil, maxBodySize: Int = ServerConfiguration.defaultMaxBodySize, maxBatchArticles: Int = 100,
        location: IndexLocation = .memory
    ) async throws -> (some ApplicationProtocol, PublishedIndex) {
        let index = try await PublishedIndex.open(location)
        let configuration = ServerConfiguration(
            port: 0, token: try token.map { try BearerToken($0) }, maxBodySize: maxBodySize,
            maxBatchArticles: maxBatchArticles)
        return (buildApplication(index: index, configuration: configuration), index)
    }

    /// An article as JSON bytes; `nil` values are left out.
    static func article(
        id: Any, text: Any? = nil, source: String? = nil, title: String? = nil, published: String? = nil,
        url: String? = nil
    ) -> [String: Any] {
        var object: [String: Any] = ["id": id]
        if let text { object["text"] = text }
        if let source { object["source"] = source }
        if let title { object["title"] = title }
        if let published { object["published"] = published }
        if let url { object["url"] = url }
        return object
    }

    static func body(_ value: Any) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
    }

    /// A generated story text, distinct for each `number`.
    static func generatedText(_ number: Int) -> String {
        var generator = SplitMix64(seed: UInt64(number) &+ 1)
        let words = [
            "harbour", "council", "budget", "river", "bridge", "school", "market", "festival", "storm", "railway",
            "election", "museum", "hospital", "factory", "farmers", "drought", "tourists", "library", "court",
            "police", "mayor", "station", "ferry", "quarry", "orchestra", "stadium", "airport", "vineyard",
        ]
        return (0..<60).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
    }

    /// The `error.code` of an error answer.
    func errorCode() throws -> String? {
        (try object()["error"] as? [String: Any])?["code"] as? String
    }

    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// POSTs `value` as JSON.
    func post(_ uri: String, json value: Any, headers: HTTPFields = ServerFixture.jsonHeaders) async throws
        -> TestResponse
    {
        try await execute(uri: uri, method: .post, headers: headers, body: try ServerFixture.body(value))
    }

    /// POSTs raw bytes.
    func post(_ uri: String, raw: String, headers: HTTPFields = ServerFixture.jsonHeaders) async throws
        -> TestResponse
    {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: raw))
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

/// A value behind a lock, for tallies shared by concurrent test tasks.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
