/// Finds the byte ranges of the members of a JSON array or object without decoding them, so that each article of
/// a batch reaches ``Dedup/ArticleDecoder`` as the exact bytes the client sent (and is validated exactly as one
/// JSONL line is).
///
/// The input must already be known to be valid JSON: the slicer follows the structure and does not check it.
struct JSONSlicer {
    let bytes: [UInt8]

    /// The range of the top-level value, without surrounding whitespace.
    func topLevel() -> Range<Int> {
        let start = skipWhitespace(from: 0)
        return start..<skipValue(from: start)
    }

    /// The ranges of the elements of the array at `range`.
    func elements(ofArray range: Range<Int>) -> [Range<Int>] {
        precondition(bytes[range.lowerBound] == UInt8(ascii: "["))
        var ranges: [Range<Int>] = []
        var position = skipWhitespace(from: range.lowerBound + 1)
        while bytes[position] != UInt8(ascii: "]") {
            let end = skipValue(from: position)
            ranges.append(position..<end)
            position = skipWhitespace(from: end)
            if bytes[position] == UInt8(ascii: ",") { position = skipWhitespace(from: position + 1) }
        }
        return ranges
    }

    /// The ranges of the keys (with their quotes) and values of the object at `range`.
    func members(ofObject range: Range<Int>) -> [(key: Range<Int>, value: Range<Int>)] {
        precondition(bytes[range.lowerBound] == UInt8(ascii: "{"))
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        var position = skipWhitespace(from: range.lowerBound + 1)
        while bytes[position] != UInt8(ascii: "}") {
            let keyEnd = skipValue(from: position)
            let colon = skipWhitespace(from: keyEnd)
            let valueStart = skipWhitespace(from: colon + 1)
            let valueEnd = skipValue(from: valueStart)
            members.append((position..<keyEnd, valueStart..<valueEnd))
            position = skipWhitespace(from: valueEnd)
            if bytes[position] == UInt8(ascii: ",") { position = skipWhitespace(from: position + 1) }
        }
        return members
    }

    private func skipWhitespace(from start: Int) -> Int {
        var position = start
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return position
            }
        }
        return position
    }

    /// The index just past the value starting at `start`.
    private func skipValue(from start: Int) -> Int {
        var position = start
        var depth = 0
        var inString = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if inString {
                if byte == UInt8(ascii: "\\") {
                    position += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return position }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                // At depth 0 this closes the enclosing container: the scalar before it has ended.
                if depth == 0 { return position - 1 }
                depth -= 1
                if depth == 0 { return position }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 { return position - 1 }
            default: break
            }
        }
        return position
    }
}
