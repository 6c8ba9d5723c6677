import PerchCore

/// A parsed JSON value that keeps what the Stats API must tell apart: integers from fractions,
/// booleans from numbers, and the key order of objects (echoed back in responses).
package indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(json)
    }

    package subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Compact JSON text (no spaces), keys in stored order.
    package var json: String {
        var out = ""
        write(into: &out)
        return out
    }

    package func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += JSONValue.numberText(value)
        case .string(let value): out += JSONText.quoted(value)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                out += JSONText.quoted(pair.0)
                out += ":"
                pair.1.write(into: &out)
            }
            out += "}"
        }
    }

    /// Whole numbers print without a fraction (`3.0` → `3.0` stays a float in JSON as `3.0`).
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return String(value)
    }

    /// The value as Elixir's `inspect` prints decoded JSON, which Plausible puts in its messages:
    /// `"bad"`, `["a", 1]`, `%{"k" => "v"}`, `true`, `nil`.
    package var inspected: String {
        switch self {
        case .null: "nil"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): JSONValue.numberText(value)
        case .string(let value): JSONText.quoted(value)
        case .array(let items): "[" + items.map(\.inspected).joined(separator: ", ") + "]"
        case .object(let pairs):
            "%{" + pairs.map { JSONText.quoted($0.0) + " => " + $0.1.inspected }.joined(separator: ", ") + "}"
        }
    }

    package var typeName: String {
        switch self {
        case .null: "Null"
        case .bool: "Boolean"
        case .int: "Integer"
        case .double: "Number"
        case .string: "String"
        case .array: "Array"
        case .object: "Object"
        }
    }
}
