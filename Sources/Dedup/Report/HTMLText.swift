/// Building an HTML page as text: every piece of data goes through ``escape(_:)``, markup is appended as written.
struct HTMLText {
    private(set) var text = ""

    /// Appends markup written by the report itself (never data).
    mutating func markup(_ markup: String) {
        text += markup
    }

    /// Appends data, escaped for element content and attribute values alike.
    mutating func data(_ value: some StringProtocol) {
        text += Self.escape(value)
    }

    /// Appends `<tag attributes>escaped content</tag>`.
    mutating func element(_ tag: String, _ attributes: String = "", _ content: some StringProtocol) {
        text += "<\(tag)\(attributes.isEmpty ? "" : " " + attributes)>"
        data(content)
        text += "</\(tag)>"
    }

    /// `value` with `& < > " '` replaced by character references, so it can stand in element content and in
    /// quoted attribute values. Other characters are left as they are (the page is UTF-8).
    static func escape(_ value: some StringProtocol) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\0": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// `count` grouped, then the noun, plural unless the count is 1: (1, "line") → "1 line", (2, "copy", "copies")
    /// → "2 copies".
    static func counted(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(grouped(count)) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// `value` with thousands separated by commas: 12345 → "12,345".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }
}
