/// One line of a labeled-pairs file: two documents and a person's judgment of whether one is a copy of the other.
///
/// The file is JSONL, `{"a": id, "b": id, "label": …}` per line (other fields are ignored). Labels that mean a copy:
/// `true`, "duplicate", "copy", "exact", "near_duplicate", "contained", "syndicated". Labels that mean not a copy:
/// `false`, "different", "not_duplicate", "not_copy", "unrelated", "template", "same_event". Case, hyphens and
/// spaces do not matter ("Near-duplicate" is "near_duplicate").
public struct LabeledPair: Sendable, Hashable {
    /// One document.
    public var a: ArticleID
    /// The other document.
    public var b: ArticleID
    /// The label as normalized: the string (lowercased, "-" and " " as "_"), or "true" / "false".
    public var label: String
    /// Whether the label says the two are copies.
    public var isDuplicate: Bool
    /// The pair's 1-based line in the file.
    public var line: Int

    /// A labeled pair from its fields.
    public init(a: ArticleID, b: ArticleID, label: String, isDuplicate: Bool, line: Int = 0) {
        self.a = a
        self.b = b
        self.label = label
        self.isDuplicate = isDuplicate
        self.line = line
    }

    /// The labels that mean a copy.
    public static let positiveLabels: Set<String> = [
        "true", "duplicate", "copy", "exact", "near_duplicate", "contained", "syndicated",
    ]

    /// The labels that mean not a copy.
    public static let negativeLabels: Set<String> = [
        "false", "different", "not_duplicate", "not_copy", "unrelated", "template", "same_event",
    ]

    /// Decodes one line of a labeled-pairs file.
    init(_ record: JSONRecord) throws(InputError) {
        a = try record.id("a")
        b = try record.id("b")
        guard a != b else { throw record.error("b", .invalidValue, "a and b are the same document (\(a))") }
        switch try record.value("label") {
        case .bool(let bool):
            label = String(bool)
        case .string(let string):
            label = String(
                string.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        default:
            throw record.error("label", .wrongType, "must be a string or true/false")
        }
        if Self.positiveLabels.contains(label) {
            isDuplicate = true
        } else if Self.negativeLabels.contains(label) {
            isDuplicate = false
        } else {
            throw record.error(
                "label", .invalidValue,
                "'\(label.prefix(40))' is not a known label (copies: "
                    + Self.positiveLabels.sorted().joined(separator: ", ") + "; not copies: "
                    + Self.negativeLabels.sorted().joined(separator: ", ") + ")")
        }
        line = record.line
    }
}
