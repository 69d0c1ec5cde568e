/// One document as the matcher sees it: identity, site, time and fingerprint, no text.
public struct FingerprintedDocument: Sendable, Hashable {
    /// The identifier.
    public var id: ArticleID
    /// The site (see ``Article/site``), used for the cross-source flag.
    public var site: String?
    /// The publication time, used to choose the canonical.
    public var published: Timestamp?
    /// The fingerprint.
    public var fingerprint: Fingerprint
    /// The origin the document names in a syndication notice, copyright line or wire dateline, if any.
    public var attribution: String?

    /// A document from its parts.
    public init(
        id: ArticleID, site: String?, published: Timestamp?, fingerprint: Fingerprint, attribution: String? = nil
    ) {
        self.id = id
        self.site = site
        self.published = published
        self.fingerprint = fingerprint
        self.attribution = attribution
    }

    /// Whether the pair crosses sources (syndication): when both sites are known, whether they differ (as
    /// ``SiteName`` compares names); when a site is missing, whether the known origins (the attribution, else the
    /// site) differ. Nothing known: false.
    public func crossesSource(with other: FingerprintedDocument) -> Bool {
        if let site, let otherSite = other.site {
            return !SiteName.same(site, otherSite)
        }
        guard let origin = attribution ?? site, let otherOrigin = other.attribution ?? other.site else {
            return false
        }
        return !SiteName.same(origin, otherOrigin)
    }
}

/// A verified copy: document `copy` copies `original` (indices into the input array).
public struct Match: Sendable, Hashable {
    /// Index of the copy.
    public var copy: Int
    /// Index of the canonical document it copies.
    public var original: Int
    /// What kind of copy, and its scores.
    public var verdict: Verdict
}

/// A group of two or more documents: one canonical and its copies (indices into the input array).
public struct Cluster: Sendable, Hashable {
    /// Index of the canonical document.
    public var canonical: Int
    /// Indices of every member, the canonical first, then the copies in input order.
    public var members: [Int]
}

/// The outcome of deduplicating a set of documents.
public struct Deduplication: Sendable {
    /// Every copy, in input order of the copy.
    public var matches: [Match]
    /// Every cluster of two or more documents, in input order of the canonical.
    public var clusters: [Cluster]
    /// For each input document, the index of its canonical (itself when it is one).
    public var canonicalOf: [Int]
    /// The number of candidate pairs the LSH index proposed and the verifier scored.
    public var candidatesVerified: Int
}

/// Finds the copies in a set of documents and groups them around canonicals.
///
/// The canonical of a cluster is its earliest published document, then the longest (in tokens), then the one
/// with the smallest id; documents without a publication time come after dated ones. Documents are visited in
/// that order; each is checked against the canonicals found so far (only canonicals are in the LSH index), and
/// joins the one it matches best (exact before near-duplicate before contained, then the higher Jaccard, then the
/// earlier canonical), or becomes a canonical itself. So a copy always matches its own canonical directly, and a
/// chain of small edits cannot merge two distinct stories.
public struct Deduplicator: Sendable {
    /// The verification thresholds.
    public let policy: MatchPolicy
    /// The LSH banding used for candidates.
    public let lshParameters: LSHParameters
    /// The signature settings.
    public let settings: MinHashSettings

    /// A deduplicator; the banding defaults to the optimum for the policy's candidate threshold.
    public init(settings: MinHashSettings = .standard, policy: MatchPolicy = .standard, lsh: LSHParameters? = nil) {
        self.settings = settings
        self.policy = policy
        self.lshParameters = lsh ?? policy.lshParameters(signatureLength: settings.length)
    }

    /// The order in which documents claim canonical status: earliest, then longest, then smallest id.
    public static func precedes(_ a: FingerprintedDocument, _ b: FingerprintedDocument) -> Bool {
        switch (a.published, b.published) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.fingerprint.tokenCount != b.fingerprint.tokenCount {
            return a.fingerprint.tokenCount > b.fingerprint.tokenCount
        }
        return a.id < b.id
    }

