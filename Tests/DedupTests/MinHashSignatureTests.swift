import Dedup
import Testing

/// The shingle hashes of `text` as the fingerprint path computes them.
private func shingleHashes(_ text: String, size: Int, seed: UInt64) -> [UInt64] {
    Shingler(size: size, seed: seed).shingleHashes(of: Tokenizer().tokenize(text))
}

@Suite("MinHash signatures")
struct MinHashSignatureTests {
    static let shortText = "The quick brown fox jumps over the lazy dog. The dog sleeps."
    static let longerText = """
        Shares of the company rose sharply on Tuesday after it reported quarterly earnings that beat analysts \
        expectations and raised its forecast for the full year citing strong demand for its cloud computing \
        services in Europe and Asia
        """

    // MARK: Golden values

    // GOLDEN VALUES for determinism across runs, platforms and releases: a changed value means every stored
    // signature is invalidated. They were not copied from this package's output: they come from an independent
    // Python transcription of the two schemes (SplitMix64 permutations a·x + b mod 2⁶⁴ with a forced odd, drawn
    // from the seed ^ 0x6D696E6861736831; one-permutation binning by the high word of hash·k, ordering by the low
    // word, densification probes mix(probeSeed ^ (bin << 32 | attempt)); values = low 32 bits of mix(minimum)),
    // with shingle hashes from Python xxhash 4.1.0. The package agreed with it on the first run.

