extension StringProtocol {
    /// The lines of the text split on "\n" (a trailing "\r" kept), found by scanning UTF-8 bytes rather than
    /// characters; empty lines included, so line `n` (1-based) is element `n - 1`.
    public func lineSlices() -> [SubSequence] {
        var lines: [SubSequence] = []
        var start = startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                lines.append(self[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(self[start..<endIndex])
        return lines
    }
}
