import Dedup
import Foundation
import Testing

/// ``Timestamp``: the ISO 8601 forms it accepts, the ones it refuses, and its order.
@Suite("Timestamp")
struct TimestampTests {
    /// Seconds since the epoch of a UTC calendar date and time, computed by Foundation's calendar.
    static func epochSeconds(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0
    ) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)!.timeIntervalSince1970
    }

    static let valid: [(text: String, seconds: Double)] = [
        ("1970-01-01", 0),
        ("2000-01-01T00:00:00Z", 946_684_800),
        ("2026-03-02", epochSeconds(2026, 3, 2)),
        ("2026-03-02T08:15", epochSeconds(2026, 3, 2, 8, 15)),
        ("2026-03-02T08:15:00", epochSeconds(2026, 3, 2, 8, 15)),
        ("2026-03-02T08:15:42Z", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-02t08:15:42z", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-02 08:15:42", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-02T10:15:42+02:00", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-02T10:15:42+0200", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-02T02:45:42-05:30", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-01T23:15:42-09:00", epochSeconds(2026, 3, 2, 8, 15, 42)),
        ("2026-03-02T08:15+00:00", epochSeconds(2026, 3, 2, 8, 15)),
        ("2026-03-02T08:15:42.250Z", epochSeconds(2026, 3, 2, 8, 15, 42) + 0.25),
        ("2026-03-02T08:15:42,5+01:00", epochSeconds(2026, 3, 2, 7, 15, 42) + 0.5),
        ("2024-02-29", epochSeconds(2024, 2, 29)),
        ("2000-02-29", epochSeconds(2000, 2, 29)),
        ("2026-12-31T23:59:59Z", epochSeconds(2026, 12, 31, 23, 59, 59)),
        ("1969-12-31T23:59:59Z", -1),
    ]

    @Test("ISO 8601 dates and date-times parse to the right instant", arguments: valid)
    func parses(text: String, seconds: Double) throws {
        let timestamp = try #require(Timestamp(iso8601: text))
        #expect(abs(timestamp.secondsSinceEpoch - seconds) < 1e-6)
    }

    static let invalid = [
        "", "garbage", "2026", "2026-03", "2026-3-2", "26-03-02", "2026/03/02", "2026-13-01", "2026-00-10",
        "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-03-00", "2026-03-32", "2026-03-02T",
        "2026-03-02T8:15", "2026-03-02T24:00", "2026-03-02T08:60", "2026-03-02T08:15:61", "2026-03-02T08:15:00.",
        "2026-03-02T08:15:00.Z", "2026-03-02T08:15:00+", "2026-03-02T08:15:00+2:00", "2026-03-02T08:15:00+24:00",
        "2026-03-02T08:15:00+02:60", "2026-03-02T08:15:00 UTC", "2026-03-02T08:15:00Zjunk", "2026-03-02junk",
        " 2026-03-02", "2026-03-02Z08:15", "２０２６-03-02",
    ]

    @Test("anything else is refused", arguments: invalid)
    func refuses(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test("timestamps order by instant, whatever the offset they were written with")
    func ordering() throws {
        let texts = [
            "2026-03-05T21:15:00Z", "2026-03-05", "2026-03-05T23:00:00+02:00", "2026-03-05T15:00:00-08:00",
            "2026-03-05T21:15:00.001Z", "2026-03-04T23:59:59.999Z",
        ]
        let timestamps = try texts.map { try #require(Timestamp(iso8601: $0)) }
        let order = timestamps.indices.sorted { timestamps[$0] < timestamps[$1] }
        #expect(order == [5, 1, 2, 0, 4, 3])
        #expect(Timestamp(iso8601: "2026-03-05T23:00:00+02:00") == Timestamp(iso8601: "2026-03-05T21:00:00Z"))
        #expect(!(timestamps[0] < timestamps[0]))
    }
}
