import Foundation

/// The inputs of a scan: JSONL files (plain or gzip-compressed), directories of `.txt` files and standard input, in
/// the order given; read as many times as the scan needs.
///
/// ```swift
/// let inputs = try CorpusInput(paths: ["monday.jsonl", "tuesday.jsonl.gz", "scraped/", "-"])
/// try inputs.forEachRecord { record in print(record.file, record.line) }
/// ```
///
/// - A path ending in `.gz`, or a file starting with the gzip magic bytes, is gzip-compressed JSONL, inflated as
///   it is read (several members one after the other are one stream).
/// - A directory holds one document per `.txt` file, found recursively and read in byte order of their paths: the
///   id is the path relative to the directory, the source the first folder of that path (none for a file at the
///   top), the text the file's content (which must be UTF-8).
/// - `-` is standard input (JSONL). It cannot be read twice, so its first reading copies it to an unlinked
///   temporary file that later readings read; the system frees that file when the input is released or the process
///   ends, however it ends.
///
/// Every record gets a position: 1, 2, … through all the inputs in order, the same on every reading.
public struct CorpusInput: Sendable {
    /// What an input is.
    public enum Kind: Sendable, Hashable {
        /// A JSONL file.
        case jsonl
        /// A gzip-compressed JSONL file.
        case gzipJSONL
        /// A directory of `.txt` files: their paths relative to it, in byte order.
        case textDirectory(files: [String])
        /// Standard input (JSONL).
        case standardInput
    }

    /// One input.
    public struct Source: Sendable, Hashable {
        /// The path as given (`-` for standard input).
        public var path: String
        /// What it is.
        public var kind: Kind
        /// Its size in bytes (compressed size for gzip; the sum of the files for a directory); nil for standard input.
        public var size: Int?
    }

    /// The inputs, in order.
    public let sources: [Source]
    private let spool: StandardInputSpool?

