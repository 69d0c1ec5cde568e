import Foundation

/// Turns text into normalized word tokens.
///
/// Normalization: Unicode NFKC, then case folding; curly quotes, dashes and the ellipsis are unified because they
/// only separate tokens (an apostrophe between letters, straight or curly, joins them: "company’s" → "companys").
/// Tokens are maximal runs of letters, digits and combining marks. Numbers are kept whole: a comma between digits
/// is dropped and a point between digits is kept, so "1,200.50" and "1200.50" are the same token. An apostrophe is
/// any of ' ’ ‘ ‛ ʼ. Scripts written
/// without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) have no word boundaries to find,
/// so each of their characters is a token of its own: word shingles over them are character n-grams.
///
/// ASCII spans take a byte-level fast path. Scalars that NFKC leaves unchanged in any context (curly quotes,
/// precomposed accented letters, most CJK) go straight to the scalar state machine; only the short pieces around
/// the other scalars are NFKC-normalized with Foundation, each from the stable scalar before it. NFKC never
/// combines across the start of a stable scalar, so this gives exactly the tokens of normalizing the whole text.
///
/// Case folding is computed as the lowercase of the uppercase mapping, which agrees with Unicode full case folding
/// ("Straße" → "strasse", final sigma → sigma) except for Cherokee and the Turkic dotless i.
public struct Tokenizer: Sendable {
    /// A tokenizer with the standard normalization.
    public init() {}

    /// The tokens of `text`.
    public func tokenize(_ text: String) -> TokenizedText {
        var result = TokenizedText()
        tokenize(text, into: &result)
        return result
    }

    /// Tokenizes `text` into `result`, reusing its storage.
    /// - Complexity: O(n) for n UTF-8 bytes; no allocation once `result` has grown to the text's size, except
    ///   for the spans that need Foundation's NFKC.
    public func tokenize(_ text: String, into result: inout TokenizedText) {
        result.removeAll()
        var text = text
        text.withUTF8 { utf8 in
            var state = TokenizerState()
            tokenize(utf8, state: &state, into: &result)
            state.finish(into: &result)
        }
    }

    /// Tokenizes the UTF-8 text `utf8` on its own (a new sentence starts, no joiner carries over from what
    /// `result` holds) and appends its tokens to `result`: the same as tokenizing it into an empty result and
    /// appending that with ``TokenizedText/append(_:tokens:)``, without the copy.
    func tokenize(appending utf8: UnsafeBufferPointer<UInt8>, to result: inout TokenizedText) {
        var state = TokenizerState()
        tokenize(utf8, state: &state, into: &result)
        state.finish(into: &result)
    }

