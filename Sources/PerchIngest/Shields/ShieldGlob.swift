/// A page or hostname shield pattern (spec §7.2): `*` and `**` both stand for any run of
/// characters (`/` included), everything else is literal, the whole text must match, and case
/// matters. Plausible compiles this to a regex; a split on the stars matches the same texts
/// without one: the first literal must start the text, the last must end it, and the ones between
/// are found leftmost-first in order (leftmost is always safe, as every gap is unconstrained).
package struct ShieldGlob: Sendable, Hashable {
    /// The literal pieces between star runs, as UTF-8; `pieces.count == 1` means no star.
    private let pieces: [[UInt8]]

    package init(_ pattern: String) {
        var pieces: [[UInt8]] = [[]]
        for byte in pattern.utf8 {
            if byte == UInt8(ascii: "*") {
                if !pieces[pieces.count - 1].isEmpty || pieces.count == 1 { pieces.append([]) }
            } else {
                pieces[pieces.count - 1].append(byte)
            }
        }
        self.pieces = pieces
    }

    package func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches(utf8: $0) }
    }

    package func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = pieces[0]
        guard pieces.count > 1 else { return text.elementsEqual(first) }
        let last = pieces[pieces.count - 1]
        guard text.count >= first.count + last.count,
            text.prefix(first.count).elementsEqual(first),
            text.suffix(last.count).elementsEqual(last)
        else { return false }
        var position = first.count
        let limit = text.count - last.count
        for piece in pieces[1..<(pieces.count - 1)] {
            guard let found = Self.find(piece, in: text, from: position, before: limit) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first offset at or after `start` where `needle` lies wholly before `limit`.
    private static func find(
        _ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int, before limit: Int
    ) -> Int? {
        guard limit - start >= needle.count else { return nil }
        var offset = start
        while offset + needle.count <= limit {
            var index = 0
            while index < needle.count, text[offset + index] == needle[index] { index += 1 }
            if index == needle.count { return offset }
            offset += 1
        }
        return nil
    }
}
