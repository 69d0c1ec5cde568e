import Testing

@testable import Dedup

/// `lineSlices`: lines split at line feed bytes, as block splitting numbers them.
@Suite("Line slices")
struct LineSlicesTests {
    @Test("empty lines count, a final line without a line feed is a line, \\r kept by default")
    func keepsCarriageReturns() {
        let text = "first\r\n\nthird é\r\nlast"
        #expect(text.lineSlices() == ["first\r", "", "third é\r", "last"])
        #expect("".lineSlices() == [""])
        #expect("a\n".lineSlices() == ["a", ""])
    }

    @Test("droppingCarriageReturns leaves out only a \\r that ends a line")
    func dropsCarriageReturns() {
        let text = "first\r\n\r\nmid\rdle\r\n\rlast\r"
        #expect(text.lineSlices(droppingCarriageReturns: true) == ["first", "", "mid\rdle", "\rlast"])
    }

    @Test("a substring is split the same way, from its own start")
    func substringsAgree() {
        let text = "head\r\nline one\nline two\r\n"
        let substring = text[text.index(after: text.startIndex)...]
        #expect(substring.lineSlices(droppingCarriageReturns: true) == ["ead", "line one", "line two", ""])
        #expect(substring.lineSlices() == ["ead\r", "line one", "line two\r", ""])
    }
}
