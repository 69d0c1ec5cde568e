/// The draws the generator makes, all from one 64-bit output each so that a seed fixes the whole corpus.
extension SplitMix64 {
    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the bias is below 2⁻³² for the bounds used here).
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(((next() >> 32) &* UInt64(UInt32(truncatingIfNeeded: bound))) >> 32)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform number in [0, 1).
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An element of a non-empty array.
    @inline(__always)
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[below(elements.count)]
    }

    /// A fresh seed for an independent stream.
    @inline(__always)
    mutating func split() -> UInt64 {
        SplitMix64.mix(next() ^ 0xA076_1D64_78BD_642F)
    }
}

/// Calendar arithmetic on whole seconds since 1970 (UTC), for publication times and datelines.
struct CivilTime {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// 0 = Monday.
    var weekday: Int

    init(seconds: Int64) {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        hour = rest / 3600
        minute = rest / 60 % 60
        second = rest % 60
        // 1970-01-01 was a Thursday.
        weekday = ((days % 7) + 7 + 3) % 7
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// "2026-03-02T08:15:07Z".
    func appendISO8601(to bytes: inout [UInt8]) {
        appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }
}

/// Appends `value` in decimal, zero-padded to `width` digits.
@inline(__always)
func appendDigits(_ value: Int, width: Int = 1, to bytes: inout [UInt8]) {
    precondition(value >= 0)
    var digits:
        (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
            buffer[count] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        while count < width {
            buffer[count] = 0x30
            count += 1
        }
        for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
}

/// Appends `value` with a comma between thousands ("1,200", "61,000").
func appendGroupedDigits(_ value: Int, to bytes: inout [UInt8]) {
    if value < 1000 {
        appendDigits(value, to: &bytes)
        return
    }
    appendGroupedDigits(value / 1000, to: &bytes)
    bytes.append(UInt8(ascii: ","))
    appendDigits(value % 1000, width: 3, to: &bytes)
}
