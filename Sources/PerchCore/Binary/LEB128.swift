/// Unsigned LEB128, the variable-length integers of Perch's binary formats (the journal's
/// records, the session cache's packed strings): seven bits a byte, low bits first, the high bit
/// set on every byte but the last.
package enum LEB128 {
    package static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
