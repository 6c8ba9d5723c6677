/// Percent-decoding to UTF-8 text that fails instead of guessing: a `%` not followed by two hex
/// digits, or bytes that are not UTF-8 after decoding, make the whole value invalid.
package enum PercentDecoding {
    /// Why a value could not be decoded (the request is then refused, never answered with 500).
    package enum Failure: Error, Sendable, Hashable {
        case malformedEscape
        case invalidUTF8
    }

    /// Decodes `%XX` escapes; with `plusAsSpace` (form encoding) also `+` as a space.
    package static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool = false
    ) throws(Failure) -> String {
        var needsWork = false
        for byte in bytes where byte == UInt8(ascii: "%") || (plusAsSpace && byte == UInt8(ascii: "+")) {
            needsWork = true
            break
        }
        if !needsWork { return try text(bytes) }
        let result = try [UInt8](unsafeUninitializedCapacity: bytes.count) {
            (output, initialized) throws(Failure) in
            var index = 0
            var written = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                        let low = hexValue(bytes[index + 2])
                    else { throw .malformedEscape }
                    output[written] = high << 4 | low
                    index += 3
                } else {
                    output[written] = plusAsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte
                    index += 1
                }
                written += 1
            }
            initialized = written
        }
        return try result.withUnsafeBufferPointer { (buffer) throws(Failure) in try text(buffer) }
    }

    package static func decode(_ text: String, plusAsSpace: Bool = false) throws(Failure) -> String {
        var copy = text
        return try copy.withUTF8 { bytes in
            Result { () throws(Failure) in try decode(bytes, plusAsSpace: plusAsSpace) }
        }.get()
    }

    /// Bytes as a `String`, refusing invalid UTF-8; ASCII (the common case) skips validation.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
        guard let text = UTF8Text.validated(bytes) else { throw .invalidUTF8 }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