    /// The reference path: NFKC of the whole text with Foundation, then every scalar through the state machine.
    /// Slow; tests check that ``tokenize(_:into:)`` gives exactly its result.
    func tokenizeNormalizingWholeText(_ text: String) -> TokenizedText {
        var result = TokenizedText()
        var state = TokenizerState()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            state.consume(scalar.value, into: &result)
        }
        state.finish(into: &result)
        return result
    }

    /// Tokenizes a whole text as it would be tokenized after NFKC, span by span.
    ///
    /// NFKC never combines across the start of a stable scalar (ASCII, or any scalar ``NFKCStability`` marks), so
    /// a text splits there into pieces that normalize independently. Only a piece holding an unstable scalar goes
    /// through Foundation: from the stable scalar before it (which a combining mark may attach to) up to the next
    /// stable scalar.
    private func tokenize(
        _ utf8: UnsafeBufferPointer<UInt8>, state: inout TokenizerState, into result: inout TokenizedText
    ) {
        let count = utf8.count
        var position = 0
        while position < count {
            let runStart = Self.firstNonASCII(in: utf8, from: position)
            guard runStart < count else {
                state.consumeASCII(UnsafeBufferPointer(rebasing: utf8[position..<count]), into: &result)
                return
            }
            var runEnd = runStart + 1
            while runEnd < count && utf8[runEnd] >= 0x80 { runEnd += 1 }
            // Bytes before `consumed` have gone to the state machine; `lastStable` is where the latest stable
            // scalar starts (the ASCII character before the run counts).
            var consumed = position
            var lastStable = runStart > position ? runStart - 1 : runStart
            var offset = runStart
            while offset < runEnd {
                let (scalar, length) = NFKCStability.decode(utf8, at: offset)
                if NFKCStability.isStable(scalar) {
                    lastStable = offset
                    offset += length
                    continue
                }
                var pieceEnd = offset + length
                while pieceEnd < runEnd {
                    let (next, nextLength) = NFKCStability.decode(utf8, at: pieceEnd)
                    if NFKCStability.isStable(next) { break }
                    pieceEnd += nextLength
                }
                consumeAsIs(utf8, from: consumed, to: lastStable, runStart: runStart, state: &state, into: &result)
                let piece = String(decoding: UnsafeBufferPointer(rebasing: utf8[lastStable..<pieceEnd]), as: UTF8.self)
                for normalized in piece.precomposedStringWithCompatibilityMapping.unicodeScalars {
                    state.consume(normalized.value, into: &result)
                }
                consumed = pieceEnd
                lastStable = pieceEnd
                offset = pieceEnd
            }
            consumeAsIs(utf8, from: consumed, to: runEnd, runStart: runStart, state: &state, into: &result)
            position = runEnd
        }
    }

    /// Feeds `utf8[start..<end]`, which NFKC leaves unchanged, to the state machine: the part before `runStart` is
    /// ASCII and takes the byte path.
    @inline(__always)
    private func consumeAsIs(
        _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, runStart: Int,
        state: inout TokenizerState, into result: inout TokenizedText
    ) {
        guard start < end else { return }
        let asciiEnd = Swift.min(end, Swift.max(start, runStart))
        if start < asciiEnd {
            state.consumeASCII(UnsafeBufferPointer(rebasing: utf8[start..<asciiEnd]), into: &result)
        }
        if asciiEnd < end {
            NFKCStability.forEachScalar(in: UnsafeBufferPointer(rebasing: utf8[asciiEnd..<end])) {
                state.consume($0, into: &result)
            }
        }
    }

    /// The index of the first byte at or after `start` that is not ASCII, or `bytes.count`.
    @inline(__always)
    static func firstNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let count = bytes.count
        var index = start
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let high = word & 0x8080_8080_8080_8080
            if high != 0 { return index + (UInt64(littleEndian: high).trailingZeroBitCount >> 3) }
            index += 8
        }
        while index < count && base[index] < 0x80 { index += 1 }
        return index
    }
}

/// The tokenizer's state machine, fed one Unicode scalar value at a time.
///
/// A joiner (apostrophe, or a comma or point between digits) is held back until the next scalar shows whether it
/// sits inside a token.
struct TokenizerState {
    private var inToken = false
    private var inCharacter = false
    private var lastWasDigit = false
    private var lastWasLetter = false
    private var pendingJoiner: UInt32 = 0
    private var atSentenceStart = true
    /// Held here so that the scalar path does not ask for the lazily made table at every scalar.
    private let twoByteScalars = TwoByteScalars.shared

    @inline(__always)
    mutating func consume(_ value: UInt32, into result: inout TokenizedText) {
        let kind = ScalarKind(value, twoByteScalars: twoByteScalars)
        if pendingJoiner != 0 {
            let joiner = pendingJoiner
            pendingJoiner = 0
            if joiner == 0x2E || joiner == 0x2C {
                if lastWasDigit && kind == .digit {
                    if joiner == 0x2E { result.bytes.append(0x2E) }
                    append(value, kind: kind, into: &result)
                    return
                }
            } else if lastWasLetter && kind == .letter {
                append(value, kind: kind, into: &result)
                return
            }
            endToken(after: joiner)
        }
        switch kind {
        case .letter, .digit:
            inCharacter = false
            if !inToken { startToken(value, into: &result) }
            append(value, kind: kind, into: &result)
        case .mark:
            if inToken || inCharacter { appendScalar(value, into: &result) }
        case .character:
            startToken(value, into: &result)
            result.tokenFlags[result.tokenFlags.count - 1].insert(.character)
            appendScalar(value, into: &result)
            // A following combining mark (Thai vowel signs) still belongs to this character, nothing else does.
            inToken = false
            inCharacter = true
            lastWasLetter = false
            lastWasDigit = false
        case .apostrophe, .comma, .point:
            if inToken {
                pendingJoiner = value == 0x2E ? 0x2E : (value == 0x2C ? 0x2C : 0x27)
            } else {
                endToken(after: value)
            }
        case .separator:
            endToken(after: value)
        }
    }

