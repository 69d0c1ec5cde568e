/// The kind of copy a document is of another.
public enum CopyKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Identical after normalization.
    case exact
    /// A reprint with small edits: changed headline, typo fixes, a sentence added or dropped, reformatted numbers.
    case nearDuplicate = "near_duplicate"
    /// One is almost wholly inside the other: a truncated copy, or an extended update keeping the original text.
    case contained

    public var description: String { rawValue }
}

/// Which of the two documents of a pair is the shorter.
public enum ShorterSide: String, Sendable, Hashable, Codable {
    case copy
    case original
    case equal
}

/// The verified scores of a pair of documents.
public struct MatchScores: Sendable, Hashable {
    /// Estimated Jaccard similarity of the two shingle sets.
    public var jaccard: Double
    /// Estimated share of the copy's shingles that are in the original.
    public var containmentOfCopy: Double
    /// Estimated share of the original's shingles that are in the copy.
    public var containmentOfOriginal: Double
    /// The shorter side, by distinct shingles.
    public var shorter: ShorterSide

    /// The containment of the shorter document in the longer one.
    public var containment: Double {
        shorter == .original ? containmentOfOriginal : containmentOfCopy
    }
}

/// A verified copy: what kind, whether it crosses sources, and its scores.
public struct Verdict: Sendable, Hashable {
    /// The kind of copy.
    public var kind: CopyKind
    /// Whether the two documents come from different sites (syndication).
    public var crossSource: Bool
    /// The scores the verdict rests on.
    public var scores: MatchScores

    /// A verdict from its parts.
    public init(kind: CopyKind, crossSource: Bool, scores: MatchScores) {
        self.kind = kind
        self.crossSource = crossSource
        self.scores = scores
    }
}
