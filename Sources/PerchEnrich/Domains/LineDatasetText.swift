/// The lines of a line-oriented data-set file (spam hosts, public suffixes), after refusing what
/// cannot be such a file: NUL or other control bytes, invalid UTF-8.
enum LineDatasetText {
    /// Each line with surrounding spaces, tabs and a trailing `\r` removed, numbered from 1.
    static func lines(_ bytes: [UInt8], name: String) throws(DatasetError) -> [(number: Int, text: Substring)] {
        for (offset, byte) in bytes.enumerated() where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            throw DatasetError("\(name) holds a binary byte 0x\(String(byte, radix: 16)) at offset \(offset)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError("\(name) is not UTF-8 text")
        }
        var result: [(number: Int, text: Substring)] = []
        // Split on bytes: as Characters, "\r\n" is one grapheme and would not match "\n".
        for (index, line) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            result.append((index + 1, trimmed(Substring(line))))
        }
        return result
    }

    static func trimmed(_ line: Substring) -> Substring {
        var line = line
        while let last = line.unicodeScalars.last, last == " " || last == "\t" || last == "\r" {
            line = line.dropLast()
        }
        while let first = line.unicodeScalars.first, first == " " || first == "\t" {
            line = line.dropFirst()
        }
        return line
    }
}
