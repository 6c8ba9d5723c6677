extension MMDBDecoder {
    /// One unchecked byte; callers have compared `offset` with `bytes.count` already.
    @inline(__always)
    private func at(_ offset: Int) -> Int {
        Int(bytes.baseAddress.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self))
    }

    /// Offset just past the value starting at `offset`, found from control bytes alone: no value
    /// is built, pointers are stepped over by their own length (never followed), and a count of
    /// elements still to skip replaces recursion. Every element takes at least one byte, so that
    /// count can never exceed the bytes left, which bounds hostile sizes.
    @inline(__always)
    func skip(_ offset: Int) throws(MMDBError) -> Int {
        let count = bytes.count
        var cursor = offset
        var remaining = 1
        while remaining > 0 {
            guard cursor >= 0, cursor < count, remaining <= count - cursor else { throw .corruptData(offset: cursor) }
            let control = at(cursor)
            cursor += 1
            remaining -= 1
            var type = control >> 5
            if type == 1 {
                cursor += (control >> 3) & 3 + 1
                continue
            }
            if type == 0 {
                guard cursor < count else { throw .corruptData(offset: cursor) }
                type = 7 + at(cursor)
                cursor += 1
            }
            var size = control & 0x1f
            if size >= 29 {
                let extra = size - 28
                guard extra <= count - cursor else { throw .corruptData(offset: cursor) }
                var value = 0
                for index in 0..<extra { value = value << 8 | at(cursor + index) }
                size = (extra == 1 ? 29 : extra == 2 ? 285 : 65_821) + value
                cursor += extra
            }
            switch type {
            case 7: remaining += size * 2
            case 11: remaining += size
            case 14: break
            case 2, 3, 4, 5, 6, 8, 9, 10, 15: cursor += size
            default: throw .corruptData(offset: cursor)
            }
        }
        guard cursor <= count else { throw .corruptData(offset: cursor) }
        return cursor
    }

    /// The map key at `offset`, a string stored inline or behind one pointer (how MaxMind's writer
    /// shares keys): where its bytes start, how many, and where the key's value starts.
    @inline(__always)
    func key(at offset: Int) throws(MMDBError) -> (start: Int, count: Int, value: Int) {
        guard offset >= 0, offset < bytes.count else { throw .corruptData(offset: offset) }
        let control = at(offset)
        if control >= 0x40, control < 0x5d {
            return (offset + 1, control & 0x1f, offset + 1 + control & 0x1f)
        }
        let raw = try field(at: offset)
        let key = try follow(raw)
        guard key.type == 2 else { throw .corruptData(offset: offset) }
        return (key.payload, key.size, try next(after: raw))
    }

    /// Whether `count` bytes at `start` spell `name`; false when they would run past the end.
    @inline(__always)
    func bytes(_ start: Int, _ count: Int, equal name: StaticString) -> Bool {
        guard count == name.utf8CodeUnitCount, start >= 0, count <= bytes.count - start else { return false }
        let text = name.utf8Start
        for index in 0..<count where at(start + index) != Int(text[index]) { return false }
        return true
    }
}
