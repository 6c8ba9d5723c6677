/// One lower-case needle of the bot detector plus the context checks that must hold around an
/// occurrence. The multi-pattern matcher finds occurrences; `accepts` only runs on those hits,
/// so guards cost nothing on the (usual) UA that contains no needle at all.
///
/// Written in a compact notation so the tables read like a list of names:
/// `^` first = the UA starts here, `$` last = the UA ends here, `|` first = no ASCII letter or
/// digit right before (a word start), `|` last = no ASCII letter right after (Matomo's
/// `(?:[^a-z]|$)`). Everything else is matched literally, ASCII case-insensitively.
struct BotPattern: Sendable, Equatable {
    let needle: [UInt8]
    let anchoredStart: Bool
    let anchoredEnd: Bool
    let wordStart: Bool
    let wordEnd: Bool
    /// Lower-case texts that must not end right before the needle (a regex look-behind).
    let notBefore: [[UInt8]]
    /// Lower-case texts that must not start right after the needle (a regex look-ahead).
    let notAfter: [[UInt8]]

    /// Parses the compact notation described on the type.
    init(_ spec: String) {
        var text = Substring(spec)
        let anchoredStart = text.hasPrefix("^")
        if anchoredStart { text = text.dropFirst() }
        let wordStart = text.hasPrefix("|")
        if wordStart { text = text.dropFirst() }
        let anchoredEnd = text.hasSuffix("$")
        if anchoredEnd { text = text.dropLast() }
        let wordEnd = text.hasSuffix("|")
        if wordEnd { text = text.dropLast() }
        self.init(
            needle: String(text), anchoredStart: anchoredStart, anchoredEnd: anchoredEnd, wordStart: wordStart,
            wordEnd: wordEnd
        )
    }

    init(
        needle: String, anchoredStart: Bool = false, anchoredEnd: Bool = false, wordStart: Bool = false,
        wordEnd: Bool = false, notBefore: [String] = [], notAfter: [String] = []
    ) {
        self.needle = Self.lowered(needle)
        self.anchoredStart = anchoredStart
        self.anchoredEnd = anchoredEnd
        self.wordStart = wordStart
        self.wordEnd = wordEnd
        self.notBefore = notBefore.map(Self.lowered)
        self.notAfter = notAfter.map(Self.lowered)
    }

    /// A Matomo-style generic keyword: ends a word (next byte is not a letter), with optional
    /// look-behind / look-ahead exclusions.
    static func keyword(_ word: String, notBefore: [String] = [], notAfter: [String] = []) -> BotPattern {
        BotPattern(needle: word, wordEnd: true, notBefore: notBefore, notAfter: notAfter)
    }

    /// Whether the occurrence of the needle ending just before `end` in `ua` satisfies the guards.
    func accepts(_ ua: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        let start = end - needle.count
        if anchoredStart && start != 0 { return false }
        if anchoredEnd && end != ua.count { return false }
        if wordStart && start > 0 && Self.isAlphanumeric(ua[start - 1]) { return false }
        if wordEnd && end < ua.count && Self.isLetter(ua[end]) { return false }
        for text in notBefore where start >= text.count && Self.matches(text, in: ua, at: start - text.count) {
            return false
        }
        for text in notAfter where Self.matches(text, in: ua, at: end) {
            return false
        }
        return true
    }

    /// `text` (lower-case) occurs in `ua` at `offset`, ASCII case-insensitively.
    static func matches(_ text: [UInt8], in ua: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset + text.count <= ua.count else { return false }
        for index in text.indices where lowered(ua[offset + index]) != text[index] {
            return false
        }
        return true
    }

    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    static func lowered(_ text: String) -> [UInt8] {
        text.utf8.map { lowered($0) }
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte &- 0x30 < 10
    }
}
