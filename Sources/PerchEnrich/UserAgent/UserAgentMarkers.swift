/// A fixed list of case-insensitive substrings searched together: one pass over the haystack,
/// testing the markers only at bytes that can start one (a 256-bit first-byte mask).
struct UserAgentMarkers: Sendable {
    let markers: [StaticString]
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    init(_ markers: [StaticString]) {
        self.markers = markers
        var mask: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for marker in markers where marker.utf8CodeUnitCount > 0 {
            let first = marker.utf8Start[0]
            for byte in [first, UserAgentTokenTable.lowered(first), Self.raised(first)] {
                let bit = UInt64(1) << UInt64(byte & 63)
                switch byte >> 6 {
                case 0: mask.0 |= bit
                case 1: mask.1 |= bit
                case 2: mask.2 |= bit
                default: mask.3 |= bit
                }
            }
        }
        firstBytes = mask
    }

    @inline(__always)
    func mayStart(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return firstBytes.0 & bit != 0
        case 1: return firstBytes.1 & bit != 0
        case 2: return firstBytes.2 & bit != 0
        default: return firstBytes.3 & bit != 0
        }
    }

    private static func raised(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & ~0x20 : byte
    }
}

extension UserAgentScan {
    /// Whether any of `markers` occurs (case-insensitively) inside `range`.
    func containsAny(_ markers: UserAgentMarkers, in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            if markers.mayStart(bytes[index]) {
                for marker in markers.markers where startsWith(marker, at: index, before: range.upperBound) {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    /// Whether `range` begins with any of `markers` (case-insensitively).
    func startsWithAny(_ markers: UserAgentMarkers, in range: Range<Int>) -> Bool {
        guard !range.isEmpty, markers.mayStart(bytes[range.lowerBound]) else { return false }
        for marker in markers.markers where startsWith(marker, at: range.lowerBound, before: range.upperBound) {
            return true
        }
        return false
    }
}
