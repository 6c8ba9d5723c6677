/// Literals and identifiers spliced into SQL text. ClickHouse 18.16 has no query parameters, so
/// values are quoted here, and only here.
package enum ClickHouseSQL {
    /// `value` as a single-quoted string literal, with `\` and `'` escaped (and control bytes
    /// written as escapes, so a literal never spans lines).
    package static func literal(_ value: String) -> String {
        var out = "'"
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// `name` between backquotes, for column names such as `meta.key`. Only for names the code
    /// itself chose: a backquote inside is refused rather than escaped.
    package static func identifier(_ name: String) -> String {
        precondition(!name.contains("`"), "identifiers are the code's own")
        return "`" + name + "`"
    }

    /// Letters, digits and `_`, not starting with a digit: safe as a database name or setting name.
    package static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                return true
            default: return false
            }
        }
    }

    /// `values` as a parenthesised list for `IN`, e.g. `(1, 2, 3)`.
    package static func list<T: BinaryInteger>(_ values: some Sequence<T>) -> String {
        list(values.map { "\($0)" })
    }

    /// Already rendered literals as a parenthesised list for `IN`, e.g. `('a', 'b')`.
    package static func list(_ literals: [String]) -> String {
        "(" + literals.joined(separator: ", ") + ")"
    }
}
