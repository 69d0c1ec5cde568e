/// English number words that news text uses for figures ("six ships", "two billion"), read as digits so that
/// "six" and "6" are the same figure.
///
/// Looked up for almost every token, so the lookup packs the token's bytes into one integer and switches on it:
/// no string is built, no table is loaded and nothing is hashed unless the token is a number word.
enum NumberWords {
    /// The digits of a normalized (lowercase) number word, or nil.
    @inline(__always)
    static func digits(of token: UnsafeRawBufferPointer) -> StaticString? {
        let count = token.count
        guard count >= 3 && count <= 9, let first = token.first, mayStart(length: count, with: first) else {
            return nil
        }
        return digits(packing: token)
    }

    /// Whether a number word of `length` letters starts with `byte`: rejects most tokens on their first byte.
    @inline(__always)
    private static func mayStart(length: Int, with byte: UInt8) -> Bool {
        let letter = byte &- UInt8(ascii: "a")
        guard letter < 26 else { return false }
        // Bit i: some number word of this length starts with the i-th letter of the alphabet.
        let initials: UInt32
        switch length {
        case 3: initials = 1 << 14 | 1 << 19 | 1 << 18  // one, two ten, six
        case 4: initials = 1 << 25 | 1 << 5 | 1 << 13  // zero, four five, nine
        case 5: initials = 1 << 19 | 1 << 18 | 1 << 4 | 1 << 5  // three, seven sixty, eight, forty fifty
        case 6: initials = 1 << 4 | 1 << 19 | 1 << 13  // eleven eighty, twelve twenty thirty, ninety
        case 7: initials = 1 << 5 | 1 << 18 | 1 << 7  // fifteen, sixteen seventy, hundred
        case 8: initials = 1 << 19 | 1 << 5 | 1 << 4 | 1 << 13  // thirteen, fourteen, eighteen, nineteen
        default: initials = 1 << 18  // seventeen
        }
        return initials & (1 << UInt32(letter)) != 0
    }

    private static func digits(packing token: UnsafeRawBufferPointer) -> StaticString? {
        let count = token.count
        // Up to 8 bytes, the first in the lowest byte; tokens hold no zero byte, so the value also fixes the length.
        var packed: UInt64 = 0
        for index in 0..<min(count, 8) {
            packed |= UInt64(token[index]) << UInt64(index &* 8)
        }
        if count == 9 {
            return packed == 0x6565_746E_6576_6573 && token[8] == UInt8(ascii: "n") ? "17" : nil  // seventeen
        }
        switch packed {
        case 0x0000_0000_6F72_657A: return "0"  // zero
        case 0x0000_0000_0065_6E6F: return "1"  // one
        case 0x0000_0000_006F_7774: return "2"  // two
        case 0x0000_0065_6572_6874: return "3"  // three
        case 0x0000_0000_7275_6F66: return "4"  // four
        case 0x0000_0000_6576_6966: return "5"  // five
        case 0x0000_0000_0078_6973: return "6"  // six
        case 0x0000_006E_6576_6573: return "7"  // seven
        case 0x0000_0074_6867_6965: return "8"  // eight
        case 0x0000_0000_656E_696E: return "9"  // nine
        case 0x0000_0000_006E_6574: return "10"  // ten
        case 0x0000_6E65_7665_6C65: return "11"  // eleven
        case 0x0000_6576_6C65_7774: return "12"  // twelve
        case 0x6E65_6574_7269_6874: return "13"  // thirteen
        case 0x6E65_6574_7275_6F66: return "14"  // fourteen
        case 0x006E_6565_7466_6966: return "15"  // fifteen
        case 0x006E_6565_7478_6973: return "16"  // sixteen
        case 0x6E65_6574_6867_6965: return "18"  // eighteen
        case 0x6E65_6574_656E_696E: return "19"  // nineteen
        case 0x0000_7974_6E65_7774: return "20"  // twenty
        case 0x0000_7974_7269_6874: return "30"  // thirty
        case 0x0000_0079_7472_6F66: return "40"  // forty
        case 0x0000_0079_7466_6966: return "50"  // fifty
        case 0x0000_0079_7478_6973: return "60"  // sixty
        case 0x0079_746E_6576_6573: return "70"  // seventy
        case 0x0000_7974_6867_6965: return "80"  // eighty
        case 0x0000_7974_656E_696E: return "90"  // ninety
        case 0x0064_6572_646E_7568: return "100"  // hundred
        default: return nil
        }
    }
}