    /// Consumes a span of ASCII bytes: the state machine's rules, 64 bytes at a time, writing straight into the
    /// result's storage (grown once for the span).
    mutating func consumeASCII(_ input: UnsafeBufferPointer<UInt8>, into result: inout TokenizedText) {
        let count = input.count
        guard count > 0 else { return }
        // Every byte writes at most one, plus a point resolved from a pending joiner and a space before the first
        // token, plus room for the last 16-byte store of a token to run past its end; a new token needs a letter
        // or digit and, but for the first, a separator before it.
        let byteBase = result.bytes.count
        let tokenBase = result.tokenStarts.count
        ZeroRoom.append(count + 2 + ASCIIRun.storeWidth, from: ZeroRoom.bytes, to: &result.bytes)
        ZeroRoom.append(count / 2 + 2, from: ZeroRoom.starts, to: &result.tokenStarts)
        ZeroRoom.append(count / 2 + 2, from: ZeroRoom.flags, to: &result.tokenFlags)
        var written = byteBase
        var tokens = tokenBase
        result.bytes.withUnsafeMutableBufferPointer { out in
            result.tokenStarts.withUnsafeMutableBufferPointer { starts in
                result.tokenFlags.withUnsafeMutableBufferPointer { flags in
                    consumeASCII(input, out: out, written: &written, starts: starts, flags: flags, tokens: &tokens)
                }
            }
        }
        result.bytes.removeLast(result.bytes.count - written)
        result.tokenStarts.removeLast(result.tokenStarts.count - tokens)
        result.tokenFlags.removeLast(result.tokenFlags.count - tokens)
    }

