/// The distinct texts of a site's cached columns, each with a small integer code, so a column
/// of texts is an array of codes and grouping by it is indexing by code.
///
/// Texts are looked up by their bytes (as SQLite hands them over), so interning a text that is
/// already known builds no `String`.
struct TextDictionary: Sendable {
    private(set) var texts: [String] = []
    /// FNV-1a hash of the bytes → the first code with that hash; later ones chain in `nextWithHash`.
    private var firstWithHash: [UInt64: UInt32] = [:]
    private var nextWithHash: [UInt32] = []

    var count: Int { texts.count }

    /// Approximate bytes held.
    var byteSize: Int { texts.reduce(0) { $0 + $1.utf8.count + 32 } + nextWithHash.count * 24 }

    subscript(code: UInt32) -> String { texts[Int(code)] }

    /// A code's text as a dimension shows it and filters compare it: an empty text reads as the
    /// dimension's `emptyLabel` (the planner's `CASE WHEN … = '' THEN label` in SQL).
    func label(of code: UInt32, emptyLabel: String?) -> String {
        let text = texts[Int(code)]
        return text.isEmpty ? (emptyLabel ?? "") : text
    }

    /// The code of `bytes` (UTF-8), added when new.
    mutating func code(of bytes: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(bytes)
        if let code = find(bytes, hash: hash) { return code }
        let code = UInt32(texts.count)
        texts.append(String(decoding: bytes, as: UTF8.self))
        nextWithHash.append(firstWithHash[hash] ?? UInt32.max)
        firstWithHash[hash] = code
        return code
    }

    /// The code of `text` if it is held.
    func existingCode(of text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return find(bytes, hash: Self.hash(bytes))
        }
    }

    private func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> UInt32? {
        var candidate = firstWithHash[hash]
        while let code = candidate {
            let equal =
                texts[Int(code)].utf8.withContiguousStorageIfAvailable {
                    $0.count == bytes.count && UnsafeRawBufferPointer($0).elementsEqual(bytes)
                } ?? texts[Int(code)].utf8.elementsEqual(bytes)
            if equal { return code }
            let next = nextWithHash[Int(code)]
            candidate = next == UInt32.max ? nil : next
        }
        return nil
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
