/// A 64-bit checksum of a snapshot's bytes, eight at a time (`NumberSlots.mix`): it catches a
/// torn or altered file, not a forged one.
struct SnapshotChecksum: Sendable {
    private(set) var value: UInt64 = 0x5045_5243_4843_4F4C
    /// Bytes of an unfinished word carried to the next `add` (fewer than eight).
    private var pending: [UInt8] = []

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        if !pending.isEmpty {
            while pending.count < 8, offset < bytes.count {
                pending.append(bytes[offset])
                offset += 1
            }
            guard pending.count == 8 else { return }
            value = NumberSlots.mix(value, pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
            pending.removeAll(keepingCapacity: true)
        }
        while offset + 8 <= bytes.count {
            value = NumberSlots.mix(value, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count { pending += bytes[offset...] }
    }

    /// The checksum of everything added.
    var final: UInt64 {
        var tail: UInt64 = UInt64(pending.count)
        for byte in pending { tail = tail << 8 | UInt64(byte) }
        return NumberSlots.mix(value, tail)
    }
}
