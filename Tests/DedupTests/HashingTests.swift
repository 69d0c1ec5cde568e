import Dedup
import Testing

/// The bytes (i·31 + 7) mod 256 for i in 0..<count: a deterministic pattern that is easy to reproduce elsewhere.
private func bytePattern(count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
}

@Suite("XXH3")
struct HashingXXH3Tests {
    struct ReferenceVector: Sendable, CustomTestStringConvertible {
        let length: Int
        let seed: UInt64
        let hash: UInt64
        var testDescription: String { "\(length) bytes, seed \(seed)" }
    }

    /// Reference values from the Python `xxhash` package 4.1.0 (bundling libxxhash 0.8.4), independent of this
    /// package: `xxhash.xxh3_64_intdigest(bytes((i * 31 + 7) & 255 for i in range(n)), seed=seed)`.
    /// The lengths cover every XXH3-64 code path: 0, 1–3, 4–8, 9–16, 17–128, 129–240 and > 240 bytes.
    static let referenceVectors: [ReferenceVector] = [
        .init(length: 0, seed: 0, hash: 0x2D06_8005_38D3_94C2),
        .init(length: 1, seed: 0, hash: 0x4C5C_CA45_D0F4_811F),
        .init(length: 3, seed: 0, hash: 0x15F7_093B_173D_005C),
        .init(length: 4, seed: 0, hash: 0xDCA0_12F9_5811_B6B9),
        .init(length: 8, seed: 0, hash: 0xDEC6_A9A4_3575_982E),
        .init(length: 9, seed: 0, hash: 0xCBE3_9339_9F17_FFBD),
        .init(length: 16, seed: 0, hash: 0x7E48_4C18_D748_95D0),
        .init(length: 17, seed: 0, hash: 0x208B_DE5E_E2BE_D407),
        .init(length: 128, seed: 0, hash: 0xF92B_70EA_A21A_6288),
        .init(length: 129, seed: 0, hash: 0xF8F7_6713_F2BB_60FA),
        .init(length: 240, seed: 0, hash: 0xCCC7_3751_72C4_1F03),
        .init(length: 241, seed: 0, hash: 0x0B3B_6309_48CE_4A00),
        .init(length: 1000, seed: 0, hash: 0x9897_65D0_EA7A_5ECD),
        .init(length: 0, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x602B_0E2C_D666_2C8B),
        .init(length: 1, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x2F3A_CD38_05F8_1DE3),
        .init(length: 3, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x079D_D5D5_4D89_480A),
        .init(length: 4, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x1A24_6E2E_FB9C_9B2E),
        .init(length: 8, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x19EF_7D39_1910_8AFF),
        .init(length: 9, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x9C98_D3E2_4DC5_4D34),
        .init(length: 16, seed: 0x9E37_79B9_7F4A_7C15, hash: 0xA106_5100_78B0_A252),
        .init(length: 17, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x0B2C_AF8B_F964_8EFF),
        .init(length: 128, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x9542_5530_BEB8_9FE8),
        .init(length: 129, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x29FA_850B_97ED_9666),
        .init(length: 240, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x2D88_2E78_99FF_64CC),
        .init(length: 241, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x422E_82E8_913E_49E0),
        .init(length: 1000, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x75B5_719D_9F31_A6A2),
    ]

    @Test("matches the reference XXH3-64 implementation", arguments: referenceVectors)
    func referenceVector(_ vector: ReferenceVector) {
        let bytes = bytePattern(count: vector.length)
        #expect(XXH3.hash(bytes, seed: vector.seed) == vector.hash)
        #expect(bytes.withUnsafeBytes { XXH3.hash($0, seed: vector.seed) } == vector.hash)
    }

    /// Reference values around the shingle path's borders (17–32 bytes: one half; 33–64: both), from the Python
    /// `xxhash` package 3.5.0 (bundling libxxhash 0.8.2; the one installed when they were added), computed as for
    /// ``referenceVectors``. XXH3's values have not changed since libxxhash 0.8.0.
    static let shingleVectors: [ReferenceVector] = [
        .init(length: 20, seed: 0, hash: 0xB752_B004_4428_0FD5),
        .init(length: 32, seed: 0, hash: 0x03DF_0AC5_255D_1446),
        .init(length: 33, seed: 0, hash: 0x199A_3621_22D7_1F46),
        .init(length: 48, seed: 0, hash: 0x37FC_8C69_2BC2_74E1),
        .init(length: 64, seed: 0, hash: 0xDD30_702A_B46B_3745),
        .init(length: 65, seed: 0, hash: 0xFAB3_6B85_1B94_CE20),
        .init(length: 20, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x20A2_3DBB_8A64_3364),
        .init(length: 32, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x3ACB_FDFB_7E9F_9668),
        .init(length: 33, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x913B_37D6_B8DF_6D23),
        .init(length: 48, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x0D07_5F19_AEC9_5AE5),
        .init(length: 64, seed: 0x9E37_79B9_7F4A_7C15, hash: 0x4490_C19C_7048_A1A1),
        .init(length: 65, seed: 0x9E37_79B9_7F4A_7C15, hash: 0xE6C2_315A_B5F5_C409),
    ]

