import Foundation

/// Reads a file line by line in large chunks, without holding the whole file in memory.
///
/// Lines end at "\n"; a trailing "\r" is removed; a last line without "\n" is still returned.
public struct LineReader: Sequence {
    private let handle: FileHandle

    /// A reader of the file at `path`.
    /// - Throws: if the file cannot be opened.
    public init(path: String) throws(FileError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileError(path: path, operation: "open", code: errno)
        }
        self.handle = handle
    }

    /// A reader of an open file handle (standard input, for example).
    public init(handle: FileHandle) {
        self.handle = handle
    }

    public func makeIterator() -> Iterator { Iterator(handle: handle) }

    /// Yields (1-based line number, line bytes).
    public struct Iterator: IteratorProtocol {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var start = 0
        private var exhausted = false
        private var lineNumber = 0
        private static let chunkSize = 1 << 20

        init(handle: FileHandle) { self.handle = handle }

        public mutating func next() -> (line: Int, bytes: ArraySlice<UInt8>)? {
            while true {
                if let newline = buffer[start...].firstIndex(of: 0x0A) {
                    var end = newline
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    let line = buffer[start..<end]
                    start = newline + 1
                    lineNumber += 1
                    return (lineNumber, line)
                }
                if exhausted {
                    guard start < buffer.count else { return nil }
                    var end = buffer.count
                    if buffer[end - 1] == 0x0D { end -= 1 }
                    let line = buffer[start..<end]
                    start = buffer.count
                    lineNumber += 1
                    return (lineNumber, line)
                }
                let chunk = (try? handle.read(upToCount: Self.chunkSize)) ?? nil
                if start > 0 {
                    buffer.removeFirst(start)
                    start = 0
                }
                if let chunk, !chunk.isEmpty {
                    buffer.append(contentsOf: chunk)
                } else {
                    exhausted = true
                }
            }
        }
    }
}

/// A file that could not be opened, read or written, with its path and the system's reason.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// What was being done: "open", "read", "write", "rename".
    public var operation: String
    /// The `errno` value (0 when ``reason`` says what went wrong).
    public var code: Int32
    /// What went wrong, when it is not a system error (a corrupt gzip stream, for example).
    public var reason: String?

    /// An error for `path` with the system's error `code`.
    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// An error for `path` that is not a system error.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.code = 0
        self.reason = reason
    }

    public var description: String {
        "cannot \(operation) '\(path)': \(reason ?? String(cString: strerror(code)))"
    }
}
