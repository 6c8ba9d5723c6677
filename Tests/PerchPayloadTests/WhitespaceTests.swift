import Testing

@testable import PerchPayload

/// `trimmingWhitespace`, `trimmingTrailingWhitespace` and `isBlank` answer most strings from their
/// end bytes. Checked against the scalar-by-scalar definitions (Elixir's `String.trim/1`,
/// `String.trim_trailing/1` and Ecto's blank, over Unicode `White_Space`) on every string of up
/// to three pieces from a set that puts ASCII and non-ASCII whitespace, non-whitespace and
/// multi-byte characters at either end.
@Suite struct WhitespaceTests {
    private static let pieces = [
        "", "a", "/", "~", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}",
        "\u{2003}", "\u{3000}", "\u{200B}", "é", "ü", "日本", "😀", "\u{0301}", "x y", "\u{0600}/",
    ]

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private static func referenceTrim(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isWhitespace($0) })!
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    private static func referenceTrimTrailing(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[...last])
        return String(view)
    }

    private static var strings: [String] {
        var all: [String] = []
        for a in pieces {
            for b in pieces {
                for c in pieces { all.append(a + b + c) }
            }
        }
        return all
    }

    @Test func answersEqualTheScalarDefinitions() {
        var checked = 0
        for text in Self.strings {
            // Compared as scalars: String's == would equate canonically equivalent texts.
            #expect(Array(text.trimmingWhitespace.unicodeScalars) == Array(Self.referenceTrim(text).unicodeScalars))
            #expect(
                Array(text.trimmingTrailingWhitespace.unicodeScalars)
                    == Array(Self.referenceTrimTrailing(text).unicodeScalars))
            #expect(text.isBlank == text.unicodeScalars.allSatisfy(Self.isWhitespace))
            checked += 1
        }
        #expect(checked == Self.pieces.count * Self.pieces.count * Self.pieces.count)
    }
}
