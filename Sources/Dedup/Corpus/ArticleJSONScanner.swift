#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A single-pass reader of the common case: a well-formed JSON object whose article fields have the right types.
///
/// It returns nil for anything else (invalid JSON, a wrong type, a repeated field, a number it does not read
/// exactly), and ``ArticleDecoder`` then decodes the line with Foundation's `JSONDecoder`, which names the problem.
/// So it only has to be right about what it accepts: a strict subset of JSON (RFC 8259), read as `JSONDecoder`
/// reads it. It is about ten times faster, and decoding runs on every line of every pass of a scan.
struct ArticleJSONScanner {
    private let id: [UInt8]
    private let text: [UInt8]
    private let source: [UInt8]
    private let url: [UInt8]
    private let title: [UInt8]
    private let published: [UInt8]

    init(fields: InputFields) {
        id = Array(fields.id.utf8)
        text = Array(fields.text.utf8)
        source = Array(fields.source.utf8)
        url = Array(fields.url.utf8)
        title = Array(fields.title.utf8)
        published = Array(fields.published.utf8)
    }

    private enum Field: Int {
        case id, text, source, url, title, published
    }

    private enum Value {
        case string(String)
        case integer(Int64)
        case null
    }

    /// The values read so far, one per field (no array: nothing is allocated per line but the strings).
    private struct Values {
        var id: Value?
        var text: Value?
        var source: Value?
        var url: Value?
        var title: Value?
        var published: Value?

        subscript(field: Field) -> Value? {
            get {
                switch field {
                case .id: id
                case .text: text
                case .source: source
                case .url: url
                case .title: title
                case .published: published
                }
            }
            set {
                switch field {
                case .id: id = newValue
                case .text: text = newValue
                case .source: source = newValue
                case .url: url = newValue
                case .title: title = newValue
                case .published: published = newValue
                }
            }
        }
    }

    /// The article in `bytes` (valid UTF-8), or nil when the line is not the simple well-formed case.
    func article(_ bytes: UnsafeBufferPointer<UInt8>) -> Article? {
        var reader = Reader(bytes: bytes)
        var values = Values()
        reader.skipSpace()
        guard reader.take(0x7B) else { return nil }
        reader.skipSpace()
        if !reader.take(0x7D) {
            while true {
                reader.skipSpace()
                guard let key = reader.withStringBytes({ field(named: $0) }) else { return nil }
                reader.skipSpace()
                guard reader.take(0x3A) else { return nil }
                reader.skipSpace()
                if let field = key {
                    guard values[field] == nil, let value = reader.scalarValue() else { return nil }
                    values[field] = value
                } else {
                    guard reader.skipValue(depth: 0) else { return nil }
                }
                reader.skipSpace()
                if reader.take(0x2C) { continue }
                guard reader.take(0x7D) else { return nil }
                break
            }
        }
        reader.skipSpace()
        guard reader.atEnd else { return nil }

        let articleID: ArticleID
        switch values.id {
        case .integer(let value)?: articleID = .integer(value)
        case .string(let value)? where !value.isEmpty: articleID = .string(value)
        default: return nil
        }
        guard case .string(let articleText)? = values.text else { return nil }
        func optional(_ field: Field) -> String?? {
            switch values[field] {
            case nil, .null?: return .some(nil)
            case .string(let value)?: return .some(value)
            case .integer?: return nil
            }
        }
        guard let articleSource = optional(.source), let articleURL = optional(.url), let articleTitle = optional(.title),
            let publishedText = optional(.published)
        else { return nil }
        var timestamp: Timestamp?
        if let publishedText {
            guard let parsed = Timestamp(iso8601: publishedText) else { return nil }
            timestamp = parsed
        }
        return Article(
            id: articleID, text: articleText, source: articleSource, url: articleURL, title: articleTitle,
            published: timestamp)
    }

