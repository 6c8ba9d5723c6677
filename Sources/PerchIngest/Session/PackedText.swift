import PerchCore

/// The byte format of a packed session's strings: each field is a LEB128 header, `length << 1`
/// followed by that many UTF-8 bytes, or `id << 1 | 1` for a string interned in the
/// `SessionStringPool`. An empty string is the single byte 0.
struct PackedTextWriter {
    private(set) var bytes: [UInt8]

    init() {
        bytes = []
        bytes.reserveCapacity(192)
    }

    /// Writes into `buffer`, emptied first, keeping its capacity (the interner's scratch bytes).
    init(reusing buffer: [UInt8]) {
        bytes = buffer
        bytes.removeAll(keepingCapacity: true)
        if bytes.capacity < 192 { bytes.reserveCapacity(192) }
    }

    mutating func varint(_ value: UInt64) {
        LEB128.append(value, to: &bytes)
    }

    /// Writes `text` as its bytes, never interned (paths, referrers, campaign names, values).
    mutating func literal(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count) << 1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends bytes another writer wrote, as they are.
    mutating func raw(_ written: ArraySlice<UInt8>) {
        bytes.append(contentsOf: written)
    }

    /// Writes `text` as an interned id when the pool takes it, else as its bytes.
    mutating func text(_ text: String, interner: inout SessionStringPool.Interner) {
        guard !text.isEmpty, let id = interner.id(for: text) else { return literal(text) }
        varint(UInt64(id) << 1 | 1)
    }

    /// The bytes in an array of their own size, so a cached session keeps no spare capacity.
    func packed() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: bytes)
        }
    }
}

/// Reads what `PackedTextWriter` wrote, in the same order. Malformed bytes (which only a bug
/// could produce) read as empty strings and zeros rather than trapping.
struct PackedTextReader {
    private let bytes: [UInt8]
    /// Where the next field starts.
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func varint() -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// Steps over one string field without reading it.
    mutating func skipText() {
        let header = varint()
        guard header & 1 == 0 else { return }
        offset += min(Int(truncatingIfNeeded: header >> 1), bytes.count - offset)
    }

    mutating func text(_ interner: borrowing SessionStringPool.Interner) -> String {
        let header = varint()
        if header & 1 == 1 { return interner.string(UInt32(truncatingIfNeeded: header >> 1)) }
        let length = Int(truncatingIfNeeded: header >> 1)
        guard length > 0, length <= bytes.count - offset else { return "" }
        let end = offset + length
        defer { offset = end }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
