import ArgumentParser
import Dedup
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text → signature throughput of `Fingerprinter.fingerprint(_:scratch:)` on one core, on texts that the C
/// reference program (`reference-c/signature.c`) reads too, so that the two compare in one run.
///
/// ```sh
/// SignatureThroughput export CORPUS.jsonl --ascii /tmp/ascii.txt --all /tmp/all.txt   # NUL-separated texts
/// SignatureThroughput run /tmp/ascii.txt --rounds 5 [--dump FILE]                      # rate, as one JSON line
/// ```
@main
struct SignatureThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Text to signature throughput on one core, comparable with reference-c/signature.c.",
        subcommands: [Export.self, Run.self])
}

extension SignatureThroughput {
    /// Writes the `text` fields of a JSONL corpus as NUL-separated texts.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a JSONL corpus's texts as NUL-separated files (ASCII-only texts, and all texts).")

        @Argument(help: "The JSONL corpus (dedup generate writes one).")
        var corpus: String

        @Option(help: "Where to write the texts that are pure ASCII.")
        var ascii: String?

        @Option(help: "Where to write every text.")
        var all: String?

        @Option(help: "Where to write the texts that are not pure ASCII.")
        var nonASCII: String?

        func run() throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
            var asciiTexts = Data()
            var allTexts = Data()
            var otherTexts = Data()
            var counts = (ascii: 0, all: 0)
            for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                    let text = object["text"] as? String
                else { continue }
                let bytes = Array(text.utf8)
                guard !bytes.contains(0) else { continue }
                allTexts.append(contentsOf: bytes)
                allTexts.append(0)
                counts.all += 1
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    asciiTexts.append(contentsOf: bytes)
                    asciiTexts.append(0)
                    counts.ascii += 1
                } else {
                    otherTexts.append(contentsOf: bytes)
                    otherTexts.append(0)
                }
            }
            if let ascii { try asciiTexts.write(to: URL(fileURLWithPath: ascii)) }
            if let all { try allTexts.write(to: URL(fileURLWithPath: all)) }
            if let nonASCII { try otherTexts.write(to: URL(fileURLWithPath: nonASCII)) }
            print("\(counts.all) texts, \(counts.ascii) of them pure ASCII")
        }
    }

    /// Fingerprints every text `rounds` times and prints the median rate.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fingerprint NUL-separated texts with the standard settings; print the median rate as JSON.")

        @Argument(help: "NUL-separated texts (from `export`).")
        var texts: String

        @Option(help: "Rounds over all the texts; the median is reported.")
        var rounds = 5

        @Option(help: "Write every fingerprint as a text line, in the format of reference-c/signature.c --dump.")
        var dump: String?

        @Option(help: "A label for the JSON line.")
        var label = "swift"

        func run() throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: texts))
            let documents = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
                String(decoding: $0, as: UTF8.self)
            }
            let bytes = documents.reduce(0) { $0 + $1.utf8.count }
            let fingerprinter = Fingerprinter(settings: .standard)
            var scratch = FingerprintScratch(for: fingerprinter)
            var seconds: [Double] = []
            var check: UInt64 = 0
            for _ in 0..<rounds {
                let start = threadCPUSeconds()
                check ^= fingerprintAll(documents, fingerprinter: fingerprinter, scratch: &scratch)
                seconds.append(threadCPUSeconds() - start)
            }
            if rounds > 0 {
                seconds.sort()
                let median = seconds[rounds / 2]
                let rate = Double(documents.count) / median
                let megabytes = Double(bytes) / median / 1e6
                print(
                    "{\"tool\":\"\(label)\",\"documents\":\(documents.count),\"bytes\":\(bytes),\"rounds\":\(rounds),"
                        + "\"median_seconds\":\(String(format: "%.6f", median)),"
                        + "\"docs_per_second\":\(String(format: "%.1f", rate)),"
                        + "\"mb_per_second\":\(String(format: "%.2f", megabytes)),\"check\":\"\(check)\"}")
            }
            if let dump {
                var out = ""
                for document in documents {
                    let fingerprint = fingerprinter.fingerprint(document, scratch: &scratch)
                    out += line(fingerprint)
                }
                try out.write(toFile: dump, atomically: true, encoding: .utf8)
            }
        }

        private func line(_ fingerprint: Fingerprint) -> String {
            var line = "\(fingerprint.tokenCount) \(fingerprint.shingleCount) \(hex(fingerprint.contentHash, 16)) "
            line += fingerprint.signature.isEmpty ? "1" : "0"
            line += " " + fingerprint.signature.values.map { hex(UInt64($0), 8) }.joined(separator: ",")
            line += " |"
            for figure in fingerprint.figures { line += " " + hex(figure, 16) }
            return line + "\n"
        }

        private func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
    }
}

/// Fingerprints every document; kept out of line so that profiles and callgrind can single it out.
@inline(never)
func fingerprintAll(_ documents: [String], fingerprinter: Fingerprinter, scratch: inout FingerprintScratch) -> UInt64 {
    var check: UInt64 = 0
    for (index, document) in documents.enumerated() {
        let fingerprint = fingerprinter.fingerprint(document, scratch: &scratch)
        check ^=
            UInt64(fingerprint.signature.values[index % fingerprint.signature.values.count])
            ^ fingerprint.contentHash
    }
    return check
}

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
