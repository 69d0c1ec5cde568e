/// Assembles one page: the site's chrome around the story, one item per line, recording which lines are chrome and
/// which rule of ``BoilerplateDetector`` each fits.
///
/// The text is built in a buffer reused from page to page.
struct PageBuilder {
    private(set) var text: [UInt8] = []
    private(set) var lineCount = 0
    /// Chrome lines, in order: (1-based line, reason).
    private(set) var chrome: [(line: Int, reason: BoilerplateReason)] = []

    init() {
        text.reserveCapacity(16_384)
    }

    mutating func reset() {
        text.removeAll(keepingCapacity: true)
        lineCount = 0
        chrome.removeAll(keepingCapacity: true)
    }

    /// Starts a new line and returns nothing; the caller appends its bytes.
    private mutating func newLine() {
        if lineCount > 0 { text.append(0x0A) }
        lineCount += 1
    }

    /// Appends a chrome line.
    mutating func chromeLine(_ reason: BoilerplateReason, _ write: (inout [UInt8]) -> Void) {
        newLine()
        write(&text)
        chrome.append((lineCount, reason))
    }

    /// Appends a chrome line of fixed bytes.
    mutating func chromeLine(_ reason: BoilerplateReason, _ bytes: some Collection<UInt8>) {
        newLine()
        text.append(contentsOf: bytes)
        chrome.append((lineCount, reason))
    }

    /// Appends the story's lines (paragraphs separated by "\n") and returns the byte range they take.
    @discardableResult
    mutating func storyLines(_ story: some Collection<UInt8>) -> Range<Int> {
        newLine()
        let start = text.count
        text.append(contentsOf: story)
        lineCount += text.withUnsafeBufferPointer {
            PageBuilder.countLineBreaks(UnsafeBufferPointer(rebasing: $0[start...]))
        }
        return start..<text.count
    }

