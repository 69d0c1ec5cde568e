import Foundation

/// A stream of input bytes read in chunks: a file, a gzip-compressed file, or standard input through its spool.
protocol ByteSource: AnyObject {
    /// Appends up to `maximum` bytes to `buffer`; returns how many, 0 at the end.
    func read(appendingTo buffer: inout [UInt8], maximum: Int) throws(FileError) -> Int
    /// Raw bytes consumed so far (compressed bytes for a gzip file), for progress.
    var consumed: Int { get }
}

extension Array where Element == UInt8 {
    /// Appends the bytes that `fill` writes into `maximum` bytes of new room and returns the count of (a negative
    /// count, an `errno`, appends nothing).
    mutating func append(upTo maximum: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        let old = count
        append(contentsOf: repeatElement(0, count: maximum))
        let written = withUnsafeMutableBytes { all in fill(UnsafeMutableRawBufferPointer(rebasing: all[old...])) }
        removeLast(maximum - Swift.max(0, written))
        return written
    }

    /// Appends up to `maximum` bytes read from `descriptor` (at `offset` when given), retrying on EINTR.
    mutating func append(reading descriptor: Int32, at offset: Int? = nil, upTo maximum: Int) -> Int {
        append(upTo: maximum) { room in
            while true {
                let count =
                    if let offset { pread(descriptor, room.baseAddress, room.count, off_t(offset)) } else {
                        Glibc.read(descriptor, room.baseAddress, room.count)
                    }
                if count >= 0 { return count }
                if errno != EINTR { return -Int(errno) }
            }
        }
    }
}

/// A file read with `read(2)`.
final class FileByteSource: ByteSource {
    let path: String
    private let descriptor: Int32
    private(set) var consumed = 0

    init(path: String) throws(FileError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
    }

    deinit { close(descriptor) }

    func read(appendingTo buffer: inout [UInt8], maximum: Int) throws(FileError) -> Int {
        let count = buffer.append(reading: descriptor, upTo: maximum)
        guard count >= 0 else { throw FileError(path: path, operation: "read", code: Int32(-count)) }
        consumed += count
        return count
    }
}

/// Standard input, copied to an unlinked temporary file as it is first read, so that later passes re-read the copy.
///
/// The temporary file is unlinked as soon as it is created: it has no name, and the system frees it when the
/// descriptor is closed or the process ends, whatever the way (an error, a signal).
final class StandardInputSpool: @unchecked Sendable {
    private let lock = NSLock()
    private let descriptor: Int32
    private let input: Int32
    private var length = 0
    private var complete = false

    /// A spool of standard input (or of `input`, for tests).
    init(input: Int32 = STDIN_FILENO) throws(FileError) {
        self.input = input
        let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("dedup-stdin-XXXXXX")
        var name = Array(template.utf8CString)
        descriptor = mkstemp(&name)
        guard descriptor >= 0 else { throw FileError(path: template, operation: "create", code: errno) }
        unlink(name)
    }

    deinit { close(descriptor) }

    /// The bytes of standard input when all of it has been read; nil before.
    var totalBytes: Int? {
        lock.withLock { complete ? length : nil }
    }

    /// Appends up to `maximum` bytes from `offset`: from the copy when it is there, else from standard input
    /// (and copies them).
    func read(at offset: Int, appendingTo buffer: inout [UInt8], maximum: Int) throws(FileError) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if offset < length {
            let count = buffer.append(reading: descriptor, at: offset, upTo: min(maximum, length - offset))
            guard count >= 0 else { throw FileError(path: "-", operation: "re-read the copy of", code: Int32(-count)) }
            return count
        }
        guard !complete else { return 0 }
        precondition(offset == length, "standard input is read in order")
        let start = buffer.count
        let count = buffer.append(reading: input, upTo: maximum)
        guard count >= 0 else { throw FileError(path: "-", operation: "read", code: Int32(-count)) }
        if count == 0 {
            complete = true
            return 0
        }
        let descriptor = descriptor
        let length = length
        let failure: Int32 = buffer[start..<(start + count)].withUnsafeBytes { bytes in
            var written = 0
            while written < count {
                let result = pwrite(descriptor, bytes.baseAddress! + written, count - written, off_t(length + written))
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return 0
        }
        guard failure == 0 else { throw FileError(path: "-", operation: "copy to a temporary file", code: failure) }
        self.length += count
        return count
    }
}

/// One pass over standard input through its spool.
final class SpoolByteSource: ByteSource {
    private let spool: StandardInputSpool
    private(set) var consumed = 0

    init(spool: StandardInputSpool) { self.spool = spool }

    func read(appendingTo buffer: inout [UInt8], maximum: Int) throws(FileError) -> Int {
        let count = try spool.read(at: consumed, appendingTo: &buffer, maximum: maximum)
        consumed += count
        return count
    }
}

/// Splits a byte stream into lines, holding at most one line (and one read chunk) in memory.
///
/// Lines end at "\n"; a "\r" before it is removed; a last line without "\n" is still returned. A line longer than
/// `maximumLineBytes` is not kept: it is skipped to its end and reported by its length only.
struct LineSplitter {
    enum Piece {
        /// A line, and whether a line feed ended it (false only for a last line).
        case line(ArraySlice<UInt8>, terminated: Bool)
        /// A line longer than the limit, with its length.
        case oversized(Int)
    }

    private let source: any ByteSource
    private let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next line feed resumes (bytes before it hold none).
    private var searched = 0
    private var exhausted = false
    private static let chunkSize = 1 << 20

    init(source: any ByteSource, maximumLineBytes: Int) {
        self.source = source
        self.maximumLineBytes = maximumLineBytes
    }

    /// Raw bytes consumed from the source so far.
    var consumed: Int { source.consumed }

    mutating func next() throws(FileError) -> Piece? {
        var skipped: Int?
        while true {
            let newline = Self.lineFeed(in: buffer, from: searched)
            if let skippedSoFar = skipped {
                if let newline {
                    let length = skippedSoFar + newline - start
                    start = newline + 1
                    searched = start
                    return .oversized(length)
                }
                skipped = skippedSoFar + buffer.count - start
                start = buffer.count
                searched = start
                if exhausted { return .oversized(skipped!) }
            } else if let newline {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                searched = start
                return .line(line, terminated: true)
            } else {
                searched = buffer.count
                if buffer.count - start > maximumLineBytes {
                    skipped = buffer.count - start
                    start = buffer.count
                    searched = start
                } else if exhausted {
                    guard start < buffer.count else { return nil }
                    var end = buffer.count
                    if buffer[end - 1] == 0x0D { end -= 1 }
                    let line = buffer[start..<end]
                    start = buffer.count
                    searched = start
                    return .line(line, terminated: false)
                }
            }
            if exhausted { return nil }
            if start > 0 {
                buffer.removeFirst(start)
                searched -= start
                start = 0
            }
            if try source.read(appendingTo: &buffer, maximum: Self.chunkSize) == 0 { exhausted = true }
        }
    }

    private static func lineFeed(in buffer: [UInt8], from position: Int) -> Int? {
        guard position < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes -> Int? in
            guard let found = memchr(bytes.baseAddress! + position, 0x0A, bytes.count - position) else { return nil }
            return UnsafeRawPointer(found) - bytes.baseAddress!
        }
    }
}