    /// The inputs at `paths` (`-` for standard input, at most once).
    /// - Throws: ``FileError`` if a path does not exist or cannot be read, or `-` is given twice.
    public init(paths: [String]) throws(FileError) {
        var sources: [Source] = []
        var spool: StandardInputSpool?
        for path in paths {
            if path == "-" {
                guard spool == nil else {
                    throw FileError(path: "-", operation: "read", reason: "standard input can be given only once")
                }
                spool = try StandardInputSpool()
                sources.append(Source(path: path, kind: .standardInput, size: nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw FileError(path: path, operation: "open", code: ENOENT)
            }
            if isDirectory.boolValue {
                let (files, size) = try Self.textFiles(in: path)
                sources.append(Source(path: path, kind: .textDirectory(files: files), size: size))
            } else {
                let size = try Self.size(of: path)
                var kind = Kind.jsonl
                if path.hasSuffix(".gz") {
                    kind = .gzipJSONL
                } else if try Self.startsWithGzipMagic(path) {
                    kind = .gzipJSONL
                }
                sources.append(Source(path: path, kind: kind, size: size))
            }
        }
        self.sources = sources
        self.spool = spool
    }

    /// Standard input, spooled from the descriptor `input` (a pipe in tests).
    init(standardInput input: Int32) throws(FileError) {
        sources = [Source(path: "-", kind: .standardInput, size: nil)]
        spool = try StandardInputSpool(input: input)
    }

    /// The inputs as people name them: the paths joined with ", ".
    public var description: String { sources.map(\.path).joined(separator: ", ") }

    /// The bytes a reading consumes (compressed bytes for gzip), when known: nil while standard input has not been
    /// read to its end.
    public var totalBytes: Int? {
        var total = 0
        for source in sources {
            if source.kind == .standardInput {
                guard let size = spool?.totalBytes else { return nil }
                total += size
            } else {
                total += source.size ?? 0
            }
        }
        return total
    }

    /// Reads every input in order and calls `body` with each record: a JSONL line or a `.txt` file.
    ///
    /// - Parameters:
    ///   - maximumTextBytes: a `.txt` file larger than this, or a JSONL line longer than twice this plus 1 MiB
    ///     (room for JSON escapes and the other fields), is not read into memory: it comes as
    ///     ``CorpusRecord/Content-swift.enum/tooLarge(bytes:)``.
    ///   - body: called on the calling thread, in order.
    /// - Throws: ``FileError`` if an input cannot be read (or is corrupt gzip), or what `body` throws.
    public func forEachRecord(
        maximumTextBytes: Int = .max, _ body: (CorpusRecord) throws -> Void
    ) throws {
        let maximumRecordBytes = maximumTextBytes
        let maximumLineBytes =
            maximumTextBytes >= (Int.max - (1 << 20)) / 2 ? Int.max : 2 * maximumTextBytes + (1 << 20)
        var position = 0
        var consumedBefore = 0
        for (index, source) in sources.enumerated() {
            switch source.kind {
            case .jsonl, .gzipJSONL, .standardInput:
                let bytes: any ByteSource =
                    switch source.kind {
                    case .gzipJSONL: try GzipByteSource(path: source.path)
                    case .standardInput: SpoolByteSource(spool: spool!)
                    default: try FileByteSource(path: source.path)
                    }
                let splitter = LineSplitter(source: bytes, maximumLineBytes: maximumLineBytes)
                var line = 0
                while let piece = try splitter.next() {
                    line += 1
                    position += 1
                    let content: CorpusRecord.Content
                    var terminated = true
                    switch piece {
                    case .line(let bytes, let ended):
                        content = .jsonLine(bytes)
                        terminated = ended
                    case .oversized(let length):
                        content = .tooLarge(bytes: length)
                    }
                    try body(
                        CorpusRecord(
                            input: index, file: source.path, line: line, position: position, content: content,
                            isTerminated: terminated, bytesConsumed: consumedBefore + splitter.consumed))
                }
                consumedBefore += splitter.consumed
            case .textDirectory(let files):
                for relative in files {
                    position += 1
                    let path = (source.path as NSString).appendingPathComponent(relative)
                    let size = try Self.size(of: path)
                    let content: CorpusRecord.Content
                    if size > maximumRecordBytes {
                        content = .tooLarge(bytes: size)
                    } else {
                        let bytes = try FileByteSource(path: path).readAll(sizeHint: size)
                        content = .textFile(id: relative, source: Self.firstFolder(of: relative), bytes: bytes[...])
                    }
                    consumedBefore += size
                    try body(
                        CorpusRecord(
                            input: index, file: path, line: 1, position: position, content: content,
                            isTerminated: true, bytesConsumed: consumedBefore))
                }
            }
        }
    }

    /// The first folder of a relative path; nil for a file at the top.
    static func firstFolder(of relative: String) -> String? {
        guard let slash = relative.firstIndex(of: "/") else { return nil }
        return String(relative[..<slash])
    }

    /// The `.txt` files under `directory`, relative to it, in byte order; and their total size.
    private static func textFiles(in directory: String) throws(FileError) -> ([String], Int) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw FileError(path: directory, operation: "list", code: errno == 0 ? EACCES : errno)
        }
        var files: [String] = []
        var total = 0
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".txt"),
                enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular
            else { continue }
            files.append(relative)
            total += (enumerator.fileAttributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return (files, total)
    }

    private static func size(of path: String) throws(FileError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(path: path, operation: "open", code: errno) }
        return Int(info.st_size)
    }

    private static func startsWithGzipMagic(_ path: String) throws(FileError) -> Bool {
        let file = try FileByteSource(path: path)
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: 2, alignment: 2)
        defer { head.deallocate() }
        let count = try file.read(into: head)
        return count == 2 && head[0] == 0x1F && head[1] == 0x8B
    }
}

/// One record of a ``CorpusInput``: a JSONL line or a `.txt` file, with its place.
public struct CorpusRecord: Sendable {
    /// What the record holds.
    public enum Content: Sendable {
        /// A JSONL line (without its line end).
        case jsonLine(ArraySlice<UInt8>)
        /// A `.txt` file: its id (the path relative to the directory), its source (first folder) and its bytes.
        case textFile(id: String, source: String?, bytes: ArraySlice<UInt8>)
        /// A line or file longer than the reading's limit, not read into memory.
        case tooLarge(bytes: Int)
    }

    /// The index of its input in ``CorpusInput/sources``.
    public var input: Int
    /// The file, for messages: the input's path (`-` for standard input), or the `.txt` file's path.
    public var file: String
    /// The 1-based line in ``file`` (1 for a `.txt` file).
    public var line: Int
    /// The 1-based position among all the records of all the inputs.
    public var position: Int
    /// What it holds.
    public var content: Content
    /// False for a last line that no line feed ends (the file may have been cut short).
    public var isTerminated: Bool
    /// Raw bytes consumed from the inputs so far in this reading, for progress.
    public var bytesConsumed: Int
}
