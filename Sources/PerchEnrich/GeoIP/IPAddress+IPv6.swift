extension IPAddress {
    /// RFC 4291 text: up to eight 1–4 digit hex groups, at most one `::`, optionally ending in an
    /// embedded dotted-quad that stands for the last two groups.
    static func parseIPv6(_ text: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        var gap: Int?
        var index = 0
        let count = text.count
        if text[0] == UInt8(ascii: ":") {
            guard count > 1, text[1] == UInt8(ascii: ":") else { return nil }
            gap = 0
            index = 2
        }
        while index < count {
            var end = index
            var value: UInt32 = 0
            var sawDot = false
            while end < count, text[end] != UInt8(ascii: ":") {
                let char = text[end]
                if char == UInt8(ascii: ".") { sawDot = true }
                if let digit = hexDigit(char) {
                    value = value << 4 | digit
                } else if char != UInt8(ascii: ".") {
                    return nil
                }
                end += 1
            }
            if sawDot {
                // Only the last field may be dotted, and it fills two groups.
                guard end == count, groups.count <= 6,
                    let ipv4 = parseIPv4(text[index..<end])
                else { return nil }
                groups.append(UInt16(ipv4 >> 16))
                groups.append(UInt16(ipv4 & 0xffff))
                index = end
                break
            }
            let digits = end - index
            guard digits >= 1, digits <= 4, groups.count < 8 else { return nil }
            groups.append(UInt16(value))
            index = end
            if index < count {
                index += 1  // the ':'
                if index < count, text[index] == UInt8(ascii: ":") {
                    guard gap == nil else { return nil }
                    gap = groups.count
                    index += 1
                } else if index == count {
                    return nil  // a single trailing ':'
                }
            }
        }
        var words = [UInt16](repeating: 0, count: 8)
        if let gap {
            guard groups.count <= 7 else { return nil }
            let tail = groups.count - gap
            for position in 0..<gap { words[position] = groups[position] }
            for position in 0..<tail { words[8 - tail + position] = groups[gap + position] }
        } else {
            guard groups.count == 8 else { return nil }
            words = groups
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for position in 0..<4 {
            high = high << 16 | UInt64(words[position])
            low = low << 16 | UInt64(words[position + 4])
        }
        return IPAddress(high: high, low: low, family: .v6)
    }

    private static func hexDigit(_ char: UInt8) -> UInt32? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(char - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(char - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(char - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
