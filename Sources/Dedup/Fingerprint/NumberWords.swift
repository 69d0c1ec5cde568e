/// English number words that news text uses for figures ("six ships", "two billion"), read as digits so that
/// "six" and "6" are the same figure.
///
/// Looked up for almost every token, so the lookup compares raw bytes against the few words of the token's length:
/// no string is built and nothing is hashed.
enum NumberWords {
    private static let words: [(word: String, digits: String)] = [
        ("zero", "0"), ("one", "1"), ("two", "2"), ("three", "3"), ("four", "4"), ("five", "5"), ("six", "6"),
        ("seven", "7"), ("eight", "8"), ("nine", "9"), ("ten", "10"), ("eleven", "11"), ("twelve", "12"),
        ("thirteen", "13"), ("fourteen", "14"), ("fifteen", "15"), ("sixteen", "16"), ("seventeen", "17"),
        ("eighteen", "18"), ("nineteen", "19"), ("twenty", "20"), ("thirty", "30"), ("forty", "40"), ("fifty", "50"),
        ("sixty", "60"), ("seventy", "70"), ("eighty", "80"), ("ninety", "90"), ("hundred", "100"),
    ]
    private static let maximumLength = 9

    /// For each byte length, the words of that length and their digits.
    private static let byLength: [[(bytes: [UInt8], digits: [UInt8])]] = {
        var table = [[(bytes: [UInt8], digits: [UInt8])]](repeating: [], count: maximumLength + 1)
        for (word, digits) in words {
            table[word.utf8.count].append((Array(word.utf8), Array(digits.utf8)))
        }
        return table
    }()

    /// The digits of a normalized (lowercase) number word, or nil.
    static func digits(of token: UnsafeRawBufferPointer) -> [UInt8]? {
        guard token.count >= 3 && token.count <= maximumLength else { return nil }
        for candidate in byLength[token.count] where candidate.bytes.withUnsafeBytes({ $0.elementsEqual(token) }) {
            return candidate.digits
        }
        return nil
    }
}
