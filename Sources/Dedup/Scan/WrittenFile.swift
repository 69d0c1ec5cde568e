import CXXHash
import Foundation

/// An output file written from start to end, whose written bytes go to disk while the rest is being made and then
/// leave the page cache.
///
/// The scan's files are flushed before they are renamed into place; at a million documents that is gigabytes, and
/// flushing them only then left the scan waiting seconds for the disk at its very end. So each write starts its
/// bytes' write-out at once (without waiting), and once two ``window``s are pending, the bytes more than a window
/// behind the end are waited for and advised out of the page cache. The file then holds at most about two windows of
/// the page cache, whose pages the next writes reuse. At a million documents the outputs are 4.5 GB; on a virtual
/// machine that hands freed memory back to its host, filling 4.5 GB of fresh page cache cost the writing thread
/// about 16 s in the kernel (first touches of memory the host took back), against about 2.5 s this way (see
/// Benchmarks/BENCHMARKS.md, "Output files through a small page cache").
///
/// On Linux only; elsewhere, and on file systems without these calls, the writes are plain writes.
struct WrittenFile {
    /// Where settled ranges end: a multiple of the largest page-cache block (2 MB), so that none straddles a
    /// range's end and stays.
    static let alignment = 2 << 20

    let handle: FileHandle
    /// The path to name in errors.
    let path: String
    /// How far behind the end written bytes are settled once two windows are pending.
    let window: Int
    /// Bytes written.
    private(set) var offset = 0
    /// Bytes before this were waited for and advised out of the page cache (where the system supports it).
    private(set) var settled = 0

    init(handle: FileHandle, path: String, window: Int = 32 << 20) {
        self.handle = handle
        self.path = path
        self.window = window
    }

    /// Appends `bytes`.
    /// - Throws: ``FileError`` if the bytes cannot be written, or an earlier range could not be written out.
    mutating func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try handle.write(contentsOf: bytes)
        let descriptor = handle.fileDescriptor
        // Starting write-out only schedules it: an error shows when the range is waited for.
        _ = dedup_write_out(descriptor, Int64(offset), Int64(bytes.count), 0)
        offset += bytes.count
        guard offset - settled >= 2 * window else { return }
        let end = (offset - window) & ~(Self.alignment - 1)
        guard end > settled else { return }
        let status = dedup_write_out(descriptor, Int64(settled), Int64(end - settled), 1)
        // The wait reports a write error once (the final fsync would not see it again); a file system without
        // the call is not an error.
        if status < 0, ![ENOSYS, EINVAL, ESPIPE, EOPNOTSUPP].contains(-status) {
            throw FileError(path: path, operation: "write", code: -status)
        }
        #if os(Linux)
            // Clean pages now: advising that they are not needed frees them.
            _ = posix_fadvise(descriptor, off_t(settled), off_t(end - settled), POSIX_FADV_DONTNEED)
        #endif
        settled = end
    }
}