    @Test("the shingle hash matches the reference XXH3-64", arguments: referenceVectors + shingleVectors)
    func shingleReferenceVector(_ vector: ReferenceVector) {
        // One byte more than hashed, so that even the empty input has an address.
        let bytes = bytePattern(count: vector.length + 1)
        #expect(bytes.withUnsafeBytes { XXH3.shingleHash($0.baseAddress!, count: vector.length, seed: vector.seed) }
            == vector.hash)
        #expect(XXH3.hash(bytes.prefix(vector.length), seed: vector.seed) == vector.hash)
    }

    @Test("the shingle hash equals XXH3-64 at every length from 0 to 300, at a buffer's start, middle and end")
    func shingleHashAgrees() {
        var generator = SplitMix64(seed: 77)
        // Random bytes, so that no pattern hides a read of the wrong bytes.
        let buffer = (0..<700).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        buffer.withUnsafeBytes { buffer in
            for length in 0...300 {
                let seed = generator.next()
                // At the start (reads clamped inside the input), in the middle, and ending at the buffer's end.
                for offset in [0, 200 + length % 7, 700 - length] {
                    let input = buffer.baseAddress! + offset
                    let expected = XXH3.hash(UnsafeRawBufferPointer(start: input, count: length), seed: seed)
                    #expect(
                        XXH3.shingleHash(input, count: length, seed: seed) == expected,
                        "length \(length) at offset \(offset)")
                }
            }
        }
    }

    @Test("matches the reference for strings")
    func referenceStrings() {
        // Python xxhash 4.1.0: xxh3_64_intdigest(b"hello world", seed=0) and (..., seed=42),
        // xxh3_64_intdigest(b"", seed=42) and xxh3_64_intdigest("café".encode("utf-8"), seed=0).
        #expect(XXH3.hash("hello world", seed: 0) == 15_296_390_279_056_496_779)
        #expect(XXH3.hash("hello world", seed: 42) == 10_892_614_469_087_474_574)
        #expect(XXH3.hash("", seed: 42) == 12_693_748_630_217_917_650)
        #expect(XXH3.hash("café", seed: 0) == 5_513_492_080_776_525_439)
    }

    @Test("is deterministic across calls and input representations")
    func deterministic() {
        let text = "Shares of the company rose sharply on Tuesday"
        let utf8 = Array(text.utf8)
        let hash = XXH3.hash(text, seed: 7)
        #expect(XXH3.hash(text, seed: 7) == hash)
        #expect(XXH3.hash(utf8, seed: 7) == hash)
        #expect(XXH3.hash(utf8[...], seed: 7) == hash)
        // A collection without contiguous storage takes the copying path and must agree.
        #expect(XXH3.hash(text.utf8, seed: 7) == hash)
        #expect(XXH3.hash(utf8.lazy.map { $0 }, seed: 7) == hash)
        #expect(utf8.withUnsafeBytes { XXH3.hash($0, seed: 7) } == hash)
    }

    @Test("hashes a slice of a buffer by its own bytes only")
    func slices() {
        let bytes = bytePattern(count: 64)
        let slice = bytes.withUnsafeBytes { XXH3.hash(UnsafeRawBufferPointer(rebasing: $0[10..<30]), seed: 3) }
        #expect(slice == XXH3.hash(Array(bytes[10..<30]), seed: 3))
        #expect(slice != XXH3.hash(Array(bytes[10..<31]), seed: 3))
    }

    @Test("different seeds give different hashes")
    func seedsDiffer() {
        let inputs = ["", "a", "hello world", String(repeating: "news ", count: 100)]
        for input in inputs {
            let hashes = Set((0..<64).map { XXH3.hash(input, seed: UInt64($0)) })
            #expect(hashes.count == 64, "seeds 0..<64 collide for \(input.debugDescription)")
        }
    }

    @Test("different inputs give different hashes")
    func inputsDiffer() {
        var seen: Set<UInt64> = []
        for length in 0..<300 {
            seen.insert(XXH3.hash(bytePattern(count: length), seed: 0))
        }
        #expect(seen.count == 300)
        #expect(XXH3.hash("company's", seed: 0) != XXH3.hash("companys", seed: 0))
    }
}

@Suite("SplitMix64")
struct HashingSplitMix64Tests {
    @Test("matches the reference implementation")
    func referenceSequence() {
        // Vigna's reference splitmix64.c (x += 0x9e3779b97f4a7c15, then the two xor-shift-multiply rounds),
        // transcribed to Python. The first value for seed 0, 0xE220A8397B1DCDAF, is the widely published one.
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        #expect(zero.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(zero.next() == 0x06C4_5D18_8009_454F)

        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test("the same seed gives the same sequence")
    func deterministic() {
        var first = SplitMix64(seed: 0xDEAD_BEEF)
        var second = SplitMix64(seed: 0xDEAD_BEEF)
        let a = (0..<1000).map { _ in first.next() }
        let b = (0..<1000).map { _ in second.next() }
        #expect(a == b)
        #expect(Set(a).count == 1000)
    }

    @Test("different seeds give different sequences")
    func seedsDiffer() {
        var first = SplitMix64(seed: 1)
        var second = SplitMix64(seed: 2)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        #expect(Set(a).isDisjoint(with: b))
    }

    @Test("the finalizer is the step function's output and a bijection on a sample")
    func mix() {
        // next() adds the golden gamma and mixes the new state.
        var generator = SplitMix64(seed: 99)
        #expect(generator.next() == SplitMix64.mix(99 &+ 0x9E37_79B9_7F4A_7C15))
        #expect(SplitMix64.mix(0) == 0)
        let sample = (0..<10_000).map { SplitMix64.mix(UInt64($0)) }
        #expect(Set(sample).count == sample.count)
    }

    @Test("drives the standard library's random APIs reproducibly")
    func randomNumberGenerator() {
        var first = SplitMix64(seed: 5)
        var second = SplitMix64(seed: 5)
        let a = (0..<50).map { _ in Int.random(in: 0..<1000, using: &first) }
        let b = (0..<50).map { _ in Int.random(in: 0..<1000, using: &second) }
        #expect(a == b)
        #expect(Array(0..<20).shuffled(using: &first) == Array(0..<20).shuffled(using: &second))
    }
}