    private func field(named key: UnsafeBufferPointer<UInt8>) -> Field? {
        if key.elementsEqual(text) { return .text }
        if key.elementsEqual(id) { return .id }
        if key.elementsEqual(source) { return .source }
        if key.elementsEqual(url) { return .url }
        if key.elementsEqual(title) { return .title }
        if key.elementsEqual(published) { return .published }
        return nil
    }

    /// The offset of the first quote, backslash or control byte at or after `start`, or `bytes.count`.
    ///
    /// Eight bytes at a time (SWAR): a byte is flagged when it equals 0x22 or 0x5C or is below 0x20. The
    /// subtractions can flag a byte wrongly only above a byte rightly flagged (a borrow runs upwards), so the
    /// lowest flag is exact; bytes from 0x80 are never flagged.
    @inline(__always)
    static func endOfPlainRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            while index &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let flags =
                    ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word)
                    & high
                if flags != 0 { return index &+ flags.trailingZeroBitCount >> 3 }
                index &+= 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
            index += 1
        }
        return index
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func skipSpace() {
            while position < bytes.count {
                let byte = bytes[position]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                position += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// Runs `body` on a string's bytes, its escapes decoded: in place when it has none (keys, mostly), else
        /// from a copy; nil if it is not a valid JSON string.
        mutating func withStringBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
            guard take(0x22) else { return nil }
            let start = position
            let end = ArticleJSONScanner.endOfPlainRun(bytes, from: start)
            if end < bytes.count && bytes[end] == 0x22 {
                position = end + 1
                return body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            guard let unescaped = escapedString() else { return nil }
            return unescaped.withUnsafeBufferPointer(body)
        }

        /// A string value as a Swift string.
        mutating func string() -> String? {
            guard position < bytes.count, bytes[position] == 0x22 else { return nil }
            let start = position + 1
            var scan = start
            while scan < bytes.count {
                let byte = bytes[scan]
                if byte == 0x22 {
                    position = scan + 1
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<scan]), as: UTF8.self)
                }
                if byte == 0x5C || byte < 0x20 { break }
                scan += 1
            }
            position += 1
            // Unescaped straight into the string's storage: an escape is never shorter than what it stands for, so
            // the raw string is room enough (the storage is kept with the string: not the rest of the line).
            var failed = false
            let string = String(unsafeUninitializedCapacity: rawLength()) { buffer in
                guard let count = unescape(into: buffer) else {
                    failed = true
                    return 0
                }
                return count
            }
            return failed ? nil : string
        }

        /// The number of bytes from `position` (inside a string) to its closing quote, or to the end of the bytes.
        private func rawLength() -> Int {
            guard let base = bytes.baseAddress else { return 0 }
            var index = position
            // The first quote after an even run of backslashes (a backslash always starts an escape).
            while index < bytes.count, let found = memchr(base + index, 0x22, bytes.count - index) {
                let quote = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                var before = quote
                while before > position && bytes[before - 1] == 0x5C { before -= 1 }
                if (quote - before) % 2 == 0 { return quote - position }
                index = quote + 1
            }
            return bytes.count - position
        }

        /// The rest of a string (the opening quote consumed) with escapes.
        private mutating func escapedString() -> [UInt8]? {
            var failed = false
            let result = [UInt8](unsafeUninitializedCapacity: bytes.count - position) { buffer, count in
                guard let written = unescape(into: buffer) else {
                    failed = true
                    count = 0
                    return
                }
                count = written
            }
            return failed ? nil : result
        }

        /// Unescapes the rest of a string (the opening quote consumed) into `result`, which has room for at least
        /// the bytes left; returns the number of bytes written, or nil if the string is not valid JSON.
        private mutating func unescape(into result: UnsafeMutableBufferPointer<UInt8>) -> Int? {
            var written = 0
            // Room is checked (it never runs out for what rawLength() measured, but the check is cheap).
            @inline(__always) func append(_ byte: UInt8) -> Bool {
                guard written < result.count else { return false }
                result[written] = byte
                written += 1
                return true
            }
            while position < bytes.count {
                // Copy the run up to the next quote, backslash or control byte in one go.
                let end = ArticleJSONScanner.endOfPlainRun(bytes, from: position)
                if end > position {
                    guard written + end - position <= result.count else { return nil }
                    _ = UnsafeMutableBufferPointer(rebasing: result[written..<(written + end - position)]).initialize(
                        from: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                    written += end - position
                    position = end
                    continue
                }
                let byte = bytes[position]
                position += 1
                if byte == 0x22 { return written }
                if byte < 0x20 { return nil }
                // byte is a backslash.
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                var appended = true
                switch escape {
                case 0x22, 0x5C, 0x2F: appended = append(escape)
                case 0x62: appended = append(0x08)
                case 0x66: appended = append(0x0C)
                case 0x6E: appended = append(0x0A)
                case 0x72: appended = append(0x0D)
                case 0x74: appended = append(0x09)
                case 0x75:
                    guard var scalar = hex4() else { return nil }
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low one.
                        guard take(0x5C), take(0x75), let low = hex4(), low >= 0xDC00 && low < 0xE000 else {
                            return nil
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    for byte in UTF8.encode(unicode)! where !append(byte) { return nil }
                default: return nil
                }
                guard appended else { return nil }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }

        /// A string, a null, or an integer that fits Int64 exactly; nil for anything else.
        mutating func scalarValue() -> Value? {
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case 0x22: return string().map { .string($0) }
            case 0x6E: return literal("null") ? .null : nil
            case 0x2D, 0x30...0x39: return integer().map { .integer($0) }
            default: return nil
            }
        }

        private mutating func integer() -> Int64? {
            let negative = take(0x2D)
            guard position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 else { return nil }
            if bytes[position] == 0x30, position + 1 < bytes.count,
                bytes[position + 1] >= 0x30 && bytes[position + 1] <= 0x39
            {
                return nil
            }
            var magnitude: UInt64 = 0
            while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 {
                let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(UInt64(bytes[position] - 0x30))
                guard !overflow, !carry else { return nil }
                magnitude = sum
                position += 1
            }
            // A fraction or an exponent: leave it to JSONDecoder.
            if position < bytes.count, bytes[position] == 0x2E || bytes[position] | 0x20 == 0x65 { return nil }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
            position += count
            return true
        }

        /// Skips any JSON value, checking its grammar.
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 64, position < bytes.count else { return false }
            switch bytes[position] {
            case 0x22:
                return withStringBytes({ _ in }) != nil
            case 0x7B:
                position += 1
                skipSpace()
                if take(0x7D) { return true }
                while true {
                    skipSpace()
                    guard withStringBytes({ _ in }) != nil else { return false }
                    skipSpace()
                    guard take(0x3A) else { return false }
                    skipSpace()
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if take(0x2C) { continue }
                    return take(0x7D)
                }
            case 0x5B:
                position += 1
                skipSpace()
                if take(0x5D) { return true }
                while true {
                    skipSpace()
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if take(0x2C) { continue }
                    return take(0x5D)
                }
            case 0x74: return literal("true")
            case 0x66: return literal("false")
            case 0x6E: return literal("null")
            default: return number()
            }
        }

        /// A JSON number, by the grammar.
        private mutating func number() -> Bool {
            _ = take(0x2D)
            func digits() -> Int {
                let start = position
                while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
                return position - start
            }
            guard position < bytes.count else { return false }
            if bytes[position] == 0x30 {
                position += 1
            } else if digits() == 0 {
                return false
            }
            if take(0x2E), digits() == 0 { return false }
            if take(0x65) || take(0x45) {
                if !take(0x2B) { _ = take(0x2D) }
                if digits() == 0 { return false }
            }
            return true
        }
    }
}