    /// The ASCII path proper. Each chunk of 64 bytes is classified at once (``ASCIIChunk``); its tokens are the
    /// runs of letters, digits and joined joiners, found from the masks, so the loop visits tokens rather than
    /// bytes, and a token's bytes are copied with 16-byte stores from the lowercased chunk.
    ///
    /// A joiner joins when the bytes on both sides are letters (apostrophe) or digits (comma, point): what the
    /// state machine decides when the joiner is held back and the next byte arrives. The byte before the first of
    /// a chunk is known from the chunk before (or from the state, at the span's start), the byte after the last
    /// is read ahead; at the span's end it is unknown, so a joiner there is held back as the state machine holds
    /// it. A token is sentence-initial when a sentence end that is not a joined point stands between it and the
    /// token before.
    @inline(__always)
    private mutating func consumeASCII(
        _ input: UnsafeBufferPointer<UInt8>, out: UnsafeMutableBufferPointer<UInt8>, written: inout Int,
        starts: UnsafeMutableBufferPointer<Int32>, flags: UnsafeMutableBufferPointer<TokenFlags>, tokens: inout Int
    ) {
        let count = input.count
        var inToken = self.inToken
        var lastWasDigit = self.lastWasDigit
        var lastWasLetter = self.lastWasLetter
        var atSentenceStart = self.atSentenceStart
        var at = written
        var tokenCount = tokens
        inCharacter = false
        if pendingJoiner != 0 {
            let joiner = pendingJoiner
            pendingJoiner = 0
            let byte = input[0]
            let joins: Bool
            if joiner == 0x27 {
                joins = lastWasLetter && ASCII.isLetter(byte)
            } else {
                joins = lastWasDigit && ASCII.isDigit(byte)
                if joins && joiner == 0x2E {
                    out[at] = 0x2E
                    at += 1
                }
            }
            if !joins {
                inToken = false
                lastWasDigit = false
                lastWasLetter = false
                if joiner == 0x2E { atSentenceStart = true }
            }
        }
        // The byte before the chunk: in a token, a letter, a digit (the state machine's view at the span's start).
        var tokenBefore: UInt64 = inToken ? 1 : 0
        var letterBefore: UInt64 = inToken && lastWasLetter ? 1 : 0
        var digitBefore: UInt64 = inToken && lastWasDigit ? 1 : 0
        let source = input.baseAddress!
        let output = out.baseAddress!
        // The lowercased chunk, 16 bytes of slack for the last store of a token, and a zero-padded copy of the
        // span's last partial chunk (zeros are separators that end no sentence).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64 + 16 + 64) { scratch in
            let lowered = scratch.baseAddress!
            let tail = lowered + 80
            (lowered + 64).initialize(repeating: 0, count: 16)
            var base = 0
            while true {
                let available = count &- base
                let isLast = available <= 64
                let bytes: UnsafePointer<UInt8>
                if available >= 64 {
                    bytes = source + base
                } else {
                    ASCIIRun.copyPadded(source + base, count: available, to: tail)
                    bytes = UnsafePointer(tail)
                }
                let chunk = ASCIIChunk(bytes, lowered: lowered)
                var letterAfter: UInt64 = 0
                var digitAfter: UInt64 = 0
                if !isLast {
                    let next = source[base &+ 64]
                    letterAfter = ASCII.isLetter(next) ? 1 : 0
                    digitAfter = ASCII.isDigit(next) ? 1 : 0
                }
                let letters = chunk.letters
                let digits = chunk.digits
                let joinedApostrophes =
                    chunk.apostrophes & (letters << 1 | letterBefore) & (letters >> 1 | letterAfter << 63)
                let joinedDigits = chunk.digitJoiners & (digits << 1 | digitBefore) & (digits >> 1 | digitAfter << 63)
                let tokenBytes = letters | digits | joinedApostrophes | joinedDigits
                // Joined apostrophes and commas are dropped from the token; a joined point is kept.
                let dropped = joinedApostrophes | joinedDigits & ~chunk.sentenceEnds
                var sentenceEnds = chunk.sentenceEnds & ~tokenBytes
                var held: UInt8 = 0
                if isLast {
                    // A joiner ending the span inside a token waits for the next span (or the text's end).
                    let last = available &- 1
                    let lastBit: UInt64 = 1 << UInt64(last)
                    let before = last == 0 ? tokenBefore : tokenBytes >> UInt64(last &- 1) & 1
                    if (chunk.apostrophes | chunk.digitJoiners) & lastBit != 0 && before != 0 {
                        held = bytes[last]
                        sentenceEnds &= ~lastBit
                    }
                }
                var run = ASCIIRun(lowered: lowered, output: output, at: at)
                // The token open at the chunk's start goes on.
                if tokenBefore != 0 && tokenBytes & 1 != 0 {
                    let (span, length) = ASCIIRun.token(at: 1, in: tokenBytes)
                    run.copy(from: 0, length: length, dropping: dropped & span)
                    if digits & span != 0 { flags[tokenCount &- 1].insert(.numeric) }
                }
                let tokenStarts = tokenBytes & ~(tokenBytes << 1 | tokenBefore)
                // Sentence-initial tokens by one addition: a sentence end in a gap between tokens carries through
                // the rest of the gap into the next token's start (or out of the chunk, to the next one).
                let gaps = ~tokenBytes
                let (carried, carriesOut) = gaps.addingReportingOverflow(sentenceEnds | (atSentenceStart ? 1 : 0))
                let sentenceStarts = carried & tokenStarts
                atSentenceStart = carriesOut
                var remaining = tokenStarts
                while remaining != 0 {
                    let startBit = remaining & (0 &- remaining)
                    remaining ^= startBit
                    let start = startBit.trailingZeroBitCount
                    let (span, length) = ASCIIRun.token(at: startBit, in: tokenBytes)
                    let tokenFlags = TokenFlags(
                        rawValue: UInt8(
                            truncatingIfNeeded: ((sentenceStarts & startBit) &>> UInt64(start)) &<< 2
                                | ((chunk.uppercase & startBit) &>> UInt64(start)) &<< 1)
                            | (digits & span != 0 ? TokenFlags.numeric.rawValue : 0))
                    if run.at > 0 {
                        output[run.at] = 0x20
                        run.at &+= 1
                    }
                    starts[tokenCount] = Int32(truncatingIfNeeded: run.at)
                    flags[tokenCount] = tokenFlags
                    tokenCount &+= 1
                    run.copy(from: start, length: length, dropping: dropped & span)
                }
                at = run.at
                if isLast {
                    let last = available &- 1
                    if held != 0 {
                        pendingJoiner = UInt32(held)
                        inToken = true
                        lastWasDigit = last == 0 ? digitBefore != 0 : digits >> UInt64(last &- 1) & 1 != 0
                    } else {
                        inToken = tokenBytes >> UInt64(last) & 1 != 0
                        lastWasDigit = digits >> UInt64(last) & 1 != 0
                    }
                    break
                }
                tokenBefore = tokenBytes >> 63
                letterBefore = letters >> 63
                digitBefore = digits >> 63
                base &+= 64
            }
        }
        self.inToken = inToken
        self.lastWasDigit = inToken && lastWasDigit
        self.lastWasLetter = inToken && !lastWasDigit
        self.atSentenceStart = atSentenceStart
        written = at
        tokens = tokenCount
    }

    mutating func finish(into result: inout TokenizedText) {
        pendingJoiner = 0
        inToken = false
        inCharacter = false
    }

    @inline(__always)
    private mutating func startToken(_ value: UInt32, into result: inout TokenizedText) {
        if !result.bytes.isEmpty { result.bytes.append(0x20) }
        result.tokenStarts.append(Int32(truncatingIfNeeded: result.bytes.count))
        var flags: TokenFlags = []
        if atSentenceStart { flags.insert(.sentenceInitial) }
        if ScalarKind.isUppercase(value, twoByteScalars: twoByteScalars) { flags.insert(.capitalized) }
        result.tokenFlags.append(flags)
        atSentenceStart = false
        inToken = true
    }

    @inline(__always)
    private mutating func endToken(after separator: UInt32) {
        inToken = false
        inCharacter = false
        lastWasDigit = false
        lastWasLetter = false
        // A sentence ends at . ! ? and at a line break; a new block starts a new sentence.
        if separator == 0x2E || separator == 0x21 || separator == 0x3F || separator == 0x0A || separator == 0x3002 {
            atSentenceStart = true
        }
    }

    @inline(__always)
    private mutating func append(_ value: UInt32, kind: ScalarKind, into result: inout TokenizedText) {
        if kind == .digit {
            result.tokenFlags[result.tokenFlags.count - 1].insert(.numeric)
            lastWasDigit = true
            lastWasLetter = false
        } else {
            lastWasDigit = false
            lastWasLetter = true
        }
        appendScalar(value, into: &result)
    }

    @inline(__always)
    private func appendScalar(_ value: UInt32, into result: inout TokenizedText) {
        if value < 0x80 {
            // ASCII letters fold to lowercase.
            result.bytes.append(UInt8(truncatingIfNeeded: value) | (value &- 0x41 < 26 ? 0x20 : 0))
            return
        }
        if value < TwoByteScalars.range.upperBound {
            let entry = twoByteScalars.entry(value)
            if entry.foldedCount > 0 {
                var folded = entry.folded
                for _ in 0..<entry.foldedCount {
                    result.bytes.append(UInt8(truncatingIfNeeded: folded))
                    folded >>= 8
                }
                return
            }
        }
        guard let scalar = Unicode.Scalar(value) else { return }
        if Self.foldsCase(scalar) {
            result.bytes.append(contentsOf: Self.folding(scalar))
        } else {
            UTF8.encode(scalar) { result.bytes.append($0) }
        }
    }

    /// The UTF-8 bytes of `value` case folded, as a token holds it (see ``folding(_:)``); CJK letters and caseless
    /// scalars as they are; nothing for a value that is no scalar.
    static func caseFolded(_ value: UInt32) -> [UInt8] {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return foldsCase(scalar) ? folding(scalar) : Array(String(scalar).utf8)
    }

    /// Whether case folding changes `scalar` (the common CJK letters, caseless, are not asked).
    @inline(__always)
    private static func foldsCase(_ scalar: Unicode.Scalar) -> Bool {
        !ScalarKind.isCommonCJKLetter(scalar.value) && scalar.properties.changesWhenCaseFolded
    }

    /// The UTF-8 bytes of a scalar that case folding changes: the lowercase of the uppercase mapping, twice where
    /// the first pass still leaves a folding letter (ẞ → ß → ss).
    private static func folding(_ scalar: Unicode.Scalar) -> [UInt8] {
        var folded = scalar.properties.uppercaseMapping.lowercased()
        if folded.unicodeScalars.contains(where: \.properties.changesWhenCaseFolded) {
            folded = folded.uppercased().lowercased()
        }
        return Array(folded.utf8)
    }
}