    /// The number of "\n" bytes, counted eight at a time.
    static func countLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var index = 0
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while index + 8 <= bytes.count {
            // Exact zero-byte test on word ^ "\n\n…": a byte is zero iff its high bit stays clear below.
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let nonzero = ((word & low) &+ low) | word
            count += (~nonzero & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if base[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }

    /// Replaces the bytes in `range` (which must hold no line break, nor gain one).
    mutating func replace(_ range: Range<Int>, with bytes: [UInt8]) {
        text.replaceSubrange(range, with: bytes)
    }

    /// The chrome as ranges of consecutive lines with the same reason.
    func chromeRanges() -> [(first: Int, last: Int, reason: BoilerplateReason)] {
        var ranges: [(first: Int, last: Int, reason: BoilerplateReason)] = []
        for (line, reason) in chrome {
            if let last = ranges.last, last.last == line - 1, last.reason == reason {
                ranges[ranges.count - 1].last = line
            } else {
                ranges.append((line, line, reason))
            }
        }
        return ranges
    }
}

/// The words of a site's chrome lines.
enum ChromeText {
    static func byline(style: Int, author: ArraySlice<UInt8>, site: GeneratedSite, into bytes: inout [UInt8]) {
        switch style {
        case 0:
            bytes.append(contentsOf: "By ".utf8)
            bytes.append(contentsOf: author)
            bytes.append(contentsOf: ", ".utf8)
            bytes.append(contentsOf: site.nameBytes)
            bytes.append(contentsOf: " staff writer".utf8)
        case 1:
            bytes.append(contentsOf: "Story by ".utf8)
            bytes.append(contentsOf: author)
            bytes.append(contentsOf: " | ".utf8)
            bytes.append(contentsOf: site.nameBytes)
        case 2:
            bytes.append(contentsOf: "By ".utf8)
            bytes.append(contentsOf: author)
            bytes.append(contentsOf: " | ".utf8)
            bytes.append(contentsOf: site.nameBytes)
        case 3:
            bytes.append(contentsOf: author)
            bytes.append(contentsOf: ", Correspondent".utf8)
        default:
            bytes.append(contentsOf: "Words by ".utf8)
            bytes.append(contentsOf: author)
        }
    }

    static func dateline(style: Int, time: CivilTime, into bytes: inout [UInt8]) {
        let month = GeneratorWords.months[time.month - 1]
        func date() {
            bytes.append(contentsOf: month.utf8)
            bytes.append(0x20)
            appendDigits(time.day, to: &bytes)
            bytes.append(contentsOf: ", ".utf8)
            appendDigits(time.year, to: &bytes)
        }
        func clock12(periods: Bool) {
            appendDigits(time.hour % 12 == 0 ? 12 : time.hour % 12, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendDigits(time.minute, width: 2, to: &bytes)
            let suffix = time.hour < 12 ? (periods ? " a.m." : " AM") : (periods ? " p.m." : " PM")
            bytes.append(contentsOf: suffix.utf8)
        }
        switch style {
        case 0:
            bytes.append(contentsOf: "Posted ".utf8)
            date()
        case 1:
            bytes.append(contentsOf: GeneratorWords.weekdays[time.weekday].utf8)
            bytes.append(contentsOf: ", ".utf8)
            date()
        case 2:
            bytes.append(contentsOf: "Updated ".utf8)
            appendDigits(time.hour, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendDigits(time.minute, width: 2, to: &bytes)
            bytes.append(contentsOf: " GMT, ".utf8)
            appendDigits(time.day, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: month.utf8)
            bytes.append(0x20)
            appendDigits(time.year, to: &bytes)
        case 3:
            bytes.append(contentsOf: "Published: ".utf8)
            date()
            bytes.append(contentsOf: " at ".utf8)
            clock12(periods: true)
        default:
            date()
            bytes.append(contentsOf: " | ".utf8)
            clock12(periods: false)
        }
    }

    static func copyright(site: GeneratedSite, year: Int, into bytes: inout [UInt8]) {
        switch site.copyrightStyle {
        case 0:
            bytes.append(contentsOf: "Copyright ".utf8)
            appendDigits(year, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: site.copyrightHolder)
            bytes.append(contentsOf: ". All rights reserved.".utf8)
        case 1:
            bytes.append(contentsOf: "© ".utf8)
            appendDigits(year, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: site.copyrightHolder)
            bytes.append(contentsOf: ". All rights reserved.".utf8)
        case 2:
            bytes.append(contentsOf: "(c) 2012-".utf8)
            appendDigits(year, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: site.copyrightHolder)
        default:
            bytes.append(contentsOf: "Copyright © ".utf8)
            appendDigits(year, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: site.copyrightHolder)
            bytes.append(contentsOf: ". All rights reserved.".utf8)
        }
    }

    static func attribution(style: Int, origin: [UInt8], into bytes: inout [UInt8]) {
        switch style {
        case 0:
            bytes.append(contentsOf: "This article was originally published by ".utf8)
            bytes.append(contentsOf: origin)
            bytes.append(contentsOf: " and is reproduced with permission.".utf8)
        case 1:
            bytes.append(contentsOf: "Originally published by ".utf8)
            bytes.append(contentsOf: origin)
            bytes.append(contentsOf: ". Republished with permission.".utf8)
        default:
            bytes.append(contentsOf: "This story first appeared on ".utf8)
            bytes.append(contentsOf: origin)
            bytes.append(contentsOf: " and is republished with permission.".utf8)
        }
    }

    static func wireCredit(reporter: ArraySlice<UInt8>, editor: ArraySlice<UInt8>, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: "(Reporting by ".utf8)
        bytes.append(contentsOf: reporter)
        bytes.append(contentsOf: "; Editing by ".utf8)
        bytes.append(contentsOf: editor)
        bytes.append(UInt8(ascii: ")"))
    }

    /// "PORT MARROW, March 5 (Northline Wire) - ".
    static func wireDateline(place: ArraySlice<UInt8>, time: CivilTime, wire: GeneratedSite) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in place { bytes.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte) }
        bytes.append(contentsOf: ", ".utf8)
        bytes.append(contentsOf: GeneratorWords.months[time.month - 1].utf8)
        bytes.append(0x20)
        appendDigits(time.day, to: &bytes)
        bytes.append(contentsOf: " (".utf8)
        bytes.append(contentsOf: wire.nameBytes)
        bytes.append(contentsOf: ") - ".utf8)
        return bytes
    }
}
