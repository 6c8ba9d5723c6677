/// What one decode may build, so that pointers shared many times cannot blow a small file up
/// into a huge tree or copy one large string thousands of times. The figures are MaxMind's own
/// reader limits (maxminddb 3.x): 65,536 values and 2 MiB of string and byte payload per record;
/// pointers cost nothing beyond the values they resolve to.
struct MMDBDecodeBudget {
    static let maxValues = 65_536
    static let maxPayloadBytes = 2 << 20

    var values = Self.maxValues
    var payloadBytes = Self.maxPayloadBytes

    mutating func spendValue() throws(MMDBError) {
        values -= 1
        guard values >= 0 else { throw .limitExceeded("more than \(Self.maxValues) values in one record") }
    }

    mutating func spendPayload(_ count: Int) throws(MMDBError) {
        payloadBytes -= count
        guard payloadBytes >= 0 else {
            throw .limitExceeded("more than \(Self.maxPayloadBytes) bytes of strings and bytes in one record")
        }
    }
}

extension MMDBDecoder {
    /// Decodes the full value at `offset` within `budget`.
    func value(at offset: Int, depth: Int = 0, budget: inout MMDBDecodeBudget) throws(MMDBError) -> MMDBValue {
        guard depth <= Self.maxDepth else { throw .limitExceeded("values nested deeper than \(Self.maxDepth)") }
        try budget.spendValue()
        let field = try follow(try self.field(at: offset))
        let start = field.payload
        switch field.type {
        case 2:
            let text = try text(field)
            try budget.spendPayload(field.size)
            return .string(text)
        case 3:
            guard field.size == 8 else { throw .corruptData(offset: start) }
            return .double(Double(bitPattern: try unsigned(start, 8)))
        case 4:
            guard field.size <= bytes.count - start else { throw .corruptData(offset: start) }
            try budget.spendPayload(field.size)
            return .bytes(Array(bytes[start..<start + field.size]))
        case 5, 6, 9:
            let limit = field.type == 5 ? 2 : field.type == 6 ? 4 : 8
            guard field.size <= limit else { throw .corruptData(offset: start) }
            return .uint(try unsigned(start, field.size))
        case 8:
            guard field.size <= 4 else { throw .corruptData(offset: start) }
            return .int32(Int32(truncatingIfNeeded: UInt32(try unsigned(start, field.size))))
        case 10:
            guard field.size <= 16 else { throw .corruptData(offset: start) }
            let highCount = max(0, field.size - 8)
            return .uint128(
                high: try unsigned(start, highCount),
                low: try unsigned(start + highCount, field.size - highCount))
        case 14:
            guard field.size <= 1 else { throw .corruptData(offset: start) }
            return .bool(field.size == 1)
        case 15:
            guard field.size == 4 else { throw .corruptData(offset: start) }
            return .float(Float(bitPattern: UInt32(try unsigned(start, 4))))
        case 7: return try map(field, depth: depth, budget: &budget)
        case 11: return try array(field, depth: depth, budget: &budget)
        default: throw .corruptData(offset: start)
        }
    }

    private func map(_ field: Field, depth: Int, budget: inout MMDBDecodeBudget) throws(MMDBError) -> MMDBValue {
        guard field.size * 2 <= bytes.count - field.payload else { throw .corruptData(offset: field.payload) }
        var entries: [String: MMDBValue] = [:]
        entries.reserveCapacity(field.size)
        var cursor = field.payload
        for _ in 0..<field.size {
            let key = try self.field(at: cursor)
            let keyText = try text(try follow(key))
            let valueOffset = try next(after: key)
            entries[keyText] = try value(at: valueOffset, depth: depth + 1, budget: &budget)
            cursor = try next(after: try self.field(at: valueOffset))
        }
        return .map(entries)
    }

    private func array(_ field: Field, depth: Int, budget: inout MMDBDecodeBudget) throws(MMDBError) -> MMDBValue {
        guard field.size <= bytes.count - field.payload else { throw .corruptData(offset: field.payload) }
        var elements: [MMDBValue] = []
        elements.reserveCapacity(field.size)
        var cursor = field.payload
        for _ in 0..<field.size {
            elements.append(try value(at: cursor, depth: depth + 1, budget: &budget))
            cursor = try next(after: try self.field(at: cursor))
        }
        return .array(elements)
    }
}
