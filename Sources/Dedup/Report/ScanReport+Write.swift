import Foundation

extension ScanReport {
    /// Writes ``html()`` to `path`: first to a temporary file in the same directory (created if missing), then
    /// renamed into place, so that a reader never sees half a page and a failed write leaves the old one.
    /// - Throws: ``FileError`` if the file cannot be created or renamed, or the system's error if writing fails.
    public func write(to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let name = (path as NSString).lastPathComponent
        let temporary = ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(
            ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw FileError(path: temporary, operation: "create", code: errno)
        }
        do {
            try handle.write(contentsOf: Data(html().utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw FileError(path: path, operation: "write", code: code)
        }
    }
}
