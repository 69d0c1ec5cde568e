import Dispatch
import Foundation

/// Writes a scan's output directory: `matches.jsonl`, `clusters.jsonl`, `clean.jsonl` (the documents that are not
/// copies, with their boilerplate lines removed from the text and every other field as it was), `boilerplate.jsonl`
/// (what was removed from each document, and why), `rejected.jsonl` and `summary.json`.
///
/// Every file is written to a temporary name in the directory, and only when all of them are written are they
/// renamed into place: a failure or a crash never leaves a half-written file under a final name, nor a mix of old
/// and new files, and the temporary files are removed on failure. Apart from the timings in `summary.json` (which
/// ``ScanOptions/includeTimings`` turns off), the same result always gives the same bytes.
public struct ScanOutput: Sendable {
    /// The output directory.
    public let directory: String

    /// Output into `directory` (created if missing).
    public init(directory: String) {
        self.directory = directory
    }

    /// The path of the output file `name`.
    func path(of name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Writes every output file for `result`; `clean.jsonl` is made by reading the input again (records added to
    /// the input since the scan are not written).
    /// - Parameter progress: called on the calling thread as the input is read again.
    /// - Throws: ``FileError`` if the directory or a file cannot be written, or the input cannot be read again
    ///   or changed since the scan; then no output file was replaced.
    public func write(_ result: ScanResult, progress: (ScanProgress) -> Void = { _ in }) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var pending = PendingFiles(directory: directory)
        do {
            try write(result, into: &pending, progress: progress)
            try pending.commit()
        } catch {
            pending.discard()
            throw error
        }
    }

    private func write(
        _ result: ScanResult, into pending: inout PendingFiles, progress: (ScanProgress) -> Void
    ) throws {
        let clock = ContinuousClock()
        let started = clock.now
        let documents = result.documents
        let dedup = result.deduplication
        // With one input the line numbers say where a document is; with several, the file is named too.
        let severalInputs = result.inputs.sources.count > 1

        var matches = JSONWriter()
        for match in dedup.matches {
            let verdict = match.verdict
            matches.beginObject()
            matches.key("id")
            matches.value(documents[match.copy].document.id)
            matches.key("original")
            matches.value(documents[match.original].document.id)
            matches.key("kind")
            matches.value(verdict.kind.rawValue)
            matches.key("cross_source")
            matches.value(verdict.crossSource)
            matches.key("jaccard")
            matches.value(verdict.scores.jaccard)
            matches.key("containment")
            matches.value(verdict.scores.containment)
            matches.key("shorter")
            matches.value(verdict.scores.shorter.rawValue)
            matches.key("containment_of_copy")
            matches.value(verdict.scores.containmentOfCopy)
            matches.key("containment_of_original")
            matches.value(verdict.scores.containmentOfOriginal)
            matches.key("attribution")
            if let attribution = documents[match.copy].document.attribution {
                matches.value(attribution)
            } else {
                matches.null()
            }
            let copyPlace = result.place(of: documents[match.copy].line)
            let originalPlace = result.place(of: documents[match.original].line)
            matches.key("line")
            matches.value(copyPlace.line)
            matches.key("original_line")
            matches.value(originalPlace.line)
            if severalInputs {
                matches.key("file")
                matches.value(copyPlace.file)
                matches.key("original_file")
                matches.value(originalPlace.file)
            }
            matches.endObject()
            matches.newline()
        }
        try pending.write(matches.bytes, name: "matches.jsonl")

        var clusters = JSONWriter()
        for (number, cluster) in dedup.clusters.enumerated() {
            clusters.beginObject()
            clusters.key("cluster")
            clusters.value(number + 1)
            clusters.key("canonical")
            clusters.value(documents[cluster.canonical].document.id)
            clusters.key("members")
            clusters.beginArray()
            for member in cluster.members { clusters.value(documents[member].document.id) }
            clusters.endArray()
            clusters.endObject()
            clusters.newline()
        }
        try pending.write(clusters.bytes, name: "clusters.jsonl")

        var rejected = JSONWriter()
        for error in result.rejected {
            rejected.beginObject()
            rejected.key("file")
            rejected.value(error.file)
            rejected.key("line")
            rejected.value(error.line)
            rejected.key("field")
            if let field = error.field { rejected.value(field) } else { rejected.null() }
            rejected.key("reason")
            rejected.value(error.reason.rawValue)
            rejected.key("message")
            rejected.value(error.message)
            rejected.endObject()
            rejected.newline()
        }
        try pending.write(rejected.bytes, name: "rejected.jsonl")

        // Each record's document, by the record's position (records rejected have none): an array, not a
        // dictionary, as the write pass asks for every record.
        var documentAt = [Int32](repeating: -1, count: result.linesRead + 1)
        for (index, scanned) in documents.enumerated() { documentAt[scanned.line] = Int32(index) }
        let fields = result.options.fields
        let maxTextBytes = result.options.maxTextBytes
        let totalBytes = result.inputs.totalBytes
        let canonicalOf = dedup.canonicalOf
        let documentOf = documentAt
        // Nil for a record the scan rejected, or did not read (an input that grew since).
        @Sendable func documentIndex(_ position: Int) -> Int? {
            guard position < documentOf.count, documentOf[position] >= 0 else { return nil }
            return Int(documentOf[position])
        }
        @Sendable func isKept(_ position: Int) -> Bool {
            guard let index = documentIndex(position) else { return false }
            return canonicalOf[index] == index
        }
        @Sendable func removal(_ position: Int) -> (id: ArticleID, blocks: [RemovedBlock])? {
            guard let index = documentIndex(position), !documents[index].removed.isEmpty else { return nil }
            return (documents[index].document.id, documents[index].removed)
        }
        @Sendable func isKeptAsIs(_ position: Int) -> Bool {
            guard let index = documentIndex(position) else { return false }
            return canonicalOf[index] == index && documents[index].removed.isEmpty
        }
        // boilerplate.jsonl is written alongside clean.jsonl, a batch at a time: it is as long as the corpus has
        // pages with chrome, so it is never held whole in memory. Records are turned into output lines in batches
        // on every thread and joined into the batch's bytes on the batch's own thread, so that the calling thread
        // only reads the input and writes the files.
        let boilerplateHandle = try pending.open(name: "boilerplate.jsonl")
        try pending.write(name: "clean.jsonl") { handle in
            var done = 0
            var cleanFile = WrittenFile(handle: handle, path: path(of: "clean.jsonl"))
            var boilerplateFile = WrittenFile(handle: boilerplateHandle, path: path(of: "boilerplate.jsonl"))
            let threads = result.options.threads
            progress(ScanProgress(phase: .writing, done: 0, totalBytes: totalBytes))
            try BatchPipeline.run(
                result.inputs, batchSize: 2048, maximumTextBytes: maxTextBytes,
                map: { batch in
                    let outputs = ParallelSlots<Result<RecordOutput, FileError>>.map(
                        batch, threads: threads, state: { ArticleDecoder(fields: fields) }
                    ) { record, decoder in
                        let removal = removal(record.position)
                        // A JSONL line with nothing removed is copied as it is when the batch is joined.
                        if case .jsonLine = record.content, removal == nil { return .success(RecordOutput()) }
                        return Result { () throws(FileError) in
                            try Self.output(
                                for: record, kept: isKept(record.position), removal: removal,
                                decoder: decoder, maxTextBytes: maxTextBytes, severalInputs: severalInputs)
                        }
                    }
                    return Result { () throws(FileError) in
                        try BatchOutput(batch: batch, outputs: outputs, keptAsIs: isKeptAsIs)
                    }
                },
                consume: { batch, joined in
                    let lines = try joined.get()
                    try cleanFile.write(lines.clean)
                    try boilerplateFile.write(lines.boilerplate)
                    done += batch.count
                    progress(
                        ScanProgress(
                            phase: .writing, done: done, bytesRead: batch.last?.bytesConsumed ?? 0,
                            totalBytes: totalBytes))
                })
            progress(ScanProgress(phase: .writing, done: done, bytesRead: totalBytes ?? 0, totalBytes: totalBytes))
        }
        try pending.close(boilerplateHandle)
        let written = clock.now
        try pending.write(summary(result, writeSeconds: (written - started).inSeconds), name: "summary.json")
    }

    /// One input record's lines in `clean.jsonl` and `boilerplate.jsonl` (each with its line feed), if any.
    struct RecordOutput {
        var clean: [UInt8]?
        var boilerplate: [UInt8]?
    }

    /// A batch's lines in `clean.jsonl` and `boilerplate.jsonl`, in record order.
    struct BatchOutput {
        var clean: [UInt8] = []
        var boilerplate: [UInt8] = []

        /// Joins the lines of `batch`'s records: a record for which `keptAsIs` is true is its JSONL line as it was
        /// (its output in `outputs` is then not read); every other record's lines are its output's.
        /// - Throws: the error of the first record whose output failed.
        init(
            batch: [CorpusRecord], outputs: [Result<RecordOutput, FileError>], keptAsIs: (_ position: Int) -> Bool
        ) throws(FileError) {
            var cleanBytes = 0
            var boilerplateBytes = 0
            for (record, output) in zip(batch, outputs) {
                if case .jsonLine(let bytes) = record.content, keptAsIs(record.position) {
                    cleanBytes += bytes.count + 1
                } else if case .success(let lines) = output {
                    cleanBytes += lines.clean?.count ?? 0
                    boilerplateBytes += lines.boilerplate?.count ?? 0
                }
            }
            clean.reserveCapacity(cleanBytes)
            boilerplate.reserveCapacity(boilerplateBytes)
            for (record, output) in zip(batch, outputs) {
                if case .jsonLine(let bytes) = record.content, keptAsIs(record.position) {
                    clean.append(contentsOf: bytes)
                    clean.append(0x0A)
                    continue
                }
                let lines = try output.get()
                if let line = lines.clean { clean.append(contentsOf: line) }
                if let line = lines.boilerplate { boilerplate.append(contentsOf: line) }
            }
        }
    }

    /// The output lines of one record: the line as it was when kept with nothing removed; else, for a JSONL line
    /// whose text ``EscapedTextLines`` can cut, the line's bytes cut and copied; else the record decoded again, its
    /// removed blocks listed and its cleaned text spliced into the line.
    /// - Parameter editingBytes: whether the byte path may be taken (tests compare it with decoding).
    static func output(
        for record: CorpusRecord, kept isKept: Bool, removal: (id: ArticleID, blocks: [RemovedBlock])?,
        decoder: ArticleDecoder, maxTextBytes: Int, severalInputs: Bool, editingBytes: Bool = true
    ) throws(FileError) -> RecordOutput {
        var output = RecordOutput()
        if case .jsonLine(let bytes) = record.content, removal == nil {
            if isKept { output.clean = Array(bytes) + [0x0A] }
            return output
        }
        guard isKept || removal != nil else { return output }
        if editingBytes, case .jsonLine(let bytes) = record.content, let removal,
            let edited = bytes.withContiguousStorageIfAvailable({ line in
                EscapedTextLines(record: line, key: Array(decoder.fields.text.utf8)).flatMap {
                    Self.output(
                        line: line, lines: $0, record: record, kept: isKept, removal: removal,
                        severalInputs: severalInputs)
                }
            }) ?? nil
        {
            return edited
        }
        // The record decoded on the first pass, so it decodes now; an input changed underneath is an error.
        guard let article = try? record.article(using: decoder, maximumTextBytes: maxTextBytes) else {
            throw FileError(path: record.file, operation: "re-read", reason: "it changed during the scan")
        }
        var cleaned = article.text
        if let removal {
            let lines = article.text.lineSlices()
            output.boilerplate = Self.boilerplateLine(removal: removal, record: record, severalInputs: severalInputs) {
                writer, block in
                var text = lines[(block.firstLine - 1)..<block.lastLine].joined(separator: "\n")
                if text.hasSuffix("\r") { text.removeLast() }
                writer.value(text)
            }
            let analysis = BoilerplateAnalysis(removed: removal.blocks, content: [], attribution: nil)
            cleaned = analysis.cleanedText(article.text)
        }
        guard isKept else { return output }
        switch record.content {
        case .jsonLine(let bytes):
            guard let edited = JSONLineEditor.replacingString(in: bytes, key: decoder.fields.text, with: cleaned) else {
                throw FileError(path: record.file, operation: "rewrite line \(record.line) of", code: EINVAL)
            }
            output.clean = edited + [0x0A]
        default:
            // A .txt file has no line to edit: its document is written as a JSON object.
            var object = JSONWriter()
            object.beginObject()
            object.key("id")
            object.value(article.id)
            object.key("source")
            if let source = article.source { object.value(source) } else { object.null() }
            object.key("text")
            object.value(cleaned)
            object.endObject()
            object.newline()
            output.clean = object.bytes
        }
        return output
    }

    /// The output lines of a JSONL record with removed blocks, made from its bytes without decoding it (see
    /// ``EscapedTextLines``): the same bytes as decoding, cutting the lines and writing the text again. Nil when a
    /// block is beyond the text's lines.
    private static func output(
        line: UnsafeBufferPointer<UInt8>, lines: EscapedTextLines, record: CorpusRecord, kept isKept: Bool,
        removal: (id: ArticleID, blocks: [RemovedBlock]), severalInputs: Bool
    ) -> RecordOutput? {
        let escapedLineFeed: [UInt8] = [0x5C, 0x6E]
        var isRemoved = [Bool](repeating: false, count: lines.lines.count)
        for block in removal.blocks where block.firstLine <= block.lastLine {
            guard block.firstLine >= 1, block.lastLine <= lines.lines.count else { return nil }
            for number in block.firstLine...block.lastLine { isRemoved[number - 1] = true }
        }
        var output = RecordOutput()
        var quoted: [UInt8] = []
        output.boilerplate = boilerplateLine(removal: removal, record: record, severalInputs: severalInputs) {
            boilerplate, block in
            // The block's lines joined by "\n", less a final carriage return.
            quoted.removeAll(keepingCapacity: true)
            quoted.append(0x22)
            if block.firstLine <= block.lastLine {
                for index in (block.firstLine - 1)..<block.lastLine {
                    if index > block.firstLine - 1 { quoted.append(contentsOf: escapedLineFeed) }
                    quoted.append(contentsOf: UnsafeBufferPointer(rebasing: line[lines.lines[index].range]))
                }
                if lines.lines[block.lastLine - 1].endsWithCarriageReturn { quoted.removeLast(2) }
            }
            quoted.append(0x22)
            boilerplate.raw(quoted)
        }
        guard isKept else { return output }
        // The line with its text's kept lines, joined by "\n", as the text's value.
        var clean: [UInt8] = []
        clean.reserveCapacity(line.count + 1)
        clean.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<lines.valueRange.lowerBound]))
        clean.append(0x22)
        var first = true
        for (index, kept) in lines.lines.enumerated() where !isRemoved[index] {
            if !first { clean.append(contentsOf: escapedLineFeed) }
            first = false
            clean.append(contentsOf: UnsafeBufferPointer(rebasing: line[kept.range]))
        }
        clean.append(0x22)
        clean.append(contentsOf: UnsafeBufferPointer(rebasing: line[lines.valueRange.upperBound...]))
        clean.append(0x0A)
        output.clean = clean
        return output
    }

    /// The `boilerplate.jsonl` line of a record with removed blocks; `writeText` writes each block's text value.
    private static func boilerplateLine(
        removal: (id: ArticleID, blocks: [RemovedBlock]), record: CorpusRecord, severalInputs: Bool,
        writeText: (inout JSONWriter, RemovedBlock) -> Void
    ) -> [UInt8] {
        var boilerplate = JSONWriter()
        boilerplate.beginObject()
        boilerplate.key("id")
        boilerplate.value(removal.id)
        boilerplate.key("line")
        boilerplate.value(record.line)
        if severalInputs {
            boilerplate.key("file")
            boilerplate.value(record.file)
        }
        boilerplate.key("blocks")
        boilerplate.beginArray()
        for block in removal.blocks {
            boilerplate.beginObject()
            boilerplate.key("first_line")
            boilerplate.value(block.firstLine)
            boilerplate.key("last_line")
            boilerplate.value(block.lastLine)
            boilerplate.key("reason")
            boilerplate.value(block.reason.rawValue)
            boilerplate.key("detail")
            boilerplate.value(block.detail)
            boilerplate.key("text")
            writeText(&boilerplate, block)
            boilerplate.endObject()
        }
        boilerplate.endArray()
        boilerplate.endObject()
        boilerplate.newline()
        return boilerplate.bytes
    }

    /// The summary: counts, settings and (optionally) timings.
    func summary(_ result: ScanResult, writeSeconds: Double) -> [UInt8] {
        let dedup = result.deduplication
        var byKind: [CopyKind: Int] = [:]
        var crossSource = 0
        for match in dedup.matches {
            byKind[match.verdict.kind, default: 0] += 1
            if match.verdict.crossSource { crossSource += 1 }
        }
        var byReason: [String: Int] = [:]
        for error in result.rejected { byReason[error.reason.rawValue, default: 0] += 1 }
        let options = result.options
        let lsh = options.effectiveLSH
        var keptPerInput = [Int](repeating: 0, count: result.inputCounts.count)
        var copiesPerInput = keptPerInput
        for (position, scanned) in result.documents.enumerated() {
            let input = result.inputIndex(of: scanned.line)
            if dedup.canonicalOf[position] == position {
                keptPerInput[input] += 1
            } else {
                copiesPerInput[input] += 1
            }
        }

        var json = JSONWriter()
        json.beginObject()
        json.key("input")
        json.value(result.input)
        json.key("read")
        json.value(result.linesRead)
        json.key("inputs")
        json.beginArray()
        for (index, count) in result.inputCounts.enumerated() {
            json.beginObject()
            json.key("input")
            json.value(count.path)
            json.key("read")
            json.value(count.read)
            json.key("kept")
            json.value(keptPerInput[index])
            json.key("copies")
            json.value(copiesPerInput[index])
            json.key("rejected")
            json.value(count.rejected)
            json.endObject()
        }
        json.endArray()
        json.key("documents")
        json.value(result.documents.count)
        json.key("kept")
        json.value(result.kept)
        json.key("copies")
        json.beginObject()
        json.key("total")
        json.value(dedup.matches.count)
        for kind in CopyKind.allCases {
            json.key(kind.rawValue)
            json.value(byKind[kind] ?? 0)
        }
        json.key("cross_source")
        json.value(crossSource)
        json.endObject()
        json.key("clusters")
        json.value(dedup.clusters.count)
        json.key("rejected")
        json.value(result.rejected.count)
        json.key("rejected_by_reason")
        json.beginObject()
        for reason in byReason.keys.sorted() {
            json.key(reason)
            json.value(byReason[reason]!)
        }
        json.endObject()
        // Counted by the reason itself, not its name: millions of blocks at a million documents.
        var removedPerReason: [BoilerplateReason: Int] = [:]
        var documentsWithBoilerplate = 0
        for scanned in result.documents where !scanned.removed.isEmpty {
            documentsWithBoilerplate += 1
            for block in scanned.removed { removedPerReason[block.reason, default: 0] += 1 }
        }
        let removedByReason = Dictionary(uniqueKeysWithValues: removedPerReason.map { ($0.key.rawValue, $0.value) })
        json.key("boilerplate")
        json.beginObject()
        json.key("documents")
        json.value(documentsWithBoilerplate)
        json.key("blocks_by_reason")
        json.beginObject()
        for reason in removedByReason.keys.sorted() {
            json.key(reason)
            json.value(removedByReason[reason]!)
        }
        json.endObject()
        json.key("sites")
        json.value(result.statistics.sites.count)
        json.endObject()
        json.key("candidates_verified")
        json.value(dedup.candidatesVerified)
        json.key("settings")
        json.beginObject()
        json.key("scheme")
        json.value(options.settings.scheme.rawValue)
        json.key("signature_length")
        json.value(options.settings.length)
        json.key("seed")
        json.value(String(options.settings.seed))
        json.key("shingle_size")
        json.value(options.settings.shingleSize)
        json.key("near_duplicate_threshold")
        json.value(options.policy.nearDuplicateThreshold)
        json.key("containment_threshold")
        json.value(options.policy.containmentThreshold)
        json.key("minimum_contained_ratio")
        json.value(options.policy.minimumContainedRatio)
        json.key("template_rule")
        json.value(options.policy.templateRule.isEnabled)
        json.key("boilerplate_removal")
        json.value(options.boilerplate.isEnabled)
        json.key("lsh_bands")
        json.value(lsh.bands)
        json.key("lsh_rows")
        json.value(lsh.rows)
        json.endObject()
        if options.includeTimings {
            json.key("timings")
            json.beginObject()
            var timings = result.timings
            timings["write_seconds"] = writeSeconds
            for name in timings.keys.sorted() {
                json.key(name)
                json.value(timings[name]!, decimals: 3)
            }
            json.endObject()
        }
        json.endObject()
        json.newline()
        return json.bytes
    }

}

