import Testing

@testable import PerchSQLite

/// Codes of interned texts: stable, found again by bytes or by `String`, whatever the text.
@Suite struct TextDictionaryTests {
    static func code(_ text: String, in dictionary: inout TextDictionary) -> UInt32 {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { dictionary.code(of: $0) }
    }

    @Test func codesAreStableAndDense() {
        var dictionary = TextDictionary()
        let texts = ["/", "/pricing", "pageview", "/", "Signup", "pageview", "/pricing"]
        let codes = texts.map { Self.code($0, in: &dictionary) }
        #expect(codes == [0, 1, 2, 0, 3, 2, 1])
        #expect(dictionary.count == 4)
        for (text, code) in zip(texts, codes) {
            #expect(dictionary[code] == text)
            #expect(dictionary.existingCode(of: text) == code)
        }
    }

    @Test func existingCodeDoesNotAdd() {
        var dictionary = TextDictionary()
        _ = Self.code("pageview", in: &dictionary)
        #expect(dictionary.existingCode(of: "engagement") == nil)
        #expect(dictionary.existingCode(of: "pageviews") == nil)
        #expect(dictionary.existingCode(of: "pagevie") == nil)
        #expect(dictionary.existingCode(of: "") == nil)
        #expect(dictionary.count == 1)
    }

    @Test func emptyText() {
        var dictionary = TextDictionary()
        #expect(dictionary.existingCode(of: "") == nil)
        let empty = Self.code("", in: &dictionary)
        let other = Self.code("a", in: &dictionary)
        #expect(empty != other)
        #expect(Self.code("", in: &dictionary) == empty)
        #expect(dictionary[empty] == "")
        #expect(dictionary.existingCode(of: "") == empty)
    }

    @Test func nonASCII() {
        var dictionary = TextDictionary()
        // "é" precomposed and decomposed are different bytes, so different texts here (as in SQL).
        let texts = ["/checkout/ü", "日本語", "🦜 \"quoted\"", "caf\u{E9}", "cafe\u{301}", "pro\nline"]
        let codes = texts.map { Self.code($0, in: &dictionary) }
        #expect(Set(codes).count == texts.count)
        for (text, code) in zip(texts, codes) {
            #expect(dictionary[code].utf8.elementsEqual(text.utf8))
            #expect(dictionary.existingCode(of: text) == code)
        }
    }

    @Test func manyTexts() {
        var dictionary = TextDictionary()
        let texts = (0..<50_000).map { "/page/\($0)" }
        for (index, text) in texts.enumerated() { #expect(Self.code(text, in: &dictionary) == UInt32(index)) }
        #expect(dictionary.count == texts.count)
        var mismatches = 0
        for (index, text) in texts.enumerated().reversed() {
            if dictionary.existingCode(of: text) != UInt32(index) || dictionary[UInt32(index)] != text {
                mismatches += 1
            }
            if Self.code(text, in: &dictionary) != UInt32(index) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(dictionary.count == texts.count)
    }

    /// Texts a weak hash confuses (permutations, shared prefixes, one byte apart, lengths that
    /// differ only by a trailing NUL) each keep their own code. A true 64-bit FNV-1a collision
    /// cannot be found by search in a test, so the chain walk past a hash match is only reached
    /// for equal texts here.
    @Test func lookalikeTexts() {
        var dictionary = TextDictionary()
        let texts = ["ab", "ba", "abc", "acb", "bac", "a", "b", "a\u{0}", "\u{0}a", "\u{0}", "/x/1", "/x/2", "/x/10"]
        let codes = texts.map { Self.code($0, in: &dictionary) }
        #expect(codes == (0..<UInt32(texts.count)).map { $0 })
        for (text, code) in zip(texts, codes) {
            #expect(Self.code(text, in: &dictionary) == code)
            #expect(dictionary.existingCode(of: text) == code)
        }
    }
}
