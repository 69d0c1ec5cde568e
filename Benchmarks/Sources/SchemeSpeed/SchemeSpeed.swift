import ArgumentParser
import Dedup
import NewsCorpus

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text-to-signature speed of the two MinHash schemes, measured interleaved: every round fingerprints the same
/// documents with each scheme in turn (alternating which goes first), so both see the same machine load and the
/// per-round ratio stays meaningful on a shared machine. Time is the thread's CPU time.
///
/// With `--scheme` it runs one scheme only, for instruction counts under callgrind:
/// `valgrind --tool=callgrind --toggle-collect='*fingerprintAll*' .build/release/SchemeSpeed --scheme ...`.
@main
struct SchemeSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the MinHash schemes' text-to-signature speed, interleaved on the same documents.")

    @Option(help: "The generated corpus: english, english-ascii, accented-latin or cjk.")
    var corpus: CorpusName = .english

    @Option(help: "Documents per round (at most 2000).")
    var documents = 2_000

    @Option(help: "Rounds; each runs every scheme once.")
    var rounds = 10

    @Option(help: "Run only this scheme: one-permutation or permutations.")
    var scheme: SchemeName?

    func validate() throws {
        guard (1...StandardCorpus.documentCount).contains(documents) else {
            throw ValidationError("--documents must be in 1...\(StandardCorpus.documentCount)")
        }
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
    }

    func run() {
        let texts = Array(StandardCorpus.documents(corpus.language).prefix(documents))
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let schemes = scheme.map { [$0.scheme] } ?? [.onePermutation, .permutations]
        var fingerprinters: [MinHashScheme: Fingerprinter] = [:]
        var scratches: [MinHashScheme: FingerprintScratch] = [:]
        var checksum: UInt64 = 0
        for scheme in schemes {
            let fingerprinter = Fingerprinter(
                settings: MinHashSettings(scheme: scheme, length: 128, seed: 42, shingleSize: 5))
            var scratch = FingerprintScratch(for: fingerprinter)
            checksum &+= fingerprinter.fingerprint(texts[0], scratch: &scratch).contentHash
            fingerprinters[scheme] = fingerprinter
            scratches[scheme] = scratch
        }

        var seconds: [MinHashScheme: [Double]] = [:]
        for round in 0..<rounds {
            for scheme in round % 2 == 0 ? schemes : schemes.reversed() {
                let fingerprinter = fingerprinters[scheme]!
                var scratch = scratches[scheme]!
                let start = threadCPUSeconds()
                checksum &+= fingerprintAll(texts, with: fingerprinter, scratch: &scratch)
                seconds[scheme, default: []].append(threadCPUSeconds() - start)
                scratches[scheme] = scratch
            }
        }

        let kilobytes = Double(bytes) / 1_000
        print(
            "corpus \(corpus.rawValue): \(texts.count) documents, \(bytes) bytes, \(rounds) rounds (checksum \(checksum))"
        )
        print("documents fingerprinted per scheme in fingerprintAll: \(texts.count * rounds)")
        print("| scheme | docs/s (median) | MB/s (median) | docs/s (min–max) |")
        print("|---|---:|---:|---:|")
        for scheme in schemes {
            let rates = seconds[scheme]!.map { Double(texts.count) / $0 }.sorted()
            let median = rates[rates.count / 2]
            print(
                "| \(scheme) | \(Int(median)) | \(format(median * kilobytes / Double(texts.count) / 1_000)) | "
                    + "\(Int(rates.first!))–\(Int(rates.last!)) |")
        }
        guard schemes.count == 2 else { return }
        let ratios = zip(seconds[.permutations]!, seconds[.onePermutation]!).map { $0 / $1 }.sorted()
        print(
            "\nspeed ratio one-permutation / permutations, per round: median \(format(ratios[ratios.count / 2])), "
                + "min \(format(ratios.first!)), max \(format(ratios.last!))")
    }
}

/// Fingerprints every text; returns a checksum so that no work can be optimized away. Never inlined, so that
/// callgrind can count its instructions alone (`--toggle-collect='*fingerprintAll*'`).
@inline(never)
func fingerprintAll(_ texts: [String], with fingerprinter: Fingerprinter, scratch: inout FingerprintScratch) -> UInt64 {
    var checksum: UInt64 = 0
    for text in texts {
        let fingerprint = fingerprinter.fingerprint(text, scratch: &scratch)
        checksum &+= fingerprint.contentHash &+ UInt64(fingerprint.signature.values[0])
    }
    return checksum
}

/// The generated corpora by command-line name.
enum CorpusName: String, ExpressibleByArgument {
    case english
    case englishASCII = "english-ascii"
    case accentedLatin = "accented-latin"
    case cjk

    var language: NewsTextGenerator.Language {
        switch self {
        case .english: .english
        case .englishASCII: .englishASCII
        case .accentedLatin: .accentedLatin
        case .cjk: .cjk
        }
    }
}

/// The MinHash schemes by command-line name (their raw values).
struct SchemeName: ExpressibleByArgument {
    let scheme: MinHashScheme

    init?(argument: String) {
        guard let scheme = MinHashScheme(rawValue: argument) else { return nil }
        self.scheme = scheme
    }
}

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
