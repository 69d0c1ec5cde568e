#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cue phrases and notices that mark site chrome on a page no statistics are known for yet.
///
/// Matching works on normalized tokens (lowercase, no punctuation), so "LATEST NEWS from Worthy News", "Latest
/// news — Worthy News" and "latest news from worthy news" are the same header.
enum CueKind: String, Sendable, Hashable {
    /// "Latest News from X", "Related stories", "Most read": what follows is a list of other stories.
    case listHeader = "list header"
    /// Share, subscribe, follow, comment and print prompts.
    case prompt = "share or subscribe prompt"
    /// Copyright, rights, cookie and privacy notices.
    case legal = "legal notice"
    /// "By Jane Doe, staff writer", "(Reporting by …; Editing by …)".
    case byline = "byline"
    /// A line that is only a date and time.
    case dateline = "dateline"
    /// "Read the full story at …", "Continue reading".
    case truncation = "read-more notice"
    /// "Advertisement", "Sponsored content".
    case advertisement = "advertisement"
}

enum CuePhrases {
    private static let listHeaders: [[String]] = [
        ["latest", "news"], ["latest", "stories"], ["latest", "headlines"], ["latest"], ["related"],
        ["related", "stories"], ["related", "articles"], ["related", "news"], ["related", "content"],
        ["more", "from"], ["more", "news"], ["more", "stories"], ["more", "on", "this", "story"], ["most", "read"],
        ["most", "popular"], ["most", "viewed"], ["recommended"], ["recommended", "for", "you"],
        ["you", "may", "also", "like"], ["you", "might", "also", "like"], ["top", "stories"], ["trending"],
        ["also", "read"], ["see", "also"], ["read", "more"], ["read", "next"], ["editors", "picks"],
        ["popular", "now"], ["in", "other", "news"], ["more", "headlines"], ["other", "stories"],
    ]
    private static let connectors: Set<String> = ["from", "on", "at", "in", "by", "the", "of"]
    private static let promptWords: Set<String> = [
        "share", "facebook", "twitter", "whatsapp", "linkedin", "email", "print", "subscribe", "subscribers",
        "newsletter", "newsletters", "instagram", "telegram", "reddit", "pinterest", "comments", "comment", "tweet",
        "cookies", "cookie",
    ]
    private static let promptPhrases: [[String]] = [["sign", "up"], ["follow", "us"], ["join", "us"]]
    private static let legalPhrases: [[String]] = [
        ["copyright"], ["all", "rights", "reserved"], ["privacy", "policy"], ["terms", "of", "use"],
        ["terms", "of", "service"],
    ]
    private static let truncationPhrases: [[String]] = [
        ["read", "the", "full", "story"], ["read", "the", "full", "article"], ["continue", "reading"],
        ["click", "here"], ["read", "the", "rest"],
    ]
    private static let advertisementPhrases: [[String]] = [["advertisement"], ["sponsored"], ["paid", "content"]]
    private static let bylineMarkers: [[String]] = [
        ["staff", "writer"], ["correspondent"], ["reporting", "by"], ["editing", "by"], ["writing", "by"],
        ["story", "by"], ["words", "by"], ["compiled", "by"], ["additional", "reporting"], ["contributed", "to"],
    ]
    private static let dateWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "am", "pm", "a", "p", "m", "updated", "posted", "published", "gmt",
        "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "at", "on", "last", "ago", "hours", "hour",
        "minutes", "minute", "days", "day", "today", "yesterday", "t", "z",
    ]
    private static let weekdayWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun", "today", "yesterday",
    ]
    private static let clockWords: Set<String> = [
        "am", "pm", "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "updated", "posted",
        "published",
    ]
    private static let monthWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// `text` without web addresses (words starting with "http://", "https://" or "www.").
    static func withoutAddresses(_ text: Substring) -> String {
        guard mayHaveAddress(text) else { return String(text) }
        return text.split(separator: " ", omittingEmptySubsequences: false).filter { word in
            !(word.hasPrefix("http://") || word.hasPrefix("https://") || word.hasPrefix("www."))
        }.joined(separator: " ")
    }

    /// Every word some cue needs a token equal to: the first word of each phrase, the prompt words, "by", and the
    /// month, weekday and clock words (a dateline has one). A line without any of them (and without "©") has no cue.
    static let cueWords: Set<String> = {
        let phrases = [
            listHeaders, truncationPhrases, legalPhrases, advertisementPhrases, promptPhrases, bylineMarkers,
        ]
        var words = Set(phrases.joined().map { $0[0] })
        for set in [promptWords, ["by"], monthWords, weekdayWords, clockWords] { words.formUnion(set) }
        return words
    }()

    /// A bit per hash of each of ``cueWords`` (4,096 bits: about one word in forty outside them sets one off).
    private static let cueWordBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 64)
        for word in cueWords {
            let bit = Array(word.utf8).withUnsafeBytes { wordBit($0.baseAddress!, count: $0.count) }
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return bits
    }()

    @inline(__always)
    private static func wordBit(_ bytes: UnsafeRawPointer, count: Int) -> Int {
        Int(truncatingIfNeeded: XXH3.hash(bytes, count: count, seed: 0x63_7565) & 4095)
    }

    /// Whether the line `text`, whose normalized tokens are `range` of `tokens`, may carry a cue: false only when
    /// ``cue(tokens:text:site:)`` is nil for them, since no token is one of ``cueWords`` and there is no "©".
    /// Spares making the tokens' strings for most short lines.
    static func mayHaveCue(_ tokens: TokenizedText, _ range: Range<Int>, text: Substring) -> Bool {
        if text.utf8.containsBytes("©") { return true }
        return tokens.bytes.withUnsafeBytes { bytes in
            cueWordBits.withUnsafeBufferPointer { bits in
                for index in range {
                    let token = tokens.byteRange(ofToken: index)
                    let bit = wordBit(bytes.baseAddress! + token.lowerBound, count: token.count)
                    if bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { return true }
                }
                return false
            }
        }
    }

    /// Whether `text` may hold a web address: ``withoutAddresses(_:)`` returns any other text as it is.
    static func mayHaveAddress(_ text: Substring) -> Bool {
        text.utf8.containsBytes("http") || text.utf8.containsBytes("www.")
    }

    /// The cue a short line carries, if any. `tokens` are the line's normalized tokens; `text` the line itself.
    static func cue(tokens: [String], text: Substring, site: String? = nil) -> CueKind? {
        guard !tokens.isEmpty else { return nil }
        if isListHeader(tokens, site: site) { return .listHeader }
        if contains(tokens, any: truncationPhrases) { return .truncation }
        if text.utf8.containsBytes("©") || contains(tokens, any: legalPhrases) { return .legal }
        if tokens.count <= 3 && contains(tokens, any: advertisementPhrases) { return .advertisement }
        if (promptWords.contains(tokens[0]) && tokens.count <= 6) || tokens.filter(promptWords.contains).count >= 2
            || contains(tokens, any: promptPhrases)
        {
            return .prompt
        }
        if (tokens.first == "by" && tokens.count <= 10) || contains(tokens, any: bylineMarkers) { return .byline }
        if isDateline(tokens) { return .dateline }
        return nil
    }

    /// A bare header: the phrase alone, or followed by a connector and a name of up to four words ("Latest News
    /// from Worthy News"), or by the page's own site name ("Latest news — Worthy News"). "Read more: Ferry fares rise
    /// again" is a link to one story, not a header.
    private static func isListHeader(_ tokens: [String], site: String?) -> Bool {
        for phrase in listHeaders where tokens.starts(with: phrase) {
            let rest = tokens.dropFirst(phrase.count)
            if rest.isEmpty { return true }
            if let first = rest.first, connectors.contains(first), rest.count <= 5 { return true }
            if let site, rest.count <= 4, SiteName.same(rest.joined(separator: " "), site) { return true }
        }
        return false
    }

    private static func isDateline(_ tokens: [String]) -> Bool {
        guard tokens.count <= 10 else { return false }
        // Only date words and numbers, with at least a month or weekday, or a clock word next to a number: a line of
        // bare numbers is a score or an attendance, not a dateline.
        var hasCalendarWord = false
        var hasClockWord = false
        var hasNumber = false
        for token in tokens {
            if token.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }) {
                hasNumber = true
            } else if monthWords.contains(token) || weekdayWords.contains(token) {
                hasCalendarWord = true
            } else if clockWords.contains(token) {
                hasClockWord = true
            } else if !dateWords.contains(token) {
                return false
            }
        }
        return hasCalendarWord || (hasClockWord && hasNumber)
    }

    private static func contains(_ tokens: [String], any phrases: [[String]]) -> Bool {
        for phrase in phrases where tokens.count >= phrase.count {
            for start in 0...(tokens.count - phrase.count) where tokens[start] == phrase[0] {
                if tokens[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
            }
        }
        return false
    }
}

