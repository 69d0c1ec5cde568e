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

    /// The byte range (quotes included) of the value of the top-level string field `key` (the last one when it
    /// occurs more than once; names compared as written).
    static func stringValueRange(in bytes: [UInt8], key: [UInt8]) -> Range<Int>? {
        bytes.withUnsafeBufferPointer { bytes in
            var found: Range<Int>?
            let complete = JSONMemberReader.forEachMember(of: bytes) { name, _, value in
                if bytes[name].elementsEqual(key), bytes[value.lowerBound] == 0x22 { found = value }
                return true
            }
            return complete ? found : nil
        }
    }
}
