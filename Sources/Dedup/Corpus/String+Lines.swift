#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// The lines of the text split on "\n" (a trailing "\r" kept), found by scanning UTF-8 bytes rather than
    /// characters; empty lines included, so line `n` (1-based) is element `n - 1`.
    public func lineSlices() -> [SubSequence] {
        // Native strings: find the line feeds with memchr and step the index by the byte distance (O(1) in UTF-8).
        let fast: [SubSequence]? = utf8.withContiguousStorageIfAvailable { bytes in
            var lines: [SubSequence] = []
            var start = startIndex
            var offset = 0
            guard let base = bytes.baseAddress else { return [self[start..<endIndex]] }
            while offset < bytes.count,
                let found = memchr(base + offset, 0x0A, bytes.count - offset)
            {
                let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                let end = utf8.index(start, offsetBy: newline - offset)
                lines.append(self[start..<end])
                start = utf8.index(after: end)
                offset = newline + 1
            }
            lines.append(self[start..<endIndex])
            return lines
        }
        if let fast { return fast }
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