extension Substring.UTF8View {
    /// Whether the UTF-8 bytes of `needle` occur here (a byte search, without Foundation).
    func containsBytes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first, count >= pattern.count else { return false }
        if let found = withContiguousStorageIfAvailable({ bytes -> Bool in
            guard bytes.count >= pattern.count, let base = bytes.baseAddress else { return false }
            // memchr (vectorized in libc) finds each occurrence of the pattern's last byte, which is rarer in text
            // than its first for the patterns searched here ("www.", "://").
            let tail = pattern.count - 1
            let lastByte = pattern[tail]
            var index = tail
            while index < bytes.count, let found = memchr(base + index, Int32(lastByte), bytes.count - index) {
                index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                let start = index - tail
                var offset = 0
                while offset < tail && bytes[start + offset] == pattern[offset] { offset += 1 }
                if offset == tail { return true }
                index += 1
            }
            return false
        }) {
            return found
        }
        var index = startIndex
        while index != endIndex {
            if self[index] == first {
                var candidate = index
                var matched = true
                for byte in pattern {
                    guard candidate != endIndex, self[candidate] == byte else {
                        matched = false
                        break
                    }
                    candidate = self.index(after: candidate)
                }
                if matched { return true }
            }
            index = self.index(after: index)
        }
        return false
    }
}
