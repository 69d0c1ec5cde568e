import Foundation

/// A stream of input bytes read in chunks: a file, a gzip-compressed file, or standard input through its spool.
protocol ByteSource: AnyObject {
    /// Reads up to `room.count` bytes into `room`; returns how many, 0 at the end.
    func read(into room: UnsafeMutableRawBufferPointer) throws(FileError) -> Int
    /// Raw bytes consumed so far (compressed bytes for a gzip file), for progress.
    var consumed: Int { get }
}

/// `read(2)` (or `pread(2)` at `offset`) retrying on EINTR; a negative result is `-errno`.
func readRetrying(_ descriptor: Int32, into room: UnsafeMutableRawBufferPointer, at offset: Int? = nil) -> Int {
    while true {
        let count =
            if let offset { pread(descriptor, room.baseAddress, room.count, off_t(offset)) } else {
                Glibc.read(descriptor, room.baseAddress, room.count)
            }
        if count >= 0 { return count }
        if errno != EINTR { return -Int(errno) }
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

    func read(into room: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        let count = readRetrying(descriptor, into: room)
        guard count >= 0 else { throw FileError(path: path, operation: "read", code: Int32(-count)) }
        consumed += count
        return count
    }

    /// The rest of the file.
    func readAll(sizeHint: Int) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        let room = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1 << 16, sizeHint + 1), alignment: 16)
        defer { room.deallocate() }
        while true {
            let count = try read(into: room)
            if count == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: room[..<count]))
        }
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

    /// Reads up to `room.count` bytes from `offset`: from the copy when it is there, else from standard input
    /// (and copies them).
    func read(at offset: Int, into room: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if offset < length {
            let wanted = UnsafeMutableRawBufferPointer(rebasing: room[..<min(room.count, length - offset)])
            let count = readRetrying(descriptor, into: wanted, at: offset)
            guard count >= 0 else { throw FileError(path: "-", operation: "re-read the copy of", code: Int32(-count)) }
            return count
        }
        guard !complete else { return 0 }
        precondition(offset == length, "standard input is read in order")
        let count = readRetrying(input, into: room)
        guard count >= 0 else { throw FileError(path: "-", operation: "read", code: Int32(-count)) }
        if count == 0 {
            complete = true
            return 0
        }
        var written = 0
        while written < count {
            let result = pwrite(descriptor, room.baseAddress! + written, count - written, off_t(length + written))
            if result < 0 {
                if errno == EINTR { continue }
                throw FileError(path: "-", operation: "copy to a temporary file", code: errno)
            }
            written += result
        }
        length += count
        return count
    }
}

/// One pass over standard input through its spool.
final class SpoolByteSource: ByteSource {
    private let spool: StandardInputSpool
    private(set) var consumed = 0

    init(spool: StandardInputSpool) { self.spool = spool }

    func read(into room: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        let count = try spool.read(at: consumed, into: room)
        consumed += count
        return count
    }
}

/// Splits a byte stream into lines, holding at most one line (and one read chunk) in memory.
///
/// Lines end at "\n"; a "\r" before it is removed; a last line without "\n" is still returned. A line longer than
/// `maximumLineBytes` is not kept: it is skipped to its end and reported by its length only.
final class LineSplitter {
    enum Piece {
        /// A line, and whether a line feed ended it (false only for a last line).
        case line(ArraySlice<UInt8>, terminated: Bool)
        /// A line longer than the limit, with its length.
        case oversized(Int)
    }

    private let source: any ByteSource
    private let maximumLineBytes: Int
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// The bytes read and not yet returned are `start..<end`.
    private var start = 0
    private var end = 0
    /// Where the search for the next line feed resumes (bytes before it hold none).
    private var searched = 0
    private var exhausted = false
    private static let chunkSize = 1 << 20

    init(source: any ByteSource, maximumLineBytes: Int) {
        self.source = source
        self.maximumLineBytes = maximumLineBytes
        capacity = 2 * Self.chunkSize
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Raw bytes consumed from the source so far.
    var consumed: Int { source.consumed }

    func next() throws(FileError) -> Piece? {
        var skipped: Int?
        while true {
            var newline: Int?
            if searched < end, let found = memchr(storage + searched, 0x0A, end - searched) {
                newline = UnsafeRawPointer(found) - UnsafeRawPointer(storage)
            }
            if let skippedSoFar = skipped {
                if let newline {
                    let length = skippedSoFar + newline - start
                    start = newline + 1
                    searched = start
                    return .oversized(length)
                }
                skipped = skippedSoFar + end - start
                start = end
                searched = end
                if exhausted { return .oversized(skipped!) }
            } else if let newline {
                let line = takeLine(upTo: newline)
                start = newline + 1
                searched = start
                return .line(line, terminated: true)
            } else {
                searched = end
                if end - start > maximumLineBytes {
                    skipped = end - start
                    start = end
                    searched = end
                } else if exhausted {
                    guard start < end else { return nil }
                    let line = takeLine(upTo: end)
                    start = end
                    searched = end
                    return .line(line, terminated: false)
                }
            }
            if exhausted { return nil }
            try refill()
        }
    }

    /// The bytes from `start` to `lineEnd`, without a final "\r".
    private func takeLine(upTo lineEnd: Int) -> ArraySlice<UInt8> {
        var stop = lineEnd
        if stop > start, storage.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
        let count = stop - start
        guard count > 0 else { return [] }
        let source = storage + start
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            memcpy(buffer.baseAddress!, source, count)
            initialized = count
        }[...]
    }

    /// Moves the pending bytes to the front and reads the next chunk after them.
    private func refill() throws(FileError) {
        if start > 0 {
            if end > start { memmove(storage, storage + start, end - start) }
            end -= start
            searched -= start
            start = 0
        }
        if capacity - end < Self.chunkSize {
            let grown = max(capacity * 2, end + Self.chunkSize)
            let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            larger.copyMemory(from: storage, byteCount: end)
            storage.deallocate()
            storage = larger
            capacity = grown
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + end, count: Self.chunkSize))
        if count == 0 { exhausted = true }
        end += count
    }
}
