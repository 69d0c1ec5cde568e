import Foundation

/// Writes a synthetic news corpus with labeled copies, for testing and benchmarking the detector.
///
/// Several sites publish original stories under their own chrome (navigation, bylines, datelines, share and
/// subscribe prompts, copyright lines, "Latest News" teaser lists made of their own recent leads); wires publish
/// without chrome. Later documents copy earlier ones (exact reprints, edited reprints, truncated copies, extended
/// updates, syndication to other sites with an attribution line) or are related without copying (template stories
/// with other figures, independent reports of the same event). Each document is a line of JSONL with `id`,
/// `source`, `url`, `title`, `published` and `text`; the truth file labels every related pair and every chrome
/// line (see `Corpus/generator.md`).
///
/// ```swift
/// let generator = try CorpusGenerator(settings: GeneratorSettings(documents: 100_000, seed: 42))
/// let summary = try generator.write(corpus: "corpus.jsonl", truth: "truth.jsonl")
/// print(summary.documents, summary.corpusBytes)
/// ```
///
/// Generation is deterministic (the same settings give the same bytes) and streaming: documents are handed out one
/// at a time and only each site's recent stories are kept, so memory does not grow with the corpus.
public struct CorpusGenerator: Sendable {
    /// The settings.
    public let settings: GeneratorSettings
    let material: GeneratorMaterial

    /// A generator for `settings`.
    /// - Throws: ``GeneratorSettingsError`` if a setting is out of range.
    public init(settings: GeneratorSettings) throws(GeneratorSettingsError) {
        try settings.validate()
        self.settings = settings
        self.material = GeneratorMaterial(settings: settings)
    }

    /// The names of the sites, wires last.
    public var siteNames: [String] { material.sites.map(\.name) }

    /// The names of the wire sites.
    public var wireNames: [String] { material.sites.filter(\.isWire).map(\.name) }

    /// Generates the corpus as values: each document as an ``Article`` (string id), and the truth records (the meta
    /// record first, then each document's pair and boilerplate records right after the document).
    /// - Complexity: O(documents × words per document) time; memory O(sites × recent stories).
    public func generate(documents: (Article) throws -> Void, truth: (TruthRecord) throws -> Void) throws {
        try truth(.meta(settings))
        var engine = GeneratorEngine(settings: settings, material: material)
        var published: [UInt8] = []
        while engine.next() {
            let page = engine.page
            published.removeAll(keepingCapacity: true)
            CivilTime(seconds: page.published).appendISO8601(to: &published)
            let article = Article(
                id: .string(page.id), text: String(decoding: engine.builder.text, as: UTF8.self),
                source: material.sites[page.site].name, url: page.url,
                title: String(decoding: page.title, as: UTF8.self),
                published: Timestamp(secondsSinceEpoch: Double(page.published)))
            try documents(article)
            if let pair = page.pair { try truth(.pair(pair)) }
            for range in engine.builder.chromeRanges() {
                try truth(
                    .boilerplate(
                        TruthBoilerplate(
                            id: page.id, firstLine: range.first, lastLine: range.last, reason: range.reason)))
            }
        }
    }

    /// Generates the corpus as JSONL bytes: `documents` receives each document's line and `truth` each truth line
    /// (both with their final newline). The buffers are reused: copy what you keep.
    /// - Complexity: O(documents × words per document) time; memory O(sites × recent stories).
    public func generateLines(
        documents: (UnsafeRawBufferPointer) throws -> Void, truth: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try generateLines(documents: documents, truth: truth, counted: nil)
    }

