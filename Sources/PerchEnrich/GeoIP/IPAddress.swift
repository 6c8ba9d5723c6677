/// An IPv4 or IPv6 address as 128 bits; IPv4 is held in its IPv4-mapped form `::ffff:a.b.c.d`.
package struct IPAddress: Sendable, Hashable {
    /// Which text form the address was written in; `::ffff:a.b.c.d` text stays `.v6`.
    package enum Family: Sendable, Hashable {
        case v4
        case v6
    }

    /// The first 64 bits, big-endian order (bit 127 of the address is the top bit).
    package let high: UInt64
    package let low: UInt64
    package let family: Family

    package init(high: UInt64, low: UInt64, family: Family) {
        self.high = high
        self.low = low
        self.family = family
    }

    /// An IPv4 address from its 32-bit big-endian value.
    package init(ipv4 value: UInt32) {
        self.init(high: 0, low: 0xffff_0000_0000 | UInt64(value), family: .v4)
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text; returns nil for anything else (zone ids too).
    package init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    /// Parses from raw UTF-8 bytes, e.g. straight out of a request header.
    package init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let parsed = Self.parse(bytes) else { return nil }
        self = parsed
    }

    /// The 16 address bytes in network order.
    package var bytes: [UInt8] {
        (0..<16).map { index in
            let word = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (index % 8)))
        }
    }

    /// Whether this is IPv4 or an IPv6 `::ffff:0:0/96` address carrying one.
    package var isIPv4Mapped: Bool { high == 0 && low >> 32 == 0xffff }

    /// The low 32 bits, meaningful when `isIPv4Mapped`.
    package var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// Bit `index` counted from the most significant (0...127).
    @inline(__always)
    func bit(_ index: Int) -> Int {
        let word = index < 64 ? high : low
        return Int(truncatingIfNeeded: word >> UInt64(63 - index & 63)) & 1
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        guard !text.isEmpty, text.count <= 45 else { return nil }
        if !text.contains(UInt8(ascii: ":")) {
            guard let value = parseIPv4(text[...]) else { return nil }
            return IPAddress(ipv4: value)
        }
        return parseIPv6(text)
    }

    /// Exactly four decimal parts 0...255; leading zeros are rejected as they read as octal elsewhere.
    static func parseIPv4(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var part: UInt32 = 0
        var digits = 0
        // Walked by index: `zip(text.indices, text)` was left generic (Slice.indices, Range's
        // subscript through their witnesses), most of the cost of parsing an address.
        var position = text.startIndex
        while position != text.endIndex {
            let char = text[position]
            if char >= UInt8(ascii: "0"), char <= UInt8(ascii: "9") {
                guard digits < 3, !(digits == 1 && part == 0) else { return nil }
                part = part * 10 + UInt32(char - UInt8(ascii: "0"))
                digits += 1
                guard part <= 255 else { return nil }
            } else if char == UInt8(ascii: "."), digits > 0, position != text.endIndex - 1 {
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else {
                return nil
            }
            position += 1
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }
}
