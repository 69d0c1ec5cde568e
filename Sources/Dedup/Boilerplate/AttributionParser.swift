#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds syndication notices and the origin they name.
///
/// A notice is a whole line of at most 30 words that says where the article comes from:
/// - "This article was originally published on/by/in X …", "… first appeared on X", "Republished/Reprinted/
///   Reproduced (with permission) from X", "Courtesy of X", "Source: X" — a line that starts with the phrase, or
///   that refers to the article itself ("this article", "this story", …) or to a permission;
/// - "… reproduced with permission" without a name;
/// - "Copyright [©] [years] X" and "© [years] X" (X is the holder), at the start of a line, or anywhere in a line of at
///   most 12 words that also says "all rights reserved";
/// - a bare credit line: "— The Associated Press", "Reuters".
/// A wire dateline ("WASHINGTON (Reuters) -") at the start of a paragraph names an origin too, but it is part of the
/// story and is not a notice.
///
/// Matching is on lowercased bytes, with no Foundation string search: it runs on every short line of a corpus.
enum AttributionParser {
    struct Finding: Equatable {
        /// The origin named, as written (trimmed), if any.
        var origin: String?
        /// Whether the whole line is a notice (to be removed), as opposed to a dateline inside a paragraph.
        var isNotice: Bool
        /// Whether it is a copyright line (the holder is often the page's own site).
        var isCopyright: Bool
    }

    private static let originMarkers: [[UInt8]] = [
        "originally published on ", "originally published by ", "originally published in ",
        "originally published at ", "originally appeared on ", "originally appeared in ", "originally appeared at ",
        "first published on ", "first published by ", "first published in ", "first appeared on ",
        "first appeared in ", "republished with permission from ", "reprinted with permission from ",
        "reproduced with permission from ", "republished from ", "reprinted from ", "reproduced from ",
        "courtesy of ", "syndicated from ", "distributed by ", "source: ",
    ].map { Array($0.utf8) }
    private static let selfReferences: [[UInt8]] = [
        "this article", "this story", "this post", "this piece", "this report", "this content", "this column",
        "this item", "with permission", "was originally", "is republished", "is reproduced", "is reprinted",
    ].map { Array($0.utf8) }
    private static let lineStarts: [[UInt8]] = [
        "originally", "first published", "first appeared", "republished", "reprinted", "reproduced", "courtesy of",
        "source:", "syndicated",
    ].map { Array($0.utf8) }
    private static let permissionMarkers: [[UInt8]] = [
        "reproduced with permission", "republished with permission", "reprinted with permission",
        "used with permission", "published with permission",
    ].map { Array($0.utf8) }
    private static let nameEnds: [[UInt8]] = [
        " and ", " was ", " is ", " has ", " under ", " with ", ". ", "; ", ", ", " - ", " – ", " — ", " on ", " in ",
        " at ", " | ",
    ].map { Array($0.utf8) }
    private static let holderEnds: [[UInt8]] = [" all rights", ". ", " - ", "; ", " | "].map { Array($0.utf8) }
    private static let wires: Set<String> = [
        "the associated press", "associated press", "ap", "reuters", "afp", "agence france-presse",
        "agence france presse", "bloomberg", "bloomberg news", "dpa", "upi", "united press international",
    ]
    private static let copyrightWord = Array("copyright".utf8)
    private static let copyrightSign = Array("©".utf8)
    private static let rightsReserved = Array("all rights reserved".utf8)
    private static let copyrightC = Array("(c) ".utf8)

    /// The most words a notice line has.
    static let noticeMaximumTokens = 30