/// Output files written under temporary names, renamed into place together once all are written.
private struct PendingFiles {
    let directory: String
    private var written: [(temporary: String, final: String)] = []
    private var open: [FileHandle] = []

    init(directory: String) {
        self.directory = directory
    }

    mutating func write(_ bytes: [UInt8], name: String) throws {
        try write(name: name) { try $0.write(contentsOf: bytes) }
    }

    mutating func write(name: String, _ body: (FileHandle) throws -> Void) throws {
        let handle = try open(name: name)
        try body(handle)
        try close(handle)
    }

    /// Creates the temporary file for `name`; ``close(_:)`` it when written.
    mutating func open(name: String) throws -> FileHandle {
        let final = (directory as NSString).appendingPathComponent(name)
        let temporary = (directory as NSString).appendingPathComponent(
            ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw FileError(path: temporary, operation: "create", code: errno)
        }
        written.append((temporary, final))
        open.append(handle)
        return handle
    }

    /// Flushes and closes a file made by ``open(name:)``.
    mutating func close(_ handle: FileHandle) throws {
        open.removeAll { $0 === handle }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
    }

    /// Renames every file into place.
    func commit() throws {
        for (temporary, final) in written where rename(temporary, final) != 0 {
            throw FileError(path: final, operation: "write", code: errno)
        }
    }

    /// Closes and removes the temporary files that are left.
    func discard() {
        for handle in open { try? handle.close() }
        for (temporary, _) in written { unlink(temporary) }
    }
}
