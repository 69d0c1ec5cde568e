#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reader of the top level of one JSON object: each member's name and the byte range of its value, without
/// decoding anything. ``EscapedTextLines`` and ``JSONLineEditor`` find a field's value with it, each with its own rule
/// for repeated or escaped names.
struct JSONMemberReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    /// Calls `body` with each top-level member of the object in `bytes`, in order: the raw contents of its name,
    /// whether the name has an escape, and its value's range (quotes included for a string). Stops when `body`
    /// returns false. Returns whether the whole object was read (false for bytes that are not an object, or when
    /// `body` stopped).
    static func forEachMember(
        of bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Bool, Range<Int>) -> Bool
    ) -> Bool {
        var reader = JSONMemberReader(bytes: bytes)
        reader.skipWhitespace()
        guard reader.take(0x7B) else { return false }
        reader.skipWhitespace()
        if reader.take(0x7D) { return true }
        while true {
            reader.skipWhitespace()
            guard let name = reader.string() else { return false }
            reader.skipWhitespace()
            guard reader.take(0x3A) else { return false }
            reader.skipWhitespace()
            let valueStart = reader.position
            guard reader.skipValue(), body(name.contents, name.escaped, valueStart..<reader.position) else {
                return false
            }
            reader.skipWhitespace()
            if reader.take(0x2C) { continue }
            return reader.take(0x7D)
        }
    }

    mutating func skipWhitespace() {
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

    /// Skips a string at `position` (a quote); its raw contents, and whether they hold an escape.
    mutating func string() -> (contents: Range<Int>, escaped: Bool)? {
        guard take(0x22), let base = bytes.baseAddress else { return nil }
        let start = position
        // The closing quote is the first one after an even run of backslashes (a backslash always starts an
        // escape); memchr finds the quotes.
        while position < bytes.count, let found = memchr(base + position, 0x22, bytes.count - position) {
            let quote = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            var before = quote
            while before > start && bytes[before - 1] == 0x5C { before -= 1 }
            position = quote + 1
            if (quote - before) % 2 == 0 {
                let escaped = memchr(base + start, 0x5C, quote - start) != nil
                return (start..<quote, escaped)
            }
        }
        position = bytes.count
        return nil
    }

    /// Skips any value (strings and nesting followed, scalars up to their delimiter).
    mutating func skipValue() -> Bool {
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case 0x22:
            return string() != nil
        case 0x7B, 0x5B:
            var depth = 0
            while position < bytes.count {
                switch bytes[position] {
                case 0x22:
                    guard string() != nil else { return false }
                    continue
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return true
                    }
                default: break
                }
                position += 1
            }
            return false
        default:
            while position < bytes.count {
                switch bytes[position] {
                case 0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D: return true
                default: position += 1
                }
            }
            return true
        }
    }
}
