#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// The lines of the text split on "\n", found by scanning UTF-8 bytes rather than characters; empty lines
    /// included, so line `n` (1-based) is element `n - 1`.
    /// - Parameter droppingCarriageReturns: whether a "\r" that ends a line (of a "\r\n" line end, or at the end
    ///   of the text) is left out, as block splitting reads lines; by default it is kept.
    public func lineSlices(droppingCarriageReturns: Bool = false) -> [SubSequence] {
        // Native strings: find the line feeds with memchr and step the index by the byte distance (O(1) in UTF-8).
        let fast: [SubSequence]? = utf8.withContiguousStorageIfAvailable { bytes in
            var lines: [SubSequence] = []
            var start = startIndex
            var offset = 0
            // The line from `start` (at byte `offset`) to byte `end`, less a final carriage return when asked.
            func line(to end: Int) -> SubSequence {
                let dropped = droppingCarriageReturns && end > offset && bytes[end - 1] == 0x0D ? 1 : 0
                return self[start..<utf8.index(start, offsetBy: end - offset - dropped)]
            }
            guard let base = bytes.baseAddress else { return [self[start..<endIndex]] }
            while offset < bytes.count,
                let found = memchr(base + offset, 0x0A, bytes.count - offset)
            {
                let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                lines.append(line(to: newline))
                start = utf8.index(start, offsetBy: newline + 1 - offset)
                offset = newline + 1
            }
            lines.append(line(to: bytes.count))
            return lines
        }
        if let fast { return fast }
        var lines: [SubSequence] = []
        var start = startIndex
        // Where the byte before `index` is, when it is a carriage return of the current line.
        var carriageReturn: Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A {
                lines.append(self[start..<(droppingCarriageReturns ? carriageReturn ?? index : index)])
                start = utf8.index(after: index)
                carriageReturn = nil
            } else {
                carriageReturn = byte == 0x0D ? index : nil
            }
            index = utf8.index(after: index)
        }
        lines.append(self[start..<(droppingCarriageReturns ? carriageReturn ?? endIndex : endIndex)])
        return lines
    }
}
