/// A truth file: which documents were made from which, and which lines are boilerplate.
///
/// The file is JSONL: an optional `{"type":"meta"}` record (its `documents` count is kept, other fields are
/// ignored), then `{"type":"pair"}` and `{"type":"boilerplate"}` records, as the corpus generator writes them
/// (``TruthRecord``); kinds and operations are the generator's ``TruthKind`` and ``CopyOperation``. Ids are read
/// as ``ArticleID``s, strings or integers. Documents in no copy pair are singletons; the true clusters are the
/// connected components of the copy pairs.
public struct GroundTruth: Sendable, Hashable {
    /// One `{"type":"pair"}` record of a truth file: an original, a document made from it, and how.
    public struct Pair: Sendable, Hashable {
        /// The original document.
        public var a: ArticleID
        /// The document made from it (the copy, or the other template story or report of the event).
        public var b: ArticleID
        /// What `b` is to `a`.
        public var kind: TruthKind
        /// How `b` was made.
        public var operation: CopyOperation
        /// Whether `b` is a copy of `a`; true exactly when ``kind`` is a copy kind.
        public var isCopy: Bool
        /// Whether the two documents are on different sites.
        public var crossSource: Bool
        /// The record's 1-based line in the truth file.
        public var line: Int

        /// A pair from its fields.
        public init(
            a: ArticleID, b: ArticleID, kind: TruthKind, operation: CopyOperation, isCopy: Bool, crossSource: Bool,
            line: Int = 0
        ) {
            self.a = a
            self.b = b
            self.kind = kind
            self.operation = operation
            self.isCopy = isCopy
            self.crossSource = crossSource
            self.line = line
        }
    }

    /// One `{"type":"boilerplate"}` record of a truth file: lines of a document that are site chrome.
    public struct Boilerplate: Sendable, Hashable {
        /// The document.
        public var id: ArticleID
        /// The first line of the block (1-based line of the text split on "\n").
        public var firstLine: Int
        /// The last line of the block, inclusive.
        public var lastLine: Int
        /// Why the lines are boilerplate, as the generator names it.
        public var reason: String
        /// The record's 1-based line in the truth file.
        public var line: Int

        /// A block from its fields.
        public init(id: ArticleID, firstLine: Int, lastLine: Int, reason: String, line: Int = 0) {
            precondition(firstLine >= 1 && lastLine >= firstLine, "invalid line range \(firstLine)...\(lastLine)")
            self.id = id
            self.firstLine = firstLine
            self.lastLine = lastLine
            self.reason = reason
            self.line = line
        }
    }

    /// The pair records, in file order.
    public var pairs: [Pair]
    /// The boilerplate records, in file order.
    public var boilerplate: [Boilerplate]
    /// The `documents` count of the meta record, when it has one.
    public var declaredDocuments: Int?

    /// A truth from its records.
    public init(pairs: [Pair] = [], boilerplate: [Boilerplate] = [], declaredDocuments: Int? = nil) {
        self.pairs = pairs
        self.boilerplate = boilerplate
        self.declaredDocuments = declaredDocuments
    }

    /// The copy kind of a truth kind, or nil for the kinds that are not copies (template, same event).
    public static func copyKind(of kind: TruthKind) -> CopyKind? {
        switch kind {
        case .exact: .exact
        case .nearDuplicate: .nearDuplicate
        case .contained: .contained
        case .template, .sameEvent: nil
        }
    }

    /// Adds one decoded record of a truth file.
    mutating func add(_ record: JSONRecord) throws(InputError) {
        let type = try record.string("type")
        switch type {
        case "meta":
            if case .integer(let count)? = record.fields["documents"] { declaredDocuments = Int(exactly: count) }
        case "pair":
            let a = try record.id("a")
            let b = try record.id("b")
            guard a != b else { throw record.error("b", .invalidValue, "a and b are the same document (\(a))") }
            let kindName = try record.string("kind")
            guard let kind = TruthKind(rawValue: kindName) else {
                let known = TruthKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw record.error("kind", .invalidValue, "'\(kindName.prefix(40))' is not one of \(known)")
            }
            let operationName = try record.string("operation")
            guard let operation = CopyOperation(rawValue: operationName) else {
                let known = CopyOperation.allCases.map(\.rawValue).joined(separator: ", ")
                throw record.error("operation", .invalidValue, "'\(operationName.prefix(40))' is not one of \(known)")
            }
            let isCopy = try record.bool("copy")
            guard isCopy == (Self.copyKind(of: kind) != nil) else {
                throw record.error(
                    "copy", .invalidValue,
                    "a \(kind.rawValue) pair must have \"copy\": \(!isCopy) (copies are exact, near_duplicate "
                        + "and contained)")
            }
            let crossSource = try record.bool("cross_source")
            pairs.append(
                Pair(
                    a: a, b: b, kind: kind, operation: operation, isCopy: isCopy, crossSource: crossSource,
                    line: record.line))
        case "boilerplate":
            let id = try record.id("id")
            let first = try record.integer("first_line")
            let last = try record.integer("last_line")
            guard first >= 1 else { throw record.error("first_line", .invalidValue, "must be at least 1") }
            guard last >= first else {
                throw record.error("last_line", .invalidValue, "must be at least first_line (\(first))")
            }
            let reason = try record.string("reason")
            boilerplate.append(
                Boilerplate(id: id, firstLine: first, lastLine: last, reason: reason, line: record.line))
        default:
            throw record.error("type", .invalidValue, "'\(type.prefix(40))' is not one of meta, pair, boilerplate")
        }
    }
}
