import Testing

@testable import PerchEnrich

/// `IPAddress.parseIPv4` walks its bytes by index; these compare it with the `zip(indices, bytes)`
/// loop it had before (`referenceParseIPv4`, kept verbatim) on every short string of digits and dots.
@Suite struct IPv4ParsingTests {
    static func referenceParseIPv4(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var part: UInt32 = 0
        var digits = 0
        for (position, char) in zip(text.indices, text) {
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
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }

    /// Every string up to `length` bytes over `alphabet`.
    static func strings(over alphabet: [UInt8], upTo length: Int) -> [[UInt8]] {
        var all: [[UInt8]] = [[]]
        var last: [[UInt8]] = [[]]
        for _ in 0..<length {
            last = last.flatMap { prefix in alphabet.map { prefix + [$0] } }
            all += last
        }
        return all
    }

    @Test func parsesAsTheZipLoopDid() {
        var inputs = Self.strings(over: Array("0125.9".utf8), upTo: 7)
        inputs += ["1.2.3.4", "255.255.255.255", "256.1.1.1", "10.0.0.01", "1.2.3.4.", "a.1.2.3", "1.2.3.4x"].map {
            Array($0.utf8)
        }
        var accepted = 0
        for input in inputs {
            input.withUnsafeBufferPointer { buffer in
                // From the start and from an offset, as the IPv6 parser hands its last group over.
                for start in 0...min(1, buffer.count) {
                    let slice = buffer[start...]
                    let parsed = IPAddress.parseIPv4(slice)
                    #expect(parsed == Self.referenceParseIPv4(slice), "\(String(decoding: slice, as: UTF8.self))")
                    if parsed != nil { accepted += 1 }
                }
            }
        }
        #expect(accepted > 100)
    }
}
