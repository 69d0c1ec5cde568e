extension TokenizedText {
    /// Appends the tokens `range` of `other`, as if the two texts were joined by a line break (which always
    /// separates tokens): so the tokens of a text's lines, appended in order, are the tokens of the text.
    mutating func append(_ other: TokenizedText, tokens range: Range<Int>) {
        guard !range.isEmpty else { return }
        let firstByte = Int(other.tokenStarts[range.lowerBound])
        let endByte = range.upperBound < other.count ? Int(other.tokenStarts[range.upperBound]) - 1 : other.bytes.count
        if !bytes.isEmpty { bytes.append(0x20) }
        let shift = Int32(truncatingIfNeeded: bytes.count - firstByte)
        bytes.append(contentsOf: other.bytes[firstByte..<endByte])
        tokenStarts.reserveCapacity(tokenStarts.count + range.count)
        for index in range { tokenStarts.append(other.tokenStarts[index] &+ shift) }
        tokenFlags.append(contentsOf: other.tokenFlags[range])
    }
}
