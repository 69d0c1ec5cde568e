#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a JSONL record's text field, found on the line's raw bytes without decoding it.
///
/// When every escape in the field is one ``JSONWriter`` writes (`\"`, `\\`, `\n`, `\r`, `\t`, and `\u00xx` in
/// lowercase hex for the other control bytes), the text's line feeds are exactly its `\n` escapes, and the escaped
/// form of any run of its lines joined by "\n" is the run of their raw bytes joined by `\n`. Writing the text with
/// some lines removed, or some lines quoted, is then a copy of bytes that gives what decoding, editing and writing
/// the text again would give: the write pass of a scan does that for every page with boilerplate.
struct EscapedTextLines {
    /// One line of the text, in the record's bytes.
    struct Line {
        /// Its escaped bytes, without the `\n` that ends it.
        var range: Range<Int>
        /// Whether the line ends with a carriage return (its last escape is `\r`).
        var endsWithCarriageReturn: Bool
    }

    /// The byte range of the field's value in the record, quotes included.
    let valueRange: Range<Int>
    /// The text's lines (split on "\n", empty ones included, so line `n` is element `n - 1`).
    let lines: [Line]

    /// The lines of the top-level string field `key` of the JSON object `record`; nil when the record is not an
    /// object with that field once, as a string whose escapes are all ``JSONWriter``'s own, or when any key of the
    /// object has an escape (a key the decoder would read as `key` without its bytes being `key`).
    init?(record: UnsafeBufferPointer<UInt8>, key: [UInt8]) {
        guard let value = Self.stringValue(of: key, in: record),
            let lines = Self.lines(of: record, contents: (value.lowerBound + 1)..<(value.upperBound - 1))
        else { return nil }
        valueRange = value
        self.lines = lines
    }

    /// The lines of the escaped string contents `contents`, or nil for an escape ``JSONWriter`` would not write.
    private static func lines(of bytes: UnsafeBufferPointer<UInt8>, contents: Range<Int>) -> [Line]? {
        guard let base = bytes.baseAddress else { return nil }
        var lines: [Line] = []
        var lineStart = contents.lowerBound
        var carriageReturnEnd = -1
        var index = contents.lowerBound
        let end = contents.upperBound
        // Escapes are found with memchr; the record decoded on an earlier reading, so it has no raw control byte.
        while index < end, let found = memchr(base + index, 0x5C, end - index) {
            index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            guard index + 1 < end else { return nil }
            switch bytes[index + 1] {
            case 0x6E:
                lines.append(Line(range: lineStart..<index, endsWithCarriageReturn: carriageReturnEnd == index))
                index += 2
                lineStart = index
            case 0x72:
                index += 2
                carriageReturnEnd = index
            case 0x22, 0x5C, 0x74:
                index += 2
            case 0x75:
                // JSONWriter writes `\u00xx` (lowercase hex) for control bytes other than \n, \r and \t.
                guard index + 6 <= end, bytes[index + 2] == 0x30, bytes[index + 3] == 0x30 else { return nil }
                let high = bytes[index + 4]
                let low = bytes[index + 5]
                guard high == 0x30 || high == 0x31 else { return nil }
                let lowValue: UInt8
                switch low {
                case 0x30...0x39: lowValue = low - 0x30
                case 0x61...0x66: lowValue = low - 0x61 + 10
                default: return nil
                }
                let value = (high - 0x30) << 4 | lowValue
                guard value != 0x09 && value != 0x0A && value != 0x0D else { return nil }
                index += 6
            default:
                return nil
            }
        }
        lines.append(Line(range: lineStart..<end, endsWithCarriageReturn: carriageReturnEnd == end))
        return lines
    }

    /// The range (quotes included) of the string value of `key` in the object `record`; nil unless `key` occurs once,
    /// with a string value, and no member name has an escape.
    private static func stringValue(of key: [UInt8], in record: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var found: Range<Int>?
        let complete = JSONMemberReader.forEachMember(of: record) { name, nameIsEscaped, value in
            guard !nameIsEscaped else { return false }
            guard record[name].elementsEqual(key) else { return true }
            guard found == nil, record[value.lowerBound] == 0x22 else { return false }
            found = value
            return true
        }
        return complete ? found : nil
    }
}
