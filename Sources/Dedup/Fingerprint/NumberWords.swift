/// English number words that news text uses for figures ("six ships", "two billion"), read as digits so that
/// "six" and "6" are the same figure.
enum NumberWords {
    private static let values: [String: String] = [
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
        "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
        "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
        "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
        "ninety": "90", "hundred": "100",
    ]

    /// The digits of a normalized (lowercase) number word, or nil.
    static func value(of token: UnsafeRawBufferPointer) -> String? {
        values[String(decoding: token, as: UTF8.self)]
    }
}
