import PerchEnrich

/// Encodes `MMDBValue`s into MaxMind DB data-section bytes, optionally sharing strings via pointers.
struct MMDBTestEncoder {
    var bytes: [UInt8] = []
    var usePointers: Bool
    /// 0...3 forces that pointer form (only 3 fits every offset); nil picks the smallest.
    var forcedPointerSize: Int?
    /// Where each string, map and array was first written, as MaxMind's writers share them.
    private var sharedOffsets: [MMDBValue: Int] = [:]

    init(usePointers: Bool = true, forcedPointerSize: Int? = nil) {
        self.usePointers = usePointers
        self.forcedPointerSize = forcedPointerSize
    }

    mutating func control(_ type: Int, _ size: Int) {
        let typeBits = type <= 7 ? type : 0
        func emit(_ sizeBits: Int) { bytes.append(UInt8(typeBits << 5 | sizeBits)) }
        let extended = type > 7 ? [UInt8(type - 7)] : []
        if size < 29 {
            emit(size)
            bytes += extended
        } else if size < 285 {
            emit(29)
            bytes += extended + [UInt8(size - 29)]
        } else if size < 65_821 {
            emit(30)
            bytes += extended + bigEndian(UInt64(size - 285), count: 2)
        } else {
            emit(31)
            bytes += extended + bigEndian(UInt64(size - 65_821), count: 3)
        }
    }

    mutating func pointer(to offset: Int) {
        let size = forcedPointerSize ?? (offset < 2048 ? 0 : offset < 526_336 ? 1 : offset < 134_744_064 ? 2 : 3)
        switch size {
        case 0: bytes += [UInt8(0x20 | offset >> 8), UInt8(offset & 0xff)]
        case 1:
            let value = offset - 2048
            bytes += [UInt8(0x28 | value >> 16)] + bigEndian(UInt64(value & 0xffff), count: 2)
        case 2:
            let value = offset - 526_336
            bytes += [UInt8(0x30 | value >> 24)] + bigEndian(UInt64(value & 0xff_ffff), count: 3)
        default: bytes += [0x38] + bigEndian(UInt64(offset), count: 4)
        }
    }

    mutating func encode(_ value: MMDBValue) {
        switch value {
        case .string, .map, .array:
            if usePointers, let offset = sharedOffsets[value] { return pointer(to: offset) }
            if usePointers { sharedOffsets[value] = bytes.count }
        default: break
        }
        switch value {
        case .string(let text):
            control(2, text.utf8.count)
            bytes += Array(text.utf8)
        case .map(let entries):
            control(7, entries.count)
            for (key, item) in entries.sorted(by: { $0.key < $1.key }) {
                encode(.string(key))
                encode(item)
            }
        case .array(let items):
            control(11, items.count)
            for item in items { encode(item) }
        case .double(let number):
            control(3, 8)
            bytes += bigEndian(number.bitPattern, count: 8)
        case .float(let number):
            control(15, 4)
            bytes += bigEndian(UInt64(number.bitPattern), count: 4)
        case .bytes(let raw):
            control(4, raw.count)
            bytes += raw
        case .uint(let number):
            let count = minimalCount(number)
            control(number <= 0xffff ? 5 : number <= 0xffff_ffff ? 6 : 9, count)
            bytes += bigEndian(number, count: count)
        case .uint128(let high, let low):
            if high == 0 {
                let count = minimalCount(low)
                control(10, count)
                bytes += bigEndian(low, count: count)
            } else {
                let count = minimalCount(high)
                control(10, 8 + count)
                bytes += bigEndian(high, count: count) + bigEndian(low, count: 8)
            }
        case .int32(let number):
            control(8, 4)
            bytes += bigEndian(UInt64(UInt32(bitPattern: number)), count: 4)
        case .bool(let flag): control(14, flag ? 1 : 0)
        }
    }

    private func minimalCount(_ number: UInt64) -> Int { (64 - number.leadingZeroBitCount + 7) / 8 }
}

func bigEndian(_ number: UInt64, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: number >> UInt64(8 * (count - 1 - $0))) }
}
