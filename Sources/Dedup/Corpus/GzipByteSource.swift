import CZlib
import Foundation

/// A gzip-compressed file, inflated as it is read (never whole in memory). Several gzip members one after the
/// other (as `cat a.gz b.gz` makes) are read as one stream, as gzip itself does.
final class GzipByteSource: ByteSource {
    let path: String
    private let file: FileByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputExhausted = false
    /// Whether the last inflated member ended cleanly (so that the end of the file is the end of the data).
    private var atMemberEnd = false
    private var finished = false

    init(path: String) throws(FileError) {
        self.path = path
        file = try FileByteSource(path: path)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: 256 << 10, alignment: 16)
        guard dedup_inflate_init_gzip(stream) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw FileError(path: path, operation: "decompress", reason: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    var consumed: Int { file.consumed - Int(stream.pointee.avail_in) }

    func read(into room: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        while !finished {
            if stream.pointee.avail_in == 0 && !inputExhausted {
                let count = try file.read(into: input)
                if count == 0 { inputExhausted = true }
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_in = UInt32(count)
            }
            if stream.pointee.avail_in == 0 && inputExhausted {
                guard atMemberEnd else { throw corrupt("the file ends in the middle of the compressed data") }
                finished = true
                break
            }
            if atMemberEnd {
                // Another member follows: it must be gzip data too.
                inflateReset(stream)
                atMemberEnd = false
            }
            stream.pointee.next_out = room.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = UInt32(room.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = room.count - Int(stream.pointee.avail_out)
            stream.pointee.next_out = nil
            switch status {
            case Z_STREAM_END:
                atMemberEnd = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw corrupt(message)
            }
            if produced > 0 { return produced }
        }
        return 0
    }

    private func corrupt(_ detail: String) -> FileError {
        FileError(path: path, operation: "decompress", reason: "corrupt or truncated gzip data (\(detail))")
    }
}