/// Copies tokens' bytes from a lowercased chunk (``ASCIIChunk``) to the output, 16 bytes per store: a token of up
/// to 16 bytes is one load and one store, and the store's bytes past the token are overwritten by what follows.
struct ASCIIRun {
    /// How far past the last byte copied a store may write.
    static let storeWidth = 16

    /// The lowercased chunk, readable 16 bytes past its 64.
    let lowered: UnsafeMutablePointer<UInt8>
    let output: UnsafeMutablePointer<UInt8>
    /// Where the next byte goes in `output`.
    var at: Int

    /// Copies `count` bytes (1 to 63) from `source` to `destination` and zeros the rest of its 64 bytes, with a
    /// few overlapping loads and stores (a loop here becomes a call to memcpy, which costs more for a few dozen
    /// bytes).
    @inline(__always) static func copyPadded(
        _ source: UnsafePointer<UInt8>, count: Int, to destination: UnsafeMutablePointer<UInt8>
    ) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(destination)
        @inline(__always) func copy<Word>(_: Word.Type, at offset: Int) {
            to.storeBytes(
                of: from.loadUnaligned(fromByteOffset: offset, as: Word.self), toByteOffset: offset, as: Word.self)
        }
        for offset in stride(from: 0, to: 64, by: 16) {
            to.storeBytes(of: SIMD16<UInt8>(), toByteOffset: offset, as: SIMD16<UInt8>.self)
        }
        if count >= 16 {
            copy(SIMD16<UInt8>.self, at: 0)
            if count > 32 { copy(SIMD16<UInt8>.self, at: 16) }
            if count > 48 { copy(SIMD16<UInt8>.self, at: 32) }
            copy(SIMD16<UInt8>.self, at: count &- 16)
        } else if count >= 8 {
            copy(UInt64.self, at: 0)
            copy(UInt64.self, at: count &- 8)
        } else if count >= 4 {
            copy(UInt32.self, at: 0)
            copy(UInt32.self, at: count &- 4)
        } else {
            destination[0] = source[0]
            destination[count >> 1] = source[count >> 1]
            destination[count &- 1] = source[count &- 1]
        }
    }

    /// The bits of the token that starts at `startBit` (a single bit) in the chunk's `tokenBytes`, and its length
    /// in the chunk: adding the start bit carries through the token's bits and stops at the first bit past it.
    @inline(__always) static func token(at startBit: UInt64, in tokenBytes: UInt64) -> (span: UInt64, length: Int) {
        let sum = tokenBytes &+ startBit
        let end = (sum & ~tokenBytes).trailingZeroBitCount  // 64 when the token runs to the chunk's end
        return (tokenBytes & ~sum, end &- startBit.trailingZeroBitCount)
    }

    /// Copies bytes `start..<start + length` of the chunk, leaving out those whose bit is set in `dropped` (bits
    /// of the token only).
    @inline(__always)
    mutating func copy(from start: Int, length: Int, dropping dropped: UInt64) {
        var skipped = dropped
        var from = start
        while skipped != 0 {
            let next = skipped.trailingZeroBitCount
            skipped &= skipped &- 1
            copyBytes(from: from, count: next &- from)
            from = next &+ 1
        }
        copyBytes(from: from, count: start &+ length &- from)
    }

    /// One store for a run of up to 16 bytes (most words), a loop beyond.
    @inline(__always)
    private mutating func copyBytes(from start: Int, count: Int) {
        copy16(from: start, offset: 0)
        if count > 16 {
            // Not a `repeat` loop from 0: the compiler turns that into a call to memcpy for every token.
            var offset = 16
            while offset < count {
                copy16(from: start, offset: offset)
                offset &+= 16
            }
        }
        at &+= count
    }

    @inline(__always)
    private func copy16(from start: Int, offset: Int) {
        let bytes = UnsafeRawPointer(lowered + (start &+ offset)).loadUnaligned(as: SIMD16<UInt8>.self)
        UnsafeMutableRawPointer(output + (at &+ offset)).storeBytes(of: bytes, as: SIMD16<UInt8>.self)
    }
}

