import Foundation
import Testing

@testable import Dedup

/// The write pass's files go to disk as they are written and leave the page cache once there: every byte is in the
/// file in order, the bytes more than a window behind the end are settled, and (on Linux, on a file system with a
/// page cache) the settled range's pages are no longer resident.
@Suite("Scan output: files written through a window")
struct ScanOutputWrittenFileTests {
    /// An empty file `out.bin` in `directory`, and its path.
    static func emptyFile(in directory: ScanTestDirectory) throws -> String {
        try directory.write([UInt8](), to: "out.bin")
    }

    /// A small window (one of the 2 MB blocks settled ranges end at), so that the tests write a few megabytes.
    static let window = WrittenFile.alignment

    /// Chunks of lengths that do not divide the window, each filled from its own position in the file.
    static func chunks(total: Int) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var offset = 0
        var length = 100_003
        while offset < total {
            let count = min(length, total - offset)
            chunks.append((offset..<(offset + count)).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) })
            offset += count
            length = length == 100_003 ? 333_331 : 100_003
        }
        return chunks
    }

    @Test("every byte is written in order, and all but the last one or two windows are settled")
    func bytesAndSettling() throws {
        let directory = try ScanTestDirectory()
        let path = try Self.emptyFile(in: directory)
        let window = Self.window
        let chunks = Self.chunks(total: 5 * window + 12_345)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var file = WrittenFile(handle: handle, path: path, window: window)
        var written = 0
        for chunk in chunks {
            try file.write(chunk)
            try file.write([])
            written += chunk.count
            #expect(file.offset == written)
            // Settled at most a window behind the end, at a block's end, and never more than two windows behind.
            #expect(file.settled <= max(0, written - window))
            #expect(file.settled % WrittenFile.alignment == 0)
            #expect(written - file.settled < 2 * window)
        }
        #expect(file.settled >= 3 * window)
        try handle.synchronize()
        try handle.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count == written)
        #expect(bytes.elementsEqual(chunks.joined()))
    }

    @Test("a file without write-out (a device) is written without error")
    func deviceWithoutWriteOut() throws {
        // /dev/null is not a regular file: the system refuses to write its ranges out (ESPIPE on Linux).
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/null"))
        defer { try? handle.close() }
        let window = Self.window
        var file = WrittenFile(handle: handle, path: "/dev/null", window: window)
        let chunk = [UInt8](repeating: 0x2A, count: window / 2 + 1)
        for _ in 0..<8 { try file.write(chunk) }
        #expect(file.offset == 8 * chunk.count)
        #expect(file.settled >= 2 * window)
    }

    #if os(Linux)
        /// The type of the file system holding the temporary directory, from /proc/mounts (device, mount point,
        /// type, …; the longest mount point holding the directory is its own; spaces in it are written `\040`).
        static let temporaryFileSystem: String? = {
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
            guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return nil }
            var best: (point: String, type: String)?
            for line in mounts.split(separator: "\n") {
                let fields = line.split(separator: " ").map(String.init)
                guard fields.count > 2 else { continue }
                let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
                let holds = point == "/" || directory == point || directory.hasPrefix(point + "/")
                if holds && point.count >= (best?.point.count ?? -1) { best = (point, fields[2]) }
            }
            return best?.type
        }()

        /// File systems where the calls are known to drop written pages (tmpfs keeps every file in memory, and an
        /// overlay's own mapping holds no pages to write out).
        static let dropsWrittenPages = ["ext4", "xfs", "btrfs"].contains(temporaryFileSystem ?? "")

        @Test(
            "the settled range's pages leave the page cache (Linux, on ext4, xfs or btrfs)",
            .enabled(if: dropsWrittenPages))
        func settledPagesLeave() throws {
            let directory = try ScanTestDirectory()
            let path = try Self.emptyFile(in: directory)
            let window = Self.window
            let handle = try #require(FileHandle(forWritingAtPath: path))
            defer { try? handle.close() }
            var file = WrittenFile(handle: handle, path: path, window: window)
            for chunk in Self.chunks(total: 4 * window) { try file.write(chunk) }
            let settled = file.settled
            #expect(settled >= window)
            try handle.synchronize()

            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            // The writer's descriptor is write-only; mapping needs one that reads.
            let reader = open(path, O_RDONLY)
            try #require(reader >= 0)
            defer { close(reader) }
            let mapped = mmap(nil, file.offset, PROT_READ, MAP_SHARED, reader, 0)
            try #require(mapped != MAP_FAILED)
            defer { munmap(mapped, file.offset) }
            var resident = [UInt8](repeating: 0, count: (file.offset + page - 1) / page)
            #expect(mincore(mapped, file.offset, &resident) == 0)
            let settledPages = settled / page
            let stillResident = resident[..<settledPages].filter { $0 & 1 != 0 }.count
            #expect(stillResident == 0, "\(stillResident) of \(settledPages) settled pages still resident")
        }
    #endif
}
