/// One decoded MaxMind DB data-section value.
package enum MMDBValue: Sendable, Hashable {
    case map([String: MMDBValue])
    case array([MMDBValue])
    case string(String)
    case double(Double)
    case float(Float)
    case bytes([UInt8])
    /// uint16, uint32 and uint64 fields.
    case uint(UInt64)
    case uint128(high: UInt64, low: UInt64)
    case int32(Int32)
    case bool(Bool)

    /// The value under `key` when this is a map.
    package subscript(key: String) -> MMDBValue? {
        if case .map(let entries) = self { return entries[key] }
        return nil
    }

    /// The element at `index` when this is an array and the index exists.
    package subscript(index: Int) -> MMDBValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    package var uintValue: UInt64? {
        if case .uint(let number) = self { return number }
        return nil
    }
}