/// Room appended to the end of the token arrays before the ASCII path writes into it, copied from blocks of zeros:
/// a copy runs at memory speed, where appending `repeatElement(0, count:)` goes element by element.
enum ZeroRoom {
    static let bytes = [UInt8](repeating: 0, count: 4096)
    static let starts = [Int32](repeating: 0, count: 4096)
    static let flags = [TokenFlags](repeating: [], count: 4096)

    /// Appends `count` elements of `zeros` (all zero) to `array`, a block at a time.
    @inline(__always)
    static func append<Element>(_ count: Int, from zeros: [Element], to array: inout [Element]) {
        var left = count
        while left > 0 {
            let chunk = Swift.min(left, zeros.count)
            array.append(contentsOf: zeros[..<chunk])
            left -= chunk
        }
    }
}

/// How the tokenizer treats one Unicode scalar.
enum ScalarKind: UInt8 {
    case letter, digit, mark, character, apostrophe, comma, point, separator

    @inline(__always)
    init(_ value: UInt32) {
        self.init(value, twoByteScalars: TwoByteScalars.shared)
    }

    /// The kind of `value`, from `twoByteScalars` for a two-byte scalar.
    @inline(__always)
    init(_ value: UInt32, twoByteScalars: TwoByteScalars) {
        if value &- TwoByteScalars.range.lowerBound < TwoByteScalars.range.count {
            self = twoByteScalars.entry(value).kind
            return
        }
        self.init(lookingUp: value)
    }

