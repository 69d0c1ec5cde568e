import Foundation

/// Output files that batches write into at their own place, from the threads that made them, in any order.
///
/// A scan's `clean.jsonl` and `boilerplate.jsonl` are gigabytes at a million documents. Written by the one thread
/// that also reads the input, copying them into the system's cache kept that thread busy while the map threads
/// waited: the write pass ran on one core. Here each batch, once its bytes are made, takes the next place in every
/// file (places are given in record order: a batch waits until the batches before it have theirs, which only needs
/// their bytes made, not written) and writes its bytes there with `pwrite(2)`, so batches write at the same time
/// and the files hold the batches in record order, as appending them in turn would.
final class OrderedBatchFiles: @unchecked Sendable {
    /// One file: its descriptor, and its path for errors.
    struct File {
        let descriptor: Int32
        let path: String
    }

    private let files: [File]
    private let condition = NSCondition()
    /// The position of the first record whose batch has no place yet.
    private var nextPosition: Int
    /// Where the next batch's bytes go, per file.
    private var ends: [Int]

    /// Files written from their start, for batches of the records from position `firstPosition` on.
    init(_ files: [File], firstPosition: Int = 1) {
        self.files = files
        nextPosition = firstPosition
        ends = Array(repeating: 0, count: files.count)
    }

    /// Writes `pieces[i]` into file i at the place after the batches before this one: the batch of the `count`
    /// records from position `firstPosition` (the batches cover consecutive positions, each once). Waits until
    /// every earlier batch has its place. A batch whose output failed still takes its place, with no bytes.
    /// - Throws: ``FileError`` for a file that cannot be written.
    func write(_ pieces: [[UInt8]], firstPosition: Int, count: Int) throws(FileError) {
        precondition(pieces.count == files.count, "one piece per file")
        let offsets = place(sizes: pieces.map(\.count), firstPosition: firstPosition, count: count)
        for (index, piece) in pieces.enumerated() where !piece.isEmpty {
            let file = files[index]
            let failure = piece.withUnsafeBytes { Self.write($0, to: file.descriptor, at: offsets[index]) }
            if failure != 0 { throw FileError(path: file.path, operation: "write", code: failure) }
            #if os(Linux)
                // Advising that the written pages are not needed starts their write-out (dirty pages stay until
                // written, so nothing is lost): the final flush has little left to do, and the output files do not
                // crowd the page cache.
                _ = posix_fadvise(file.descriptor, off_t(offsets[index]), off_t(piece.count), POSIX_FADV_DONTNEED)
            #endif
        }
    }

    /// The bytes written to each file so far, once every batch has written.
    var sizes: [Int] {
        condition.withLock { ends }
    }

    /// Gives the batch of `count` records from `firstPosition` the places of `sizes` bytes, once the batches
    /// before it have theirs.
    private func place(sizes: [Int], firstPosition: Int, count: Int) -> [Int] {
        condition.lock()
        defer { condition.unlock() }
        while nextPosition != firstPosition {
            precondition(nextPosition < firstPosition, "a batch's records were placed twice")
            condition.wait()
        }
        let offsets = ends
        for index in ends.indices { ends[index] += sizes[index] }
        nextPosition = firstPosition + count
        condition.broadcast()
        return offsets
    }

    /// Writes all of `bytes` at `offset`, retrying on interruption and short writes; 0, or the `errno`.
    private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int) -> Int32 {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            done += written
        }
        return 0
    }
}
