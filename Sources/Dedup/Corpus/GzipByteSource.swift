import CZlib
import Foundation

/// A gzip-compressed file, inflated as it is read (never whole in memory). Several gzip members one after the
/// other (as `cat a.gz b.gz` makes) are read as one stream, as gzip itself does.
final class GzipByteSource: ByteSource {
    let path: String
    private let file: FileByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8] = []
    private var inputExhausted = false
    /// Whether the last inflated member ended cleanly (so that the end of the file is the end of the data).
    private var atMemberEnd = false
    private var finished = false
    private static let inputChunk = 256 << 10

    init(path: String) throws(FileError) {
        self.path = path
        file = try FileByteSource(path: path)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard dedup_inflate_init_gzip(stream) == Z_OK else {
            stream.deallocate()
            throw FileError(path: path, operation: "decompress", reason: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    var consumed: Int { file.consumed - Int(stream.pointee.avail_in) }

    func read(appendingTo buffer: inout [UInt8], maximum: Int) throws(FileError) -> Int {
        while !finished {
            if stream.pointee.avail_in == 0 && !inputExhausted {
                input.removeAll(keepingCapacity: true)
                if try file.read(appendingTo: &input, maximum: Self.inputChunk) == 0 { inputExhausted = true }
                stream.pointee.avail_in = UInt32(input.count)
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
            let (status, produced) = inflateSome(appendingTo: &buffer, maximum: maximum)
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

    /// Runs inflate on the pending input into up to `maximum` new bytes of `buffer`.
    private func inflateSome(appendingTo buffer: inout [UInt8], maximum: Int) -> (Int32, Int) {
        let start = input.count - Int(stream.pointee.avail_in)
        var status: Int32 = Z_OK
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: maximum))
        let stream = stream
        input.withUnsafeMutableBufferPointer { source in
            buffer.withUnsafeMutableBufferPointer { target in
                stream.pointee.next_in = source.baseAddress.map { $0 + start }
                stream.pointee.next_out = target.baseAddress! + old
                stream.pointee.avail_out = UInt32(maximum)
                status = inflate(stream, Z_NO_FLUSH)
            }
        }
        let produced = maximum - Int(stream.pointee.avail_out)
        buffer.removeLast(maximum - produced)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        return (status, produced)
    }

    private func corrupt(_ detail: String) -> FileError {
        FileError(path: path, operation: "decompress", reason: "corrupt or truncated gzip data (\(detail))")
    }
}