    /// What `line` (of `tokenCount` words) says about where its document comes from, or nil.
    static func parse(_ line: Substring, tokenCount: Int) -> Finding? {
        guard tokenCount <= noticeMaximumTokens else { return datelineOrigin(line).map { Finding(origin: $0, isNotice: false, isCopyright: false) } }
        // Every notice has one of a few words: most short lines have none and can only hold a dateline.
        guard tokenCount <= 4 || mayBeNotice(line.utf8) else {
            return datelineOrigin(line).map { Finding(origin: $0, isNotice: false, isCopyright: false) }
        }
        let original = Array(line.utf8)
        // ASCII lines (nearly all) are lowercased byte by byte, without making a String.
        let lower = original.allSatisfy { $0 < 0x80 }
            ? original.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } : Array(line.lowercased().utf8)
        // Names are cut from the original when lowercasing kept every byte in place (always for ASCII).
        let source = original.count == lower.count ? original : lower
        let start = lower.firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x2D && $0 != 0x2A } ?? lower.count
        let trimmed = lower[start...]

        let startsLikeNotice = lineStarts.contains { trimmed.starts(with: $0) }
        let refersToItself = selfReferences.contains { find($0, in: lower) != nil }
        if startsLikeNotice || refersToItself {
            for marker in originMarkers {
                if let at = find(marker, in: lower) {
                    let name = cutName(Array(source[(at + marker.count)...]), ends: nameEnds)
                    return Finding(origin: name, isNotice: true, isCopyright: false)
                }
            }
        }
        if permissionMarkers.contains(where: { find($0, in: lower) != nil }) {
            return Finding(origin: copyrightHolder(source, lower), isNotice: true, isCopyright: false)
        }
        let startsWithCopyright = trimmed.starts(with: copyrightWord) || trimmed.starts(with: copyrightSign)
            || trimmed.starts(with: copyrightC)
        let shortRightsLine = tokenCount <= 12 && find(rightsReserved, in: lower) != nil
        if startsWithCopyright || shortRightsLine {
            return Finding(origin: copyrightHolder(source, lower), isNotice: true, isCopyright: true)
        }
        if tokenCount <= 4 {
            let bare = String(decoding: trimmed, as: UTF8.self).trimmingScalars(" \t-–—()[].")
            if wires.contains(bare) {
                return Finding(origin: String(line).trimmingScalars(" \t-–—()[].*"), isNotice: true, isCopyright: false)
            }
        }
        return datelineOrigin(line).map { Finding(origin: $0, isNotice: false, isCopyright: false) }
    }

    /// "Copyright 1999-2025 Worthy News." → "Worthy News"; "© 2026 Valley Courier Media Co. All rights reserved." →
    /// "Valley Courier Media Co".
    private static func copyrightHolder(_ source: [UInt8], _ lower: [UInt8]) -> String? {
        guard var at = find(copyrightWord, in: lower).map({ $0 + copyrightWord.count })
            ?? find(copyrightSign, in: lower).map({ $0 + copyrightSign.count })
        else { return nil }
        // Skip "©", "(c)", years, dashes and spaces.
        while at < lower.count {
            if lower[at...].starts(with: copyrightSign) {
                at += copyrightSign.count
            } else if lower[at...].starts(with: Array("(c)".utf8)) {
                at += 3
            } else if [0x20, 0x2C, 0x3A, 0x2D].contains(lower[at]) || (0x30...0x39).contains(lower[at]) {
                at += 1
            } else if lower[at...].starts(with: Array("–".utf8)) {
                at += 3
            } else {
                break
            }
        }
        return cutName(Array(source[at...]), ends: holderEnds)
    }

    /// "CALDER CITY, March 5 (Northline Wire) - …" → "Northline Wire": a parenthesis within the first 100
    /// characters, right after a place name in capitals, followed by a dash.
    static func datelineOrigin(_ text: Substring) -> String? {
        // Almost no paragraph has "(…)" followed by a dash near its start: rule that out on bytes first.
        guard mayHaveDateline(text.utf8) else { return nil }
        if let ascii = text.utf8.withContiguousStorageIfAvailable(asciiDatelineOrigin), let origin = ascii {
            return origin
        }
        return datelineOriginByCharacters(text)
    }

    /// ``datelineOrigin(_:)`` on characters, for any text (tests hold the byte path to it).
    static func datelineOriginByCharacters(_ text: Substring) -> String? {
        let head = text.prefix(100)
        guard let open = head.firstIndex(of: "("), let close = head[open...].firstIndex(of: ")") else { return nil }
        let before = String(head[..<open]).trimmingScalars(" \t")
        guard let firstLetter = before.first(where: \.isLetter), firstLetter.isUppercase,
            before.unicodeScalars.filter({ $0.properties.isLowercase }).count <= before.count / 2
        else { return nil }
        let after = head[head.index(after: close)...].drop(while: { $0 == " " })
        guard let dash = after.first, "-–—".contains(dash) else { return nil }
        return clean(String(head[head.index(after: open)..<close]))
    }

    /// What ``datelineOrigin(_:)`` finds, worked out on bytes when the first 101 bytes (or all, if fewer) are ASCII
    /// without "\r": then each of the first 100 characters is one byte, and no byte after them joins the last
    /// one. Nil (not `.some(nil)`) when they are not.
    private static func asciiDatelineOrigin(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        let checked = Swift.min(bytes.count, 101)
        for index in 0..<checked where bytes[index] >= 0x80 || bytes[index] == 0x0D { return nil }
        let head = Swift.min(bytes.count, 100)
        guard let open = (0..<head).first(where: { bytes[$0] == 0x28 }),
            let close = (open..<head).first(where: { bytes[$0] == 0x29 })
        else { return .some(nil) }
        // The part before "(", without spaces and tabs at either end.
        var start = 0
        var end = open
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard let firstLetter = (start..<end).first(where: { (bytes[$0] | 0x20) &- 0x61 < 26 }),
            bytes[firstLetter] &- 0x41 < 26,
            (start..<end).count(where: { bytes[$0] &- 0x61 < 26 }) <= (end - start) / 2
        else { return .some(nil) }
        var dash = close + 1
        while dash < head && bytes[dash] == 0x20 { dash += 1 }
        guard dash < head, bytes[dash] == 0x2D else { return .some(nil) }
        return .some(clean(String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)))
    }

    /// The words that start every marker ``parse(_:tokenCount:)`` looks for in a line of more than four words.
    static let noticeWords: [[UInt8]] = [
        "originally", "first", "republished", "reprinted", "reproduced", "courtesy", "syndicated", "distributed",
        "source", "permission", "copyright", "rights",
    ].map { Array($0.utf8) }

    /// For each first letter of a word ("a" is 0), the second letters that may follow it in ``noticeWords``, a bit
    /// each: most words of a line stop at this test.
    private static let noticeBigrams: [UInt32] = noticeWords.reduce(into: [UInt32](repeating: 0, count: 26)) {
        $0[Int($1[0] &- 0x61)] |= 1 << UInt32($1[1] &- 0x61)
    }

    /// Whether `utf8` has a notice word (ASCII letters in any case) at the start of a word, or "©" or "(c)": a
    /// superset of the lines of more than four words ``parse(_:tokenCount:)`` finds a notice in.
    ///
    /// A word starts at an ASCII letter after a byte that is not one. Eight bytes at a time: their letters, and so
    /// the words starting among them, come from a few integer operations, and only a word whose first two letters
    /// start a notice word is compared.
    static func mayBeNotice(_ utf8: Substring.UTF8View) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let count = bytes.count
            let bigrams = noticeBigrams
            @inline(__always) func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
            // Whether "©" or "(c)" starts at `index`.
            @inline(__always) func isCopyrightSign(at index: Int) -> Bool {
                if base[index] == 0xC2 { return index + 1 < count && base[index + 1] == 0xA9 }
                return base[index] == 0x28 && index + 2 < count && base[index + 1] | 0x20 == 0x63
                    && base[index + 2] == 0x29
            }
            // Whether a notice word starts at `index`, the first letter of a word.
            @inline(__always) func startsNoticeWord(at index: Int) -> Bool {
                let first = base[index] | 0x20
                guard index + 1 < count else { return false }
                let second = (base[index + 1] | 0x20) &- 0x61
                guard second < 26, bigrams[Int(first &- 0x61)] >> UInt32(second) & 1 != 0 else { return false }
                for word in noticeWords where word[0] == first && index + word.count <= count {
                    var offset = 1
                    while offset < word.count && base[index + offset] | 0x20 == word[offset] { offset += 1 }
                    if offset == word.count { return true }
                }
                return false
            }
            let high: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            // The high bit of byte 0 is set when the byte before the current eight is a letter.
            var letterBefore: UInt64 = 0
            var index = 0
            while index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                // Letters among the ASCII bytes (seven bits each, so no sum carries into the next byte).
                let lower = (word & ~high) | 0x2020_2020_2020_2020
                let letters = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505) & ~word & high
                // "(" or 0xC2 (the first byte of "©") among the eight: check each position.
                let parens = word ^ (0x28 &* ones)
                let c2 = word ^ (0xC2 &* ones)
                if ((parens &- ones) & ~parens | (c2 &- ones) & ~c2) & high != 0 {
                    for offset in 0..<8 where isCopyrightSign(at: index + offset) { return true }
                }
                var starts = letters & ~(letters << 8 | letterBefore)
                while starts != 0 {
                    if startsNoticeWord(at: index + starts.trailingZeroBitCount >> 3) { return true }
                    starts &= starts &- 1
                }
                letterBefore = letters >> 56
                index += 8
            }
            var previousIsLetter = letterBefore != 0
            while index < count {
                let byte = base[index]
                if isLetter(byte) {
                    if !previousIsLetter && startsNoticeWord(at: index) { return true }
                    previousIsLetter = true
                } else {
                    if isCopyrightSign(at: index) { return true }
                    previousIsLetter = false
                }
                index += 1
            }
            return false
        } ?? true
    }

    /// Whether the first 400 bytes hold "(", then ")", then spaces and a dash (ASCII or a UTF-8 en/em dash): a
    /// superset of what ``datelineOrigin(_:)`` accepts (100 characters are at most 400 bytes).
    private static func mayHaveDateline(_ utf8: Substring.UTF8View) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            // Most lines have no "(" in their first 400 bytes: memchr says so without the byte loop.
            guard let base = bytes.baseAddress, memchr(base, 0x28, Swift.min(bytes.count, 400)) != nil else {
                return false
            }
            return mayHaveDateline(bytes: bytes)
        } ?? mayHaveDateline(bytes: Array(utf8))
    }

    private static func mayHaveDateline<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        var sawOpen = false
        var afterClose = false
        var ascii = true
        var count = 0
        for byte in bytes {
            count += 1
            if count > 400 { return false }
            // In ASCII text without "\r" 100 bytes are 100 characters: no "(" by then, no dateline.
            if count > 100 && ascii && !sawOpen { return false }
            if byte >= 0x80 || byte == 0x0D { ascii = false }  // "\r\n" is one character
            if afterClose {
                if byte == 0x20 { continue }
                if byte == 0x2D || byte == 0xE2 { return true }
                afterClose = false
            }
            if byte == 0x28 {
                sawOpen = true
            } else if byte == 0x29 && sawOpen {
                afterClose = true
            }
        }
        return false
    }

    private static func cutName(_ bytes: [UInt8], ends: [[UInt8]]) -> String? {
        let lower = Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
        var end = bytes.count
        if lower.count == bytes.count {
            for stop in ends {
                if let at = find(stop, in: lower), at < end { end = at }
            }
        }
        return clean(String(decoding: bytes[..<end], as: UTF8.self))
    }

    private static func clean(_ name: String) -> String? {
        var trimmed = name.trimmingScalars(" \t.,;:!?\"'()[]*")
        if trimmed.lowercased().hasPrefix("the ") { trimmed.removeFirst(4) }
        return trimmed.isEmpty || trimmed.count > 80 ? nil : trimmed
    }

    /// The first offset of `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingScalars(_ scalars: String) -> String {
        // A handful of scalars: a linear search, without building a set on every call.
        let set = scalars.unicodeScalars
        var view = Substring(self).unicodeScalars
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
