/// Reads data-section values from a bounded byte range; every read is bounds-checked.
///
/// Offsets are relative to the start of `bytes` (the data section or the metadata), which is
/// also what pointers are relative to.
struct MMDBDecoder {
    /// One decoded control byte: `payload` is where the value's bytes start. For pointers the
    /// `size` is the target offset and `payload` the offset just after the pointer.
    struct Field {
        var type: Int
        var size: Int
        var payload: Int
    }

    static let maxDepth = 32
    static let maxPointerHops = 4

    let bytes: UnsafeRawBufferPointer

    @inline(__always)
    func byte(_ offset: Int) throws(MMDBError) -> Int {
        guard offset >= 0, offset < bytes.count else { throw .corruptData(offset: offset) }
        return Int(bytes[offset])
    }

    /// Big-endian unsigned integer of `count` (≤ 8) bytes at `offset`.
    @inline(__always)
    func unsigned(_ offset: Int, _ count: Int) throws(MMDBError) -> UInt64 {
        guard offset >= 0, count >= 0, count <= bytes.count - offset else { throw .corruptData(offset: offset) }
        var value: UInt64 = 0
        for index in offset..<(offset + count) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// Decodes the control byte (and extended type and size bytes) at `offset`.
    @inline(__always)
    func field(at offset: Int) throws(MMDBError) -> Field {
        let control = try byte(offset)
        // Most fields are a standard type with an inline size; only the rest pay for the general path.
        if control >= 0x40, control & 0x1f < 29 {
            return Field(type: control >> 5, size: control & 0x1f, payload: offset + 1)
        }
        return try longField(at: offset, control: control)
    }

    private func longField(at offset: Int, control: Int) throws(MMDBError) -> Field {
        var type = control >> 5
        var next = offset + 1
        if type == 1 {
            let size = (control >> 3) & 0x3
            let low = control & 0x7
            let extra = Int(try unsigned(next, size + 1))
            let target: Int
            switch size {
            case 0: target = low << 8 | extra
            case 1: target = (low << 16 | extra) + 2048
            case 2: target = (low << 24 | extra) + 526_336
            default: target = extra
            }
            return Field(type: 1, size: target, payload: next + size + 1)
        }
        if type == 0 {
            type = 7 + (try byte(next))
            next += 1
            guard type > 7 else { throw .corruptData(offset: offset) }
        }
        var size = control & 0x1f
        if size >= 29 {
            let count = size - 28
            let extra = Int(try unsigned(next, count))
            size = (count == 1 ? 29 : count == 2 ? 285 : 65_821) + extra
            next += count
        }
        return Field(type: type, size: size, payload: next)
    }

    /// `field` with pointers followed (a bounded number of hops, so pointer loops end).
    @inline(__always)
    func follow(_ field: Field) throws(MMDBError) -> Field {
        var current = field
        var hops = 0
        while current.type == 1 {
            hops += 1
            guard hops <= Self.maxPointerHops else { throw .corruptData(offset: field.payload) }
            current = try self.field(at: current.size)
        }
        return current
    }

    /// Where the sibling after `field` starts: right after a pointer, else after the value.
    @inline(__always)
    func next(after field: Field) throws(MMDBError) -> Int {
        field.type == 1 ? field.payload : try end(of: field)
    }

    /// Offset just past the value described by `field`, without decoding it. Iterative, with a
    /// count of elements still to skip; every element takes at least one byte, so that count can
    /// never exceed the bytes left, which bounds hostile sizes.
    func end(of field: Field) throws(MMDBError) -> Int {
        var remaining = 0
        var current = field
        while true {
            var cursor = current.payload
            switch current.type {
            case 1, 14: break
            case 7: remaining += current.size * 2
            case 11: remaining += current.size
            case 2, 3, 4, 5, 6, 8, 9, 10, 15:
                guard current.size <= bytes.count - cursor else { throw .corruptData(offset: cursor) }
                cursor += current.size
            default: throw .corruptData(offset: cursor)
            }
            if remaining == 0 { return cursor }
            guard remaining <= bytes.count - cursor else { throw .corruptData(offset: cursor) }
            remaining -= 1
            current = try self.field(at: cursor)
        }
    }

    /// Whether the string at `field` equals `key`; compares bytes without allocating.
    @inline(__always)
    func string(_ field: Field, equals key: StaticString) -> Bool {
        guard field.type == 2, field.size == key.utf8CodeUnitCount,
            field.size <= bytes.count - field.payload
        else { return false }
        let keyBytes = UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        for index in 0..<field.size where bytes[field.payload + index] != keyBytes[index] { return false }
        return true
    }

    func text(_ field: Field) throws(MMDBError) -> String {
        guard field.type == 2, field.size <= bytes.count - field.payload else {
            throw .corruptData(offset: field.payload)
        }
        return String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[field.payload..<field.payload + field.size]),
            as: UTF8.self)
    }
}
