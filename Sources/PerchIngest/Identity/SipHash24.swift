/// SipHash-2-4 (Aumasson & Bernstein) with a 16-byte key and a 64-bit output, fed incrementally so
/// a message made of several parts is hashed without building the concatenation.
package struct SipHash24: Sendable {
    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    /// Bytes not yet compressed, little-endian in the low `tailCount` bytes.
    private var tail: UInt64 = 0
    private var tailCount: Int = 0
    private var length: UInt64 = 0

    /// `key` must be 16 bytes (k0 = bytes 0–7, k1 = bytes 8–15, little-endian).
    package init(key: [UInt8]) {
        precondition(key.count == 16, "a SipHash key is 16 bytes")
        let k0 = key.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self) }
        let k1 = key.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
        self.init(k0: UInt64(littleEndian: k0), k1: UInt64(littleEndian: k1))
    }

    package init(k0: UInt64, k1: UInt64) {
        v0 = k0 ^ 0x736f_6d65_7073_6575
        v1 = k1 ^ 0x646f_7261_6e64_6f6d
        v2 = k0 ^ 0x6c79_6765_6e65_7261
        v3 = k1 ^ 0x7465_6462_7974_6573
    }

    /// The hash of `bytes` under `key`.
    package static func hash(key: [UInt8], bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = SipHash24(key: key)
        hasher.append(bytes)
        return hasher.finalize()
    }

    package mutating func append(_ buffer: UnsafeRawBufferPointer) {
        var index = 0
        let count = buffer.count
        length &+= UInt64(count)
        // Complete a partial word left by an earlier part first.
        while tailCount > 0 && index < count {
            appendTailByte(buffer[index])
            index += 1
        }
        while count - index >= 8 {
            compress(UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < count {
            tail |= UInt64(buffer[index]) << (8 * UInt64(tailCount))
            tailCount += 1
            index += 1
        }
    }

    package mutating func append(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        guard handled == nil else { return }
        for byte in bytes {
            length &+= 1
            appendTailByte(byte)
        }
    }

    /// Appends the UTF-8 bytes of `text`, without copying them when the string is native.
    package mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    package consuming func finalize() -> UInt64 {
        compress(tail | ((length & 0xff) << 56))
        v2 ^= 0xff
        round()
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }

    private mutating func appendTailByte(_ byte: UInt8) {
        tail |= UInt64(byte) << (8 * UInt64(tailCount))
        tailCount += 1
        if tailCount == 8 {
            compress(tail)
            tail = 0
            tailCount = 0
        }
    }

    private mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        round()
        v0 ^= word
    }

    private mutating func round() {
        v0 &+= v1
        v1 = v1.rotatedLeft(13)
        v1 ^= v0
        v0 = v0.rotatedLeft(32)
        v2 &+= v3
        v3 = v3.rotatedLeft(16)
        v3 ^= v2
        v0 &+= v3
        v3 = v3.rotatedLeft(21)
        v3 ^= v0
        v2 &+= v1
        v1 = v1.rotatedLeft(17)
        v1 ^= v2
        v2 = v2.rotatedLeft(32)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