    /// ``generateLines(documents:truth:)``, also counting what it writes into `counted`.
    private func generateLines(
        documents: (UnsafeRawBufferPointer) throws -> Void, truth: (UnsafeRawBufferPointer) throws -> Void,
        counted: UnsafeMutablePointer<GenerationSummary>?
    ) throws {
        try TruthRecord.meta(settings).jsonLine.withUnsafeBytes { try truth($0) }
        var engine = GeneratorEngine(settings: settings, material: material)
        var line: [UInt8] = []
        line.reserveCapacity(32_768)
        var truthLines: [UInt8] = []
        let sourceNames = material.sites.map { Array($0.name.utf8) }
        while engine.next() {
            let page = engine.page
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: #"{"id":""#.utf8)
            line.append(contentsOf: page.id.utf8)
            line.append(contentsOf: #"","source":"#.utf8)
            JSONEscaping.appendString(sourceNames[page.site], to: &line)
            line.append(contentsOf: #","url":"#.utf8)
            JSONEscaping.appendString(page.url.utf8, to: &line)
            line.append(contentsOf: #","title":"#.utf8)
            JSONEscaping.appendString(page.title, to: &line)
            line.append(contentsOf: #","published":""#.utf8)
            CivilTime(seconds: page.published).appendISO8601(to: &line)
            line.append(contentsOf: #"","text":"#.utf8)
            JSONEscaping.appendString(engine.builder.text, to: &line)
            line.append(contentsOf: "}\n".utf8)
            try line.withUnsafeBytes { try documents($0) }

            truthLines.removeAll(keepingCapacity: true)
            if let pair = page.pair { truthLines.append(contentsOf: TruthRecord.pair(pair).jsonLine) }
            let ranges = engine.builder.chromeRanges()
            if let counted {
                counted.pointee.documents += 1
                counted.pointee.corpusBytes += line.count
                if let pair = page.pair { counted.pointee.pairs[pair.kind, default: 0] += 1 }
                counted.pointee.boilerplateRanges += ranges.count
            }
            for range in ranges {
                truthLines.append(contentsOf: #"{"type":"boilerplate","id":""#.utf8)
                truthLines.append(contentsOf: page.id.utf8)
                truthLines.append(contentsOf: #"","first_line":"#.utf8)
                appendDigits(range.first, to: &truthLines)
                truthLines.append(contentsOf: #","last_line":"#.utf8)
                appendDigits(range.last, to: &truthLines)
                truthLines.append(contentsOf: #","reason":""#.utf8)
                truthLines.append(contentsOf: range.reason.rawValue.utf8)
                truthLines.append(contentsOf: "\"}\n".utf8)
            }
            if !truthLines.isEmpty { try truthLines.withUnsafeBytes { try truth($0) } }
        }
    }

    /// Writes the corpus to `corpus` and the truth file to `truth`, each under a temporary name renamed into place
    /// when complete. A `corpus` of "-" writes the corpus to standard output.
    /// - Parameter progress: called with the number of documents written, every 4096 documents and at the end.
    /// - Throws: ``FileError`` if a file cannot be created, written or renamed.
    @discardableResult
    public func write(corpus: String, truth: String, progress: ((Int) -> Void)? = nil) throws -> GenerationSummary {
        var corpusFile = try BufferedFile(path: corpus)
        var truthFile: BufferedFile
        do {
            truthFile = try BufferedFile(path: truth)
        } catch {
            corpusFile.discard()
            throw error
        }
        var summary = GenerationSummary()
        do {
            try withUnsafeMutablePointer(to: &summary) { counted in
                try generateLines(
                    documents: { line in
                        try corpusFile.write(line)
                        // `counted` is updated after this call: it is one behind here.
                        if (counted.pointee.documents + 1) % 4096 == 0 { progress?(counted.pointee.documents + 1) }
                    },
                    truth: { line in try truthFile.write(line) }, counted: counted)
            }
            let corpusBytes = try corpusFile.finish()
            summary.truthBytes = try truthFile.finish()
            summary.corpusBytes = corpusBytes
        } catch {
            corpusFile.discard()
            truthFile.discard()
            throw error
        }
        progress?(summary.documents)
        return summary
    }
}

/// What a generation run wrote.
public struct GenerationSummary: Sendable, Hashable {
    /// Documents written.
    public var documents = 0
    /// Bytes of the corpus file.
    public var corpusBytes = 0
    /// Bytes of the truth file.
    public var truthBytes = 0
    /// Labeled pairs by kind.
    public var pairs: [TruthKind: Int] = [:]
    /// Boilerplate ranges written.
    public var boilerplateRanges = 0
}

/// JSON string escaping over bytes, copying runs of plain bytes at once.
enum JSONEscaping {
    static func appendString(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            appendEscaped(buffer, to: &out)
        }
        if done == nil { Array(bytes).withUnsafeBufferPointer { appendEscaped($0, to: &out) } }
        out.append(0x22)
    }

    private static func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        let special = needsEscape
        var runStart = 0
        var index = 0
        while index < count {
            // Eight bytes at a time while none needs escaping (SWAR: a byte below 0x20, a quote or a backslash).
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                let control = (word &- ones &* 0x20) & ~word & high
                let quote = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & high
                let backslash = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & high
                if control | quote | backslash != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let byte = base[index]
            if !special[Int(byte)] {
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            index += 1
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
    }

    private static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
}

/// An output file written through a 1 MiB buffer, under a temporary name until ``finish()`` renames it.
struct BufferedFile {
    private let path: String
    private let temporaryPath: String?
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var written = 0

    init(path: String) throws(FileError) {
        self.path = path
        if path == "-" {
            temporaryPath = nil
            descriptor = 1
        } else {
            let temporary = path + ".partial-\(getpid())"
            temporaryPath = temporary
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw FileError(path: path, operation: "create", code: errno) }
        }
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws(FileError) {
        var failure: Int32 = 0
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let result = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += result
            }
        }
        if failure != 0 { throw FileError(path: path, operation: "write", code: failure) }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place; returns the bytes written.
    mutating func finish() throws(FileError) -> Int {
        try flush()
        guard let temporaryPath else { return written }
        if close(descriptor) != 0 { throw FileError(path: path, operation: "close", code: errno) }
        if rename(temporaryPath, path) != 0 { throw FileError(path: path, operation: "rename", code: errno) }
        return written
    }

    /// Closes and removes the temporary file after a failure.
    func discard() {
        guard let temporaryPath else { return }
        close(descriptor)
        unlink(temporaryPath)
    }
}