    @Test("golden signature: classic scheme, 16 values, 10 shingles")
    func goldenPermutationsShort() {
        let settings = MinHashSettings(scheme: .permutations, length: 16, seed: 42, shingleSize: 3)
        let hashes = shingleHashes(Self.shortText, size: 3, seed: 42)
        #expect(hashes.count == 10)
        let signature = MinHasher(settings: settings).signature(of: hashes)
        #expect(
            signature.values == [
                0xABEC_6587, 0x7D1D_B3A8, 0x32CA_88D5, 0x303E_3DDE, 0x8FBB_7370, 0xFF30_53D1, 0x9B7A_91DD, 0xDEB7_6EAC,
                0x8594_3592, 0x1038_C6A4, 0xF108_20AC, 0x1A1D_25D0, 0x6E50_489A, 0x870F_CD62, 0xDC6F_575B, 0x56F6_4AF0,
            ])
        #expect(!signature.isEmpty)
        #expect(signature.settings == settings)
    }

    @Test("golden signature: one-permutation scheme with densification, 16 values, 10 shingles")
    func goldenOnePermutationShort() {
        let settings = MinHashSettings(scheme: .onePermutation, length: 16, seed: 42, shingleSize: 3)
        let hashes = shingleHashes(Self.shortText, size: 3, seed: 42)
        let signature = MinHasher(settings: settings).signature(of: hashes)
        // 10 shingles in 16 bins: at least 6 bins are empty and borrow a value, so values repeat.
        #expect(
            signature.values == [
                0xE3E5_F78D, 0x14F8_BE40, 0x14F8_BE40, 0x57B4_17AC, 0x57B4_17AC, 0x62B0_33AA, 0xE90F_6A6D, 0xF38A_3BFF,
                0x14F8_BE40, 0x57B4_17AC, 0x57B4_17AC, 0xB417_4EB6, 0xE3E5_F78D, 0x57B4_17AC, 0xF38A_3BFF, 0xB417_4EB6,
            ])
    }

    @Test("golden signature: classic scheme, 128 values, seed 42, 5-word shingles")
    func goldenPermutationsLong() {
        let settings = MinHashSettings(scheme: .permutations, length: 128, seed: 42, shingleSize: 5)
        let signature = Fingerprinter(settings: settings).fingerprint(Self.longerText).signature
        #expect(
            signature.values == [
                0x2825_EE02, 0x3C24_9303, 0x7603_852C, 0x151D_162E, 0x9B45_5BD4, 0x982F_267C, 0xE7D7_685E, 0xF86B_2424,
                0xE787_E08D, 0x30D2_473B, 0x7E4A_F28C, 0x9EAE_3C69, 0x01CA_6785, 0xCDFB_2BCE, 0x3196_5E38, 0xEC8E_135F,
                0xFD65_E6D8, 0x7809_FF7A, 0x7935_C7D9, 0x95E6_5426, 0x168F_22ED, 0xACA9_A35D, 0x1424_19D2, 0xC9DC_3643,
                0x7A7B_30D9, 0xF404_D106, 0x700A_DC18, 0x703E_F7D7, 0x1952_8B03, 0x4ED1_F30F, 0x2A42_793F, 0x20F3_3BEE,
                0xEA8C_C5B8, 0xBAA0_1255, 0xB007_3EDB, 0x527C_27B6, 0x4A78_1ECE, 0x7A6E_FE38, 0x018C_F63F, 0xDE18_35B9,
                0xF5B7_7524, 0x10E6_3558, 0xCA2B_C6E0, 0x357A_42E5, 0xB886_66A1, 0xFE59_D9B2, 0xBBE8_39DB, 0x417E_5B67,
                0x1719_8722, 0x4A3C_693F, 0x0F2A_6766, 0x1A4D_83CA, 0xF266_4FC0, 0x75C2_441B, 0x2C75_3D03, 0xD911_DE74,
                0x57D7_09EE, 0x97D6_55D8, 0x0E9E_4F28, 0x17A8_4A05, 0x95E3_4A9A, 0x0490_354B, 0x31F0_8849, 0xF80C_4ECD,
                0x49EA_0B43, 0x28A7_BE7C, 0x85A5_A434, 0x07E2_026C, 0x642B_F58C, 0x81C0_D5AF, 0x1710_1623, 0x037E_191E,
                0x6485_960F, 0xDB6D_B2B1, 0x1403_4D6C, 0x0C8E_0B2E, 0x7620_6779, 0x2210_CF8B, 0x2B1B_0B4C, 0xF783_9870,
                0xF6E7_6C46, 0x5A92_0548, 0x9B7D_79B9, 0x5D85_DB89, 0xF186_192B, 0x3386_FECA, 0xB8BC_AD0C, 0x5A92_3032,
                0xD81E_D2B3, 0xABA2_B8A0, 0x0B31_75C1, 0x8EC6_B729, 0xF267_C2AE, 0x0661_0216, 0x444B_B16E, 0x2DA2_9CF1,
                0xD4CF_2F61, 0x9765_D80A, 0x2DBE_1B62, 0x8BBD_3179, 0x9E26_477D, 0x2107_93FE, 0xE458_3FEC, 0xADE6_C29C,
                0x1024_6ACE, 0xF616_6AA9, 0xFDBC_CA71, 0xE8E5_A2E2, 0x297E_D8B6, 0xCABC_6312, 0xD0DC_53C8, 0x818F_01C8,
                0x525D_34B7, 0xB9BD_F337, 0x4A3A_C0A2, 0x17AE_AF50, 0x1214_F598, 0x5F83_D8CD, 0xC3F6_62F0, 0x4EFB_860D,
                0x7F92_62ED, 0xE8D7_CC4F, 0x6BF5_8F8F, 0x80C3_600F, 0xA6F7_EE3B, 0xE698_27AA, 0x1882_53BC, 0x73A8_DD8E,
            ])
    }

    @Test("golden signature: standard settings (one permutation, 128 values, seed 42, 5-word shingles)")
    func goldenStandard() {
        let signature = Fingerprinter(settings: .standard).fingerprint(Self.longerText).signature
        #expect(signature.settings == MinHashSettings(scheme: .onePermutation, length: 128, seed: 42, shingleSize: 5))
        #expect(
            signature.values == [
                0x3111_0168, 0x3111_0168, 0x7B4E_CFFA, 0x43CE_1C0F, 0x58DF_420E, 0x12BC_2668, 0xC53F_EB02, 0xFDED_2534,
                0x12BC_2668, 0xFDED_2534, 0x0B1D_3556, 0xF8F5_30A2, 0x0B1D_3556, 0x92DB_26BE, 0x0D0F_396E, 0x92DB_26BE,
                0x5934_3EFE, 0x5A7F_A03E, 0x9866_514F, 0x58DF_420E, 0x9125_812F, 0x5463_236D, 0xFDED_2534, 0x2F4D_7704,
                0x0ECC_10F8, 0x12BC_2668, 0x0D0F_396E, 0x0FBF_0D64, 0x12BC_2668, 0x3111_0168, 0xFDED_2534, 0x5A7F_A03E,
                0xC53F_EB02, 0x3111_0168, 0xFEFF_5503, 0xF8F5_30A2, 0x3111_0168, 0xFDED_2534, 0x9866_514F, 0x3111_0168,
                0x953D_711E, 0x26B5_FFC2, 0x92DB_26BE, 0x58DF_420E, 0x5463_236D, 0x7B4E_CFFA, 0xF586_0210, 0x0ECC_10F8,
                0xD5DF_F952, 0x26B5_FFC2, 0xB66D_C59E, 0x9125_812F, 0x12BC_2668, 0x7B4E_CFFA, 0x0ECC_10F8, 0xD5DF_F952,
                0xB66D_C59E, 0x6E4C_699D, 0x92DB_26BE, 0x12BC_2668, 0xFDED_2534, 0x7B4E_CFFA, 0x0B1D_3556, 0xF8F5_30A2,
                0xFEFF_5503, 0x6E4C_699D, 0x0D0F_396E, 0x6877_0B8C, 0x953D_711E, 0x92DB_26BE, 0x0FBF_0D64, 0xD5DF_F952,
                0x3111_0168, 0xFDED_2534, 0xC53F_EB02, 0xFDED_2534, 0x5A7F_A03E, 0xD2A8_89C0, 0x58DF_420E, 0xB66D_C59E,
                0x0ECC_10F8, 0xB66D_C59E, 0x0ECC_10F8, 0x3111_0168, 0x92DB_26BE, 0x5A7F_A03E, 0xD2A8_89C0, 0xF8F5_30A2,
                0x26B5_FFC2, 0xFEFF_5503, 0x26B5_FFC2, 0xB66D_C59E, 0x2F4D_7704, 0x43CE_1C0F, 0x43CE_1C0F, 0x5463_236D,
                0x58DF_420E, 0x3111_0168, 0x0FBF_0D64, 0x5934_3EFE, 0x0B1D_3556, 0xF586_0210, 0x953D_711E, 0x0B1D_3556,
                0xD5DF_F952, 0x5A7F_A03E, 0x43CE_1C0F, 0xB66D_C59E, 0x6E4C_699D, 0xF586_0210, 0x0B1D_3556, 0x26B5_FFC2,
                0x5934_3EFE, 0xFDED_2534, 0x9866_514F, 0x0D0F_396E, 0x43CE_1C0F, 0x58DF_420E, 0x6E4C_699D, 0xF586_0210,
                0x43CE_1C0F, 0x26B5_FFC2, 0x953D_711E, 0xF8F5_30A2, 0x6E4C_699D, 0x5934_3EFE, 0xFDED_2534, 0x92DB_26BE,
            ])
        // 33 shingles cannot fill 128 bins: at most 33 distinct values, the rest borrowed by densification.
        #expect(Set(signature.values).count <= 33)
    }

    // MARK: Properties, for both schemes

    @Test("the same input gives the same signature", arguments: MinHashScheme.allCases)
    func deterministic(scheme: MinHashScheme) throws {
        let settings = MinHashSettings(scheme: scheme, length: 64, seed: 7, shingleSize: 3)
        let hashes = shingleHashes(Self.longerText, size: 3, seed: 7)
        let first = MinHasher(settings: settings).signature(of: hashes)
        let second = MinHasher(settings: settings).signature(of: hashes)
        #expect(first == second)
        #expect(first.values.count == 64)
        #expect(try first.jaccard(with: second) == 1)
    }

    @Test("different seeds give different signatures of the same text", arguments: MinHashScheme.allCases)
    func seedsDiffer(scheme: MinHashScheme) {
        var signatures: [MinHashSignature] = []
        for seed: UInt64 in [1, 2, 42, 0xFFFF_FFFF_FFFF_FFFF] {
            let settings = MinHashSettings(scheme: scheme, length: 128, seed: seed, shingleSize: 5)
            signatures.append(Fingerprinter(settings: settings).fingerprint(Self.longerText).signature)
        }
        for i in signatures.indices {
            for j in signatures.indices where i < j {
                let agreeing = zip(signatures[i].values, signatures[j].values).filter { $0 == $1 }.count
                // Independent hash families agree at a position with probability about 2⁻³².
                #expect(agreeing <= 1, "seeds \(signatures[i].settings.seed) and \(signatures[j].settings.seed)")
            }
        }
    }

    @Test("classic permutations depend on the seed even for the same shingle hashes")
    func classicSeedChangesPermutations() {
        let hashes = (0..<500).map { SplitMix64.mix(UInt64($0)) }
        let a = MinHasher(settings: .init(scheme: .permutations, length: 64, seed: 1, shingleSize: 5))
        let b = MinHasher(settings: .init(scheme: .permutations, length: 64, seed: 2, shingleSize: 5))
        let agreeing = zip(a.signature(of: hashes).values, b.signature(of: hashes).values).filter { $0 == $1 }.count
        #expect(agreeing <= 1)
    }

    @Test("order and repetition of shingle hashes do not matter", arguments: MinHashScheme.allCases)
    func setSemantics(scheme: MinHashScheme) {
        let hasher = MinHasher(settings: MinHashSettings(scheme: scheme, length: 128, seed: 3, shingleSize: 5))
        var generator = SplitMix64(seed: 17)
        for size in [1, 5, 60, 127, 128, 129, 1000] {
            let hashes = (0..<size).map { _ in generator.next() }
            let reference = hasher.signature(of: hashes)
            #expect(hasher.signature(of: hashes.reversed()) == reference)
            #expect(hasher.signature(of: hashes.shuffled(using: &generator)) == reference)
            let repeated = (hashes + hashes.prefix(size / 2) + hashes).shuffled(using: &generator)
            #expect(hasher.signature(of: repeated) == reference)
            #expect(hasher.signature(of: Set(hashes)) == reference)
        }
    }

    @Test("a different set gives a different signature", arguments: MinHashScheme.allCases)
    func differentSets(scheme: MinHashScheme) throws {
        let hasher = MinHasher(settings: MinHashSettings(scheme: scheme, length: 128, seed: 3, shingleSize: 5))
        var generator = SplitMix64(seed: 23)
        let a = (0..<300).map { _ in generator.next() }
        let b = (0..<300).map { _ in generator.next() }
        let estimate = try hasher.signature(of: a).jaccard(with: hasher.signature(of: b))
        #expect(estimate < 0.05)
        // One extra shingle among 300 (J = 300/301) changes at most a few values.
        let c = a + [generator.next()]
        let close = try hasher.signature(of: a).jaccard(with: hasher.signature(of: c))
        #expect(close > 0.95)
    }

    @Test("one-shingle sets: equal ones agree everywhere, different ones nowhere")
    func singleShingle() throws {
        for scheme in MinHashScheme.allCases {
            let hasher = MinHasher(settings: MinHashSettings(scheme: scheme, length: 32, seed: 5, shingleSize: 5))
            let signature = hasher.signature(of: [12345])
            #expect(!signature.isEmpty)
            #expect(try signature.jaccard(with: hasher.signature(of: [12345, 12345])) == 1)
            #expect(try signature.jaccard(with: hasher.signature(of: [54321])) == 0)
            if scheme == .onePermutation {
                // Every bin borrows the single occupied bin's value.
                #expect(Set(signature.values).count == 1)
            } else {
                #expect(Set(signature.values).count == 32)
            }
        }
    }

    @Test("the empty set has an empty signature", arguments: MinHashScheme.allCases)
    func emptySet(scheme: MinHashScheme) throws {
        let settings = MinHashSettings(scheme: scheme, length: 16, seed: 1, shingleSize: 5)
        let hasher = MinHasher(settings: settings)
        let empty = hasher.signature(of: [UInt64]())
        #expect(empty.isEmpty)
        #expect(empty.values == Array(repeating: UInt32.max, count: 16))
        #expect(empty.settings == settings)
        // An empty signature is similar to nothing, not even to another empty one.
        #expect(try empty.jaccard(with: empty) == 0)
        #expect(try empty.jaccard(with: hasher.signature(of: [1, 2, 3])) == 0)
        #expect(try hasher.signature(of: [1, 2, 3]).jaccard(with: empty) == 0)
        // The empty text fingerprints to the same signature.
        #expect(Fingerprinter(settings: settings).fingerprint("  ").signature == empty)
    }

    @Test("comparing signatures made with different settings throws")
    func settingsMismatch() throws {
        let base = MinHashSettings(scheme: .onePermutation, length: 64, seed: 1, shingleSize: 5)
        var variants: [MinHashSettings] = []
        var other = base
        other.scheme = .permutations
        variants.append(other)
        other = base
        other.seed = 2
        variants.append(other)
        other = base
        other.shingleSize = 4
        variants.append(other)
        other = base
        other.length = 65
        variants.append(other)

        let hashes: [UInt64] = [1, 2, 3, 4, 5]
        let left = MinHasher(settings: base).signature(of: hashes)
        for settings in variants {
            let right = MinHasher(settings: settings).signature(of: hashes)
            let error = #expect(throws: MinHashSettingsMismatch.self) { try left.jaccard(with: right) }
            #expect(error?.left == base)
            #expect(error?.right == settings)
            #expect(error?.description.contains("different settings") == true)
            // Even empty signatures are refused, and with the sides the other way round.
            let emptyRight = MinHasher(settings: settings).signature(of: [UInt64]())
            #expect(throws: MinHashSettingsMismatch.self) { try emptyRight.jaccard(with: left) }
        }
    }

    @Test("signatures built from stored values compare like computed ones")
    func storedValues() throws {
        let settings = MinHashSettings(scheme: .permutations, length: 4, seed: 0, shingleSize: 1)
        let a = MinHashSignature(settings: settings, values: [1, 2, 3, 4])
        let b = MinHashSignature(settings: settings, values: [1, 9, 3, 9])
        #expect(try a.jaccard(with: b) == 0.5)
        #expect(try a.jaccard(with: a) == 1)
        let c = MinHashSignature(settings: settings, values: [5, 6, 7, 8])
        #expect(try a.jaccard(with: c) == 0)
        let emptyStored = MinHashSignature(settings: settings, values: [1, 2, 3, 4], isEmpty: true)
        #expect(try a.jaccard(with: emptyStored) == 0)
    }

    @Test("an accumulator gives the hasher's signature and can be reset", arguments: MinHashScheme.allCases)
    func accumulator(scheme: MinHashScheme) {
        let hasher = MinHasher(settings: MinHashSettings(scheme: scheme, length: 32, seed: 8, shingleSize: 5))
        let first: [UInt64] = (0..<40).map { SplitMix64.mix($0) }
        let second: [UInt64] = (100..<110).map { SplitMix64.mix($0) }
        var accumulator = MinHashAccumulator(hasher: hasher)
        #expect(accumulator.finish().isEmpty)
        for hash in first { accumulator.add(hash) }
        #expect(accumulator.finish() == hasher.signature(of: first))
        accumulator.reset()
        #expect(accumulator.finish() == hasher.signature(of: [UInt64]()))
        for hash in second { accumulator.add(hash) }
        #expect(accumulator.finish() == hasher.signature(of: second))
    }

    @Test("settings describe themselves and the standard settings are the documented ones")
    func settingsValues() {
        #expect(MinHashSettings.standard.scheme == .onePermutation)
        #expect(MinHashSettings.standard.length == 128)
        #expect(MinHashSettings.standard.seed == 42)
        #expect(MinHashSettings.standard.shingleSize == 5)
        #expect(MinHashScheme(rawValue: "one-permutation") == .onePermutation)
        #expect(MinHashScheme(rawValue: "permutations") == .permutations)
        #expect(MinHashSettings.standard.description == "one-permutation, 128 values, seed 42, 5-word shingles")
    }
}

@Suite("MinHash preconditions")
struct MinHashPreconditionTests {
    @Test("settings need at least one value and one-word shingles")
    func settings() async {
        await #expect(processExitsWith: .failure) {
            _ = MinHashSettings(scheme: .permutations, length: 0, seed: 0, shingleSize: 5)
        }
        await #expect(processExitsWith: .failure) {
            _ = MinHashSettings(scheme: .onePermutation, length: 128, seed: 0, shingleSize: 0)
        }
    }

    @Test("a stored signature must have exactly settings.length values")
    func storedLength() async {
        await #expect(processExitsWith: .failure) {
            _ = MinHashSignature(
                settings: MinHashSettings(scheme: .permutations, length: 4, seed: 0, shingleSize: 1), values: [1, 2, 3])
        }
    }
}
