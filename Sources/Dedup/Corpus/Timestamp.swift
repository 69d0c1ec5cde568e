/// A point in time parsed from ISO 8601, in whole and fractional seconds since 1970-01-01T00:00:00Z.
///
/// Accepted forms: `2026-03-02`, `2026-03-02T08:15`, `2026-03-02T08:15:00`, with optional fractional seconds and
/// an optional `Z` or `±hh:mm` / `±hhmm` offset (no offset means UTC). A space may stand for the `T`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public let secondsSinceEpoch: Double

    /// A timestamp from seconds since the Unix epoch.
    public init(secondsSinceEpoch: Double) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Parses an ISO 8601 date or date-time; nil if `text` is not one.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[position + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += digits
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        guard let year = number(4), skip(UInt8(ascii: "-")), let month = number(2), skip(UInt8(ascii: "-")),
            let day = number(2), (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year)
        else { return nil }
        var seconds = Double(Timestamp.daysFromCivil(year: year, month: month, day: day)) * 86_400
        if position < bytes.count {
            guard skip(UInt8(ascii: "T")) || skip(UInt8(ascii: " ")) || skip(UInt8(ascii: "t")),
                let hour = number(2), hour < 24, skip(UInt8(ascii: ":")), let minute = number(2), minute < 60
            else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if skip(UInt8(ascii: ":")) {
                guard let second = number(2), second <= 60 else { return nil }
                seconds += Double(second)
                if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                    var scale = 0.1
                    var digits = 0
                    while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                        seconds += Double(bytes[position] - 0x30) * scale
                        scale /= 10
                        position += 1
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) {
            } else if position < bytes.count {
                let sign: Double
                if skip(UInt8(ascii: "+")) {
                    sign = 1
                } else if skip(UInt8(ascii: "-")) {
                    sign = -1
                } else {
                    return nil
                }
                guard let offsetHours = number(2), offsetHours < 24 else { return nil }
                _ = skip(UInt8(ascii: ":"))
                guard let offsetMinutes = number(2), offsetMinutes < 60 else { return nil }
                seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
            }
            guard position == bytes.count else { return nil }
        }
        self.secondsSinceEpoch = seconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    public var description: String { "\(secondsSinceEpoch)s" }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Timestamp {
    /// The timestamp in ISO 8601, UTC: `2026-03-02T08:15:00Z`, with milliseconds when it has a fraction of a second.
    public var iso8601: String {
        let milliseconds = (secondsSinceEpoch * 1000).rounded()
        let totalSeconds = Int((milliseconds / 1000).rounded(.down))
        let fraction = Int(milliseconds) - totalSeconds * 1000
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : -((-totalSeconds + 86_399) / 86_400)
        let secondOfDay = totalSeconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 { text += "." + pad(fraction, 3) }
        return text + "Z"
    }

    /// The proleptic Gregorian date of a day number counted from 1970-01-01 (the inverse of the day count the
    /// parser uses).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        // Days are regrouped into 400-year eras starting on March 1st, so that February's length is the era's
        // last day and every other month has a fixed offset.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
