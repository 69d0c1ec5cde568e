import Foundation

/// Normalizes text for display and comparison: NFKC, case folding, unified punctuation, collapsed whitespace.
///
/// The fingerprint path does not build this string (``Tokenizer`` normalizes while it tokenizes); it is here for
/// people and tools that want to see the normalized text, and for tests.
public struct TextNormalizer: Sendable {
    /// A normalizer with the standard settings.
    public init() {}

    /// `text` in NFKC, case-folded, with curly quotes, dashes and the ellipsis unified, and every run of
    /// whitespace collapsed to one space, trimmed at both ends.
    public func normalize(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC: output.append("'")
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: output.append("\"")
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: output.append("-")
            case 0x2026: output.append(contentsOf: "...".unicodeScalars)
            default: output.append(scalar)
            }
        }
        return String(output)
    }
}
