/// One value of a JSON answer from ClickHouse. Numbers keep their text, so a UInt64 above
/// Int64.max or a decimal reads back exactly.
package enum ClickHouseValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([ClickHouseValue])
    case object([String: ClickHouseValue])

    /// An unsigned integer, also when ClickHouse quoted it (its default for 64-bit integers).
    package func uint64() throws(ClickHouseError) -> UInt64 {
        switch self {
        case .number(let text), .string(let text):
            if let value = UInt64(text) { return value }
        default: break
        }
        throw .unexpectedResponse("expected an unsigned integer, got \(self)")
    }

    package func int64() throws(ClickHouseError) -> Int64 {
        switch self {
        case .number(let text), .string(let text):
            if let value = Int64(text) { return value }
        default: break
        }
        throw .unexpectedResponse("expected an integer, got \(self)")
    }

    /// An integer or null.
    package func optionalInt64() throws(ClickHouseError) -> Int64? {
        if case .null = self { return nil }
        return try int64()
    }

    package func string() throws(ClickHouseError) -> String {
        guard case .string(let text) = self else { throw .unexpectedResponse("expected a string, got \(self)") }
        return text
    }

    package func strings() throws(ClickHouseError) -> [String] {
        guard case .array(let values) = self else { throw .unexpectedResponse("expected an array, got \(self)") }
        var texts: [String] = []
        texts.reserveCapacity(values.count)
        for value in values { texts.append(try value.string()) }
        return texts
    }

    /// The member `key` of an object, nil if absent or not an object.
    package subscript(key: String) -> ClickHouseValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }
}
