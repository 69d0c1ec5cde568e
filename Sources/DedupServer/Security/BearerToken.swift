import Foundation

/// The secret clients present as `Authorization: Bearer <token>`.
public struct BearerToken: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// A token from its text.
    /// - Throws: ``BearerTokenError`` when it is empty or holds whitespace or control characters.
    public init(_ text: String) throws(BearerTokenError) {
        bytes = try Self.validated(text)
    }

    /// Reads the token from the first line of a file (surrounding whitespace and the newline are dropped).
    /// - Throws: ``BearerTokenError`` when the file cannot be read or holds no valid token.
    public init(contentsOfFile path: String) throws(BearerTokenError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BearerTokenError("cannot read the token file '\(path)': \(error.localizedDescription)")
        }
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        do {
            bytes = try Self.validated(firstLine.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw BearerTokenError("token file '\(path)': \(error.message)")
        }
    }

    private static func validated(_ text: String) throws(BearerTokenError) -> [UInt8] {
        guard !text.isEmpty else { throw BearerTokenError("the token is empty") }
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw BearerTokenError("the token must not contain spaces or control characters")
        }
        return Array(text.utf8)
    }

    /// Whether `candidate` is the token, in time that depends only on the lengths, not on where they differ.
    public func matches(_ candidate: some Collection<UInt8>) -> Bool {
        var difference = UInt8(truncatingIfNeeded: bytes.count ^ candidate.count)
        var index = 0
        for byte in candidate {
            difference |= byte ^ bytes[index % bytes.count]
            index += 1
        }
        return difference == 0 && candidate.count == bytes.count
    }

    /// Never the secret itself.
    public var description: String { "BearerToken(\(bytes.count) bytes)" }
}

/// Why a bearer token could not be used.
public struct BearerTokenError: Error, Sendable, CustomStringConvertible {
    /// A sentence for people.
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
