import Foundation
import PerchEnrich

/// Compares a decoded record with the JSON MaxMind built the test database from. JSON has one
/// number type, so the comparison is by the MaxMind type we decoded: integers must match exactly
/// in decimal (uint64 and uint128 included), a double exactly, a float after rounding to 32 bits.
enum MMDBExpectedRecord {
    /// The path where `value` first differs from `expected`, or nil when they agree.
    static func difference(_ value: MMDBValue, _ expected: Any, path: String = "$") -> String? {
        switch value {
        case .map(let entries):
            guard let object = expected as? [String: Any] else { return "\(path): map vs \(expected)" }
            guard Set(entries.keys) == Set(object.keys) else {
                return "\(path): keys \(entries.keys.sorted()) vs \(object.keys.sorted())"
            }
            for (key, item) in entries {
                if let found = difference(item, object[key]!, path: path + "." + key) { return found }
            }
            return nil
        case .array(let elements):
            guard let list = expected as? [Any], list.count == elements.count else {
                return "\(path): array of \(elements.count) vs \(expected)"
            }
            for (index, item) in elements.enumerated() {
                if let found = difference(item, list[index], path: "\(path)[\(index)]") { return found }
            }
            return nil
        case .string(let text):
            return expected as? String == text ? nil : "\(path): \"\(text)\" vs \(expected)"
        case .bool(let flag):
            return expected as? Bool == flag ? nil : "\(path): \(flag) vs \(expected)"
        case .uint(let number):
            return decimal(expected) == String(number) ? nil : "\(path): uint \(number) vs \(expected)"
        case .uint128(let high, let low):
            let number = UInt128(high) << 64 | UInt128(low)
            return decimal(expected) == String(number) ? nil : "\(path): uint128 \(number) vs \(expected)"
        case .int32(let number):
            return decimal(expected) == String(number) ? nil : "\(path): int32 \(number) vs \(expected)"
        case .double(let number):
            return (expected as? NSNumber)?.doubleValue == number ? nil : "\(path): double \(number) vs \(expected)"
        case .float(let number):
            guard let json = (expected as? NSNumber)?.doubleValue, Float(json) == number else {
                return "\(path): float \(number) vs \(expected)"
            }
            return nil
        case .bytes(let bytes):
            let list = (expected as? [Any])?.compactMap { ($0 as? NSNumber)?.uint8Value }
            return list == bytes ? nil : "\(path): bytes \(bytes) vs \(expected)"
        }
    }

    /// An integral JSON number in decimal; nil for fractions, booleans and non-numbers.
    private static func decimal(_ json: Any) -> String? {
        if json is Bool, !(json is NSNumber) { return nil }
        if let decimal = json as? Decimal { return "\(decimal)" }
        guard let number = json as? NSNumber else { return nil }
        let text = number.stringValue
        return text.contains(".") || text.contains("e") ? nil : text
    }
}
