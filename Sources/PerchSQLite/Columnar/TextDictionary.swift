import Foundation

/// The distinct texts of a site's cached columns, each with a small integer code, so a column
/// of texts is an array of codes and grouping by it is indexing by code.
///
/// Texts are looked up by their bytes (as SQLite hands them over), so interning a text that is
/// already known builds no `String`.
struct TextDictionary: Sendable {
    private(set) var texts: [String] = []
    /// Codes found by a hash of their text's bytes.
    private var slots = NumberSlots()

    var count: Int { texts.count }

    /// Approximate bytes held.
    var byteSize: Int { texts.reduce(0) { $0 + $1.utf8.count + 16 } + slots.byteSize }

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
        texts.append(String(decoding: bytes, as: UTF8.self))
        return slots.add(hash)
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
        slots.find(hash) { code in
            let text = texts[Int(code)].utf8
            return text.withContiguousStorageIfAvailable { held in
                guard held.count == bytes.count else { return false }
                guard let heldStart = held.baseAddress, let start = bytes.baseAddress else { return true }
                return memcmp(heldStart, start, held.count) == 0
            } ?? text.elementsEqual(bytes)
        }
    }

    /// A hash of the bytes, eight at a time.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = NumberSlots.mix(hash, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
            hash = NumberSlots.mix(hash, tail)
        }
        return NumberSlots.mix(hash, 0)
    }
}

extension TextDictionary {
    func write(to writer: inout SnapshotWriter) throws {
        try writer.texts(texts)
        try slots.write(to: &writer)
    }

    init(reading reader: inout SnapshotReader) throws(ColumnSnapshot.Rejection) {
        texts = try reader.texts()
        slots = try NumberSlots(reading: &reader)
        guard slots.count == texts.count else { throw .malformed("the text dictionary is inconsistent") }
    }
}
