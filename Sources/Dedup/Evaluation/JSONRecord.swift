/// One JSONL record (a JSON object) with its place, whose typed accessors throw an ``InputError`` naming the file,
/// line and field.
struct JSONRecord {
    let fields: [String: JSONValue]
    let file: String
    let line: Int

    /// Decodes one line; the line must be a JSON object.
    init(_ bytes: some Collection<UInt8>, file: String, line: Int) throws(InputError) {
        self.file = file
        self.line = line
        let value: JSONValue
        switch JSONValue.parse(bytes) {
        case .success(let parsed): value = parsed
        case .failure(let error):
            throw InputError(
                file: file, line: line, field: nil, reason: .invalidJSON,
                message: "invalid JSON (\(error.message) at byte \(error.offset + 1))")
        }
        guard case .object(let fields) = value else {
            throw InputError(
                file: file, line: line, field: nil, reason: .notAnObject, message: "the line is not a JSON object")
        }
        self.fields = fields
    }

    /// Wraps already decoded fields (the objects inside an array of a record).
    init(fields: [String: JSONValue], file: String, line: Int) {
        self.fields = fields
        self.file = file
        self.line = line
    }

    func contains(_ key: String) -> Bool { fields[key] != nil }

    func error(_ field: String?, _ reason: InputError.Reason, _ message: String) -> InputError {
        InputError(file: file, line: line, field: field, reason: reason, message: message)
    }

    func value(_ key: String) throws(InputError) -> JSONValue {
        guard let value = fields[key], value != .null else { throw error(key, .missingField, "missing \(key)") }
        return value
    }

    /// A document id: a JSON integer or a non-empty string.
    func id(_ key: String) throws(InputError) -> ArticleID {
        switch try value(key) {
        case .integer(let integer): return .integer(integer)
        case .string(let string) where !string.isEmpty: return .string(string)
        case .string: throw error(key, .invalidValue, "the id is an empty string")
        case let other: throw error(key, .wrongType, "the id must be a string or an integer, not \(other.typeName)")
        }
    }

    func string(_ key: String) throws(InputError) -> String {
        guard case .string(let string) = try value(key) else {
            throw error(key, .wrongType, "must be a string")
        }
        return string
    }

    func bool(_ key: String) throws(InputError) -> Bool {
        guard case .bool(let bool) = try value(key) else { throw error(key, .wrongType, "must be true or false") }
        return bool
    }

    func integer(_ key: String) throws(InputError) -> Int {
        guard case .integer(let integer) = try value(key), let int = Int(exactly: integer) else {
            throw error(key, .wrongType, "must be an integer")
        }
        return int
    }

    /// The objects of an array field.
    func objects(_ key: String) throws(InputError) -> [JSONRecord] {
        guard case .array(let elements) = try value(key) else { throw error(key, .wrongType, "must be an array") }
        var records: [JSONRecord] = []
        for element in elements {
            guard case .object(let object) = element else {
                throw error(key, .wrongType, "every element must be an object")
            }
            records.append(JSONRecord(fields: object, file: file, line: line))
        }
        return records
    }

    /// The ids of an array field.
    func ids(_ key: String) throws(InputError) -> [ArticleID] {
        guard case .array(let elements) = try value(key) else { throw error(key, .wrongType, "must be an array") }
        var ids: [ArticleID] = []
        for element in elements {
            switch element {
            case .integer(let integer): ids.append(.integer(integer))
            case .string(let string) where !string.isEmpty: ids.append(.string(string))
            default: throw error(key, .wrongType, "every member must be a non-empty string or an integer")
            }
        }
        return ids
    }
}

/// The non-blank lines of a JSONL file, with their 1-based line numbers.
func jsonLines(path: String) throws(FileError) -> some Sequence<(line: Int, bytes: ArraySlice<UInt8>)> {
    try LineReader(path: path).lazy.filter { line in
        line.bytes.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    }
}
