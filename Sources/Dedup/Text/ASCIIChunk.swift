#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// The tokenizer's classes of 64 ASCII bytes, one bit per byte (bit i for byte i), and the bytes lowercased.
///
/// The ASCII path of ``TokenizerState`` finds every token of a chunk from these masks (starts, ends, joiners,
/// sentence ends) and then visits the tokens, not the bytes. On x86-64 the masks come from SSE2 compares (part
/// of the baseline target), sixteen bytes at a time; elsewhere from eight-byte integer arithmetic. Both are
/// checked against ``ASCIIChunk/init(scalarClassifying:lowered:)``, one byte at a time.
struct ASCIIChunk {
    /// A–Z and a–z.
    var letters: UInt64 = 0
    /// 0–9.
    var digits: UInt64 = 0
    /// A–Z.
    var uppercase: UInt64 = 0
    /// The apostrophe, which joins two letters.
    var apostrophes: UInt64 = 0
    /// The comma and the point, which join two digits.
    var digitJoiners: UInt64 = 0
    /// . ! ? and the line feed, which end a sentence (a point between digits does not).
    var sentenceEnds: UInt64 = 0

    /// The classes of the 64 bytes at `bytes`, every one below 0x80; writes the bytes, letters lowercased, to
    /// `lowered[0..<64]`.
    @inline(__always)
    init(_ bytes: UnsafePointer<UInt8>, lowered: UnsafeMutablePointer<UInt8>) {
        #if arch(x86_64)
            self.init(vectorClassifying: bytes, lowered: lowered)
        #else
            self.init(wordClassifying: bytes, lowered: lowered)
        #endif
    }

    #if arch(x86_64)
        /// SSE2: signed byte compares are exact because every byte is below 0x80.
        @inline(__always)
        init(vectorClassifying bytes: UnsafePointer<UInt8>, lowered: UnsafeMutablePointer<UInt8>) {
            @inline(__always) func splat(_ byte: UInt8) -> __m128i { _mm_set1_epi8(CChar(bitPattern: byte)) }
            @inline(__always) func bits(_ mask: __m128i) -> UInt64 {
                UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(mask)))
            }
            @inline(__always) func within(_ vector: __m128i, _ low: UInt8, _ high: UInt8) -> __m128i {
                _mm_and_si128(_mm_cmpgt_epi8(vector, splat(low &- 1)), _mm_cmplt_epi8(vector, splat(high &+ 1)))
            }
            let caseBit = splat(0x20)
            for part in 0..<4 {
                let shift = UInt64(part &* 16)
                let vector = _mm_loadu_si128(UnsafeRawPointer(bytes + part &* 16).assumingMemoryBound(to: __m128i.self))
                let isLetter = within(_mm_or_si128(vector, caseBit), 0x61, 0x7A)
                let isUpper = within(vector, 0x41, 0x5A)
                let isPoint = _mm_cmpeq_epi8(vector, splat(0x2E))
                let ends = _mm_or_si128(
                    _mm_or_si128(isPoint, _mm_cmpeq_epi8(vector, splat(0x0A))),
                    _mm_or_si128(_mm_cmpeq_epi8(vector, splat(0x21)), _mm_cmpeq_epi8(vector, splat(0x3F))))
                _mm_storeu_si128(
                    UnsafeMutableRawPointer(lowered + part &* 16).assumingMemoryBound(to: __m128i.self),
                    _mm_or_si128(vector, _mm_and_si128(isUpper, caseBit)))
                letters |= bits(isLetter) << shift
                uppercase |= bits(isUpper) << shift
                digits |= bits(within(vector, 0x30, 0x39)) << shift
                apostrophes |= bits(_mm_cmpeq_epi8(vector, splat(0x27))) << shift
                digitJoiners |= bits(_mm_or_si128(isPoint, _mm_cmpeq_epi8(vector, splat(0x2C)))) << shift
                sentenceEnds |= bits(ends) << shift
            }
        }
    #endif

    /// Eight bytes at a time in 64-bit integers: a byte's class is the high bit of a per-byte sum (no sum carries
    /// into the next byte, every byte being below 0x80), and the eight high bits are gathered by one multiply.
    @inline(__always)
    init(wordClassifying bytes: UnsafePointer<UInt8>, lowered: UnsafeMutablePointer<UInt8>) {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        /// The high bits of the bytes of `word` that equal `byte`.
        @inline(__always) func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
            let difference = word ^ (ones &* UInt64(byte))
            // A byte is zero exactly when adding 0x7F leaves its high bit clear.
            return ~((difference & ~high) &+ ~high | difference) & high
        }
        /// The high bits of the bytes of `word` in `low...high`.
        @inline(__always) func within(_ word: UInt64, _ low: UInt8, _ top: UInt8) -> UInt64 {
            (word &+ ones &* UInt64(0x80 &- low)) & ~(word &+ ones &* UInt64(0x7F &- top)) & high
        }
        /// Byte i's high bit as bit i of a byte.
        @inline(__always) func gather(_ mask: UInt64) -> UInt64 { ((mask >> 7) &* 0x0102_0408_1020_4080) >> 56 }
        for part in 0..<8 {
            let shift = UInt64(part &* 8)
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + part &* 8).loadUnaligned(as: UInt64.self))
            let isLetter = within(word | 0x2020_2020_2020_2020, 0x61, 0x7A)
            let isUpper = within(word, 0x41, 0x5A)
            let isPoint = equal(word, 0x2E)
            UnsafeMutableRawPointer(lowered + part &* 8).storeBytes(
                of: (word | isUpper >> 2).littleEndian, as: UInt64.self)
            letters |= gather(isLetter) << shift
            uppercase |= gather(isUpper) << shift
            digits |= gather(within(word, 0x30, 0x39)) << shift
            apostrophes |= gather(equal(word, 0x27)) << shift
            digitJoiners |= gather(isPoint | equal(word, 0x2C)) << shift
            sentenceEnds |= gather(isPoint | equal(word, 0x0A) | equal(word, 0x21) | equal(word, 0x3F)) << shift
        }
    }

    /// The reference: one byte at a time, by the definitions.
    init(scalarClassifying bytes: UnsafePointer<UInt8>, lowered: UnsafeMutablePointer<UInt8>) {
        for index in 0..<64 {
            let byte = bytes[index]
            let bit: UInt64 = 1 << UInt64(index)
            if ASCII.isLetter(byte) { letters |= bit }
            if ASCII.isDigit(byte) { digits |= bit }
            if ASCII.isUppercase(byte) { uppercase |= bit }
            if byte == 0x27 { apostrophes |= bit }
            if byte == 0x2C || byte == 0x2E { digitJoiners |= bit }
            if ASCII.endsSentence(byte) { sentenceEnds |= bit }
            lowered[index] = ASCII.isUppercase(byte) ? byte | 0x20 : byte
        }
    }
}