    /// The kind of `value` from its code point and, where needed, the standard library's Unicode properties.
    init(lookingUp value: UInt32) {
        if value < 0x80 {
            let byte = UInt8(truncatingIfNeeded: value)
            if ASCII.isLetter(byte) {
                self = .letter
            } else if ASCII.isDigit(byte) {
                self = .digit
            } else {
                switch byte {
                case 0x27: self = .apostrophe
                case 0x2C: self = .comma
                case 0x2E: self = .point
                default: self = .separator
                }
            }
            return
        }
        switch value {
        case 0x2019, 0x2018, 0x201B, 0x02BC: self = .apostrophe
        // Frequent in news, and punctuation or symbols (general categories P* and So): no property lookup.
        case 0x00A9, 0x00AB, 0x00BB, 0x2010...0x2015, 0x201C...0x201F, 0x2022: self = .separator
        // The CJK ideographs and kana that Chinese and Japanese text is made of: all other letters (Lo).
        case 0x4E00...0x9FFF, 0x3041...0x3096, 0x30A1...0x30FA: self = .character
        case 0x0E00...0x0EFF, 0x0F00...0x0FFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3005...0x3007, 0x3021...0x3029,
            0x3038...0x303B, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
            0x20000...0x2FA1F:
            let category = Unicode.Scalar(value)?.properties.generalCategory
            switch category {
            case .nonspacingMark, .spacingMark, .enclosingMark: self = .mark
            case .decimalNumber: self = .digit
            case .otherLetter, .modifierLetter, .uppercaseLetter, .lowercaseLetter, .otherNumber, .letterNumber:
                self = .character
            default: self = .separator
            }
        default:
            guard let properties = Unicode.Scalar(value)?.properties else {
                self = .separator
                return
            }
            switch properties.generalCategory {
            case .decimalNumber: self = .digit
            case .nonspacingMark, .spacingMark, .enclosingMark: self = .mark
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber:
                self = .letter
            default: self = .separator
            }
        }
    }

    @inline(__always)
    static func isUppercase(_ value: UInt32) -> Bool {
        isUppercase(value, twoByteScalars: TwoByteScalars.shared)
    }

    /// Whether `value` is uppercase, from `twoByteScalars` for a two-byte scalar.
    @inline(__always)
    static func isUppercase(_ value: UInt32, twoByteScalars: TwoByteScalars) -> Bool {
        if value < 0x80 { return value &- 0x41 < 26 }
        if value < TwoByteScalars.range.upperBound { return twoByteScalars.entry(value).isUppercase }
        return isUppercase(lookingUp: value)
    }

    /// Whether `value` is uppercase, from the standard library's Unicode properties.
    static func isUppercase(lookingUp value: UInt32) -> Bool {
        if value < 0x80 { return value &- 0x41 < 26 }
        if isCommonCJKLetter(value) { return false }
        return Unicode.Scalar(value)?.properties.isUppercase ?? false
    }

    /// CJK Unified Ideographs, hiragana and katakana letters: general category Lo and caseless (a test checks every
    /// one), so the tokenizer needs no property lookup for them.
    @inline(__always) static func isCommonCJKLetter(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3041...0x3096).contains(value) || (0x30A1...0x30FA).contains(value)
    }
}

/// Byte classes of the ASCII fast path, by arithmetic (no table to load).
enum ASCII {
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isUppercase(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

    /// . ! ? and the line feed end a sentence.
    @inline(__always) static func endsSentence(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x0A
    }
}
