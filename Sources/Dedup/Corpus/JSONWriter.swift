/// Writes JSON with fields in a fixed order and numbers in a fixed format, so that the same results always give
/// the same bytes.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Hands over the bytes written so far and starts empty again (between top-level values, to stream a JSONL
    /// file in pieces).
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
    private var needsComma: [Bool] = []

    /// An empty writer.
    public init() {}

    /// Starts an object (as a value, or as the value of the current key).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    /// Ends the current object.
    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts an array.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Ends the current array.
    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a key; the next value belongs to it.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    public mutating func value(_ string: String) {
        separate()
        appendString(string)
    }

    public mutating func value(_ integer: Int) {
        separate()
        bytes.append(contentsOf: String(integer).utf8)
    }

    public mutating func value(_ bool: Bool) {
        separate()
        bytes.append(contentsOf: (bool ? "true" : "false").utf8)
    }

    /// A number with at most `decimals` decimal places, trailing zeros removed ("0.85", "1", "0.0123").
    public mutating func value(_ number: Double, decimals: Int = 4) {
        separate()
        bytes.append(contentsOf: JSONWriter.format(number, decimals: decimals).utf8)
    }

    public mutating func value(_ id: ArticleID) {
        switch id {
        case .integer(let integer):
            separate()
            bytes.append(contentsOf: String(integer).utf8)
        case .string(let string): value(string)
        }
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Appends raw, already valid JSON.
    public mutating func raw(_ json: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// Appends a newline (between JSONL records).
    public mutating func newline() {
        bytes.append(0x0A)
    }

    /// Formats `number` with at most `decimals` decimal places, without trailing zeros.
    public static func format(_ number: Double, decimals: Int) -> String {
        guard number.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (number * scale).rounded()
        // Beyond what fixed decimals can show in 64 bits, Swift's shortest round-trip form.
        guard abs(scaled) < 9.0e18 else { return String(number) }
        let negative = scaled < 0
        let magnitude = UInt64(abs(scaled))
        let unit = UInt64(scale)
        var text = String(magnitude / unit)
        var fraction = magnitude % unit
        if fraction > 0 && decimals > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: decimals - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
            fraction = 0
        }
        return negative && magnitude > 0 ? "-" + text : text
    }

    private mutating func separate() {
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            bytes.reserveCapacity(bytes.count + utf8.count + 2)
            bytes.append(UInt8(ascii: "\""))
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                // Bytes that need no escape are copied a run at a time.
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(contentsOf: [
                        0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 15)],
                    ])
                }
            }
            if utf8.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