    /// Deduplicates `documents`.
    /// - Parameters:
    ///   - threads: the threads that verify candidates; the result does not depend on it.
    ///   - progress: called every 4,096 documents with the documents compared and the copies found so far.
    /// - Precondition: every fingerprint has this deduplicator's settings.
    /// - Complexity: O(n log n) to order the documents, plus one LSH query and the verification of its candidates
    ///   per document.
    public func deduplicate(
        _ documents: [FingerprintedDocument], threads: Int = 1,
        progress: (_ done: Int, _ copies: Int) -> Void = { _, _ in }
    ) -> Deduplication {
        deduplicate(documents, threads: threads, blockSize: 512, progress: progress)
    }

    /// Deduplicates `documents` a block of `blockSize` documents (in canonical order) at a time: first every
    /// document of the block is checked against the canonicals found before the block, on `threads` threads; then,
    /// in order, against the canonicals found earlier in the block, and the verdicts are applied. Candidates are
    /// visited oldest canonical first in both steps, so the outcome is the one of checking each document in turn.
    func deduplicate(
        _ documents: [FingerprintedDocument], threads: Int, blockSize: Int,
        progress: (_ done: Int, _ copies: Int) -> Void
    ) -> Deduplication {
        precondition(blockSize > 0 && 4096 % blockSize == 0, "the block size divides the progress interval")
        for document in documents {
            precondition(document.fingerprint.signature.settings == settings, "fingerprint settings differ")
        }
        let order = Deduplicator.canonicalOrder(documents)
        var matcher = BlockMatcher(
            documents: documents, policy: policy, lsh: lshParameters, threads: threads, blockSize: blockSize)
        var canonicalOf = Array(documents.indices)
        var verdictOf: [Int: Verdict] = [:]
        var candidatesVerified = 0
        for blockStart in stride(from: 0, to: order.count, by: blockSize) {
            if blockStart % 4096 == 0 { progress(blockStart, verdictOf.count) }
            let block = order[blockStart..<min(order.count, blockStart + blockSize)]
            for decision in matcher.match(block) {
                candidatesVerified += decision.candidates
                guard let best = decision.best else { continue }
                let (position, original) = (decision.position, best.original)
                canonicalOf[position] = original
                verdictOf[position] = Verdict(
                    kind: best.kind, crossSource: documents[position].crossesSource(with: documents[original]),
                    scores: best.scores)
            }
        }
        var matches: [Match] = []
        var membersOf: [Int: [Int]] = [:]
        for position in documents.indices where canonicalOf[position] != position {
            let original = canonicalOf[position]
            matches.append(Match(copy: position, original: original, verdict: verdictOf[position]!))
            membersOf[original, default: [original]].append(position)
        }
        let clusters = membersOf.keys.sorted().map { Cluster(canonical: $0, members: membersOf[$0]!) }
        return Deduplication(
            matches: matches, clusters: clusters, canonicalOf: canonicalOf, candidatesVerified: candidatesVerified)
    }

    /// The positions of `documents` in the order of ``precedes(_:_:)``. Sorts flat keys (time, length, position)
    /// and compares ids only between documents tied on both, which keeps a million-document sort to a second.
    static func canonicalOrder(_ documents: [FingerprintedDocument]) -> [Int] {
        struct Key {
            var time: Double
            var tokens: Int
            var position: Int
        }
        var keys = documents.indices.map { position in
            let document = documents[position]
            // Undated documents come after dated ones.
            return Key(
                time: document.published?.secondsSinceEpoch ?? .infinity, tokens: document.fingerprint.tokenCount,
                position: position)
        }
        keys.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.tokens != b.tokens { return a.tokens > b.tokens }
            if documents[a.position].id != documents[b.position].id {
                return documents[a.position].id < documents[b.position].id
            }
            return a.position < b.position
        }
        return keys.map(\.position)
    }

    /// Candidates are visited oldest canonical first, so on a full tie the earlier canonical stays.
    static func isBetter(_ a: Verdict, than b: Verdict) -> Bool {
        let rank: (CopyKind) -> Int = {
            switch $0 {
            case .exact: 0
            case .nearDuplicate: 1
            case .contained: 2
            }
        }
        if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
        return a.scores.jaccard > b.scores.jaccard
    }
}
