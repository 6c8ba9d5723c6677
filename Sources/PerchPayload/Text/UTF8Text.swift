/// Bytes to `String` for the hot path: ASCII (nearly every request) skips UTF-8 validation,
/// anything else must be valid UTF-8 or is refused (never repaired with U+FFFD).
package enum UTF8Text {
    package static func validated(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    package static func validated(_ bytes: UnsafeRawBufferPointer) -> String? {
        bytes.withMemoryRebound(to: UInt8.self) { validated($0) }
    }
}
