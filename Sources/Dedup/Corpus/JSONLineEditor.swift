/// Replaces one string field of a JSON object line, leaving every other byte as it was (field order, number
/// formatting, unknown fields).
public enum JSONLineEditor {
    /// `line` with the top-level string field `key` set to `value`; nil if the line is not an object with such a
    /// string field. When the key occurs more than once, the last occurrence is replaced.
    public static func replacingString(in line: some Collection<UInt8>, key: String, with value: String) -> [UInt8]? {
        let bytes = Array(line)
        guard let range = stringValueRange(in: bytes, key: Array(key.utf8)) else { return nil }
        var writer = JSONWriter()
        writer.value(value)
        return Array(bytes[..<range.lowerBound]) + writer.bytes + Array(bytes[range.upperBound...])
    }

    /// The byte range (quotes included) of the value of the top-level string field `key`.
    static func stringValueRange(in bytes: [UInt8], key: [UInt8]) -> Range<Int>? {
        var position = 0
        func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }
        /// Skips a string starting at `position` (a quote); returns the range of its raw contents.
        func skipString() -> Range<Int>? {
            guard position < bytes.count, bytes[position] == 0x22 else { return nil }
            position += 1
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case 0x5C: position += 2
                case 0x22:
                    position += 1
                    return start..<(position - 1)
                default: position += 1
                }
            }
            return nil
        }
        func skipValue() -> Bool {
            skipWhitespace()
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case 0x22: return skipString() != nil
            case 0x7B, 0x5B:
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case 0x22:
                        guard skipString() != nil else { return false }
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
                while position < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                    position += 1
                }
                return true
            }
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == 0x7B else { return nil }
        position += 1
        var found: Range<Int>?
        while true {
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == 0x7D { return found }
            guard let name = skipString() else { return nil }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == 0x3A else { return nil }
            position += 1
            skipWhitespace()
            let valueStart = position
            if bytes[name].elementsEqual(key), position < bytes.count, bytes[position] == 0x22 {
                guard skipString() != nil else { return nil }
                found = valueStart..<position
            } else {
                guard skipValue() else { return nil }
            }
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == 0x2C {
                position += 1
            } else if bytes[position] == 0x7D {
                return found
            } else {
                return nil
            }
        }
    }
}
