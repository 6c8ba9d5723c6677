/// A decoded JSON value. Objects keep their members in input order with duplicate keys
/// collapsed (the last one wins, at the position of the first), as Jason does.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(value)
        case .double(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let members):
            hasher.combine(members.count)
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// The member named `key` of an object; nil for a missing key or a non-object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// Elixir truthiness: everything but `null` and `false`.
    package var isTruthy: Bool {
        switch self {
        case .null, .bool(false): return false
        default: return true
        }
    }

    /// The value as `to_string/1` renders a scalar in Elixir; nil for arrays, objects and null.
    package var scalarText: String? {
        switch self {
        case .null, .array, .object: return nil
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .double(let value): return ElixirFloat.text(value)
        case .string(let value): return value
        }
    }
}

extension JSONValue {
    /// Elixir's `a || b || …` over object members: the first truthy one, else the last operand
    /// (so `{"u": false}` gives `false` while a missing key gives nil).
    package func either(_ keys: String...) -> JSONValue? {
        var last: JSONValue?
        for key in keys {
            last = self[key]
            if let value = last, value.isTruthy { return value }
        }
        return last
    }
}
