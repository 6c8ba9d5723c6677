import PerchStats

/// A filter leaf evaluated on a value as SQLite evaluates the planner's condition for it
/// (`PlanContext.leafCondition`): `IN` for `is`, `instr` for `contains`, the store's `regexp`
/// (the same `SQLiteRegexp`) for `matches` and wildcards; without case, SQLite's `lower`, which
/// folds ASCII letters only, on the value and the clauses (a `matches` pattern is folded, the
/// value it is matched against is not, as in SQL).
enum LeafMatcher {
    /// The predicate on a value as the dimension shows it, nil for a leaf SQL would reject or
    /// one without text clauses.
    static func predicate(_ leaf: FilterLeaf, regexp: SQLiteRegexp) -> ((String) -> Bool)? {
        var clauses: [String] = []
        for clause in leaf.clauses {
            guard case .string(let text) = clause else { return nil }
            clauses.append(text)
        }
        let folded = !leaf.caseSensitive
        let fold = { (text: String) -> String in folded ? asciiLowercased(text) : text }
        let positive: (String) -> Bool
        switch leaf.op.positive {
        case .contains:
            // An empty list would be malformed SQL: left to SQL.
            guard !clauses.isEmpty else { return nil }
            let needles = clauses.map { Array(fold($0).utf8) }
            positive = { value in
                let haystack = Array(fold(value).utf8)
                return needles.contains { contains(haystack, $0) }
            }
        case .matches:
            guard !clauses.isEmpty else { return nil }
            let patterns = clauses.map(fold)
            positive = { value in patterns.contains { regexp.matches(pattern: $0, value: value) == true } }
        case .matchesWildcard:
            guard !clauses.isEmpty else { return nil }
            let patterns = clauses.map { (folded ? "(?i)" : "") + WildcardPattern($0).regex }
            positive = { value in patterns.contains { regexp.matches(pattern: $0, value: value) == true } }
        default:
            let values = Set(clauses.map(fold))
            positive = { values.contains(fold($0)) }
        }
        return leaf.op.isNegated ? { !positive($0) } : positive
    }

    /// The predicate of an `is`/`is_not` leaf over integers on an integer column's decimal text
    /// (SQLite's text of an integer is its plain decimal form), nil for any other leaf.
    static func integerPredicate(_ leaf: FilterLeaf) -> ((String) -> Bool)? {
        guard leaf.op.positive == .is else { return nil }
        var values: Set<String> = []
        for clause in leaf.clauses {
            guard case .integer(let value) = clause else { return nil }
            values.insert(String(value))
        }
        return leaf.op.isNegated ? { !values.contains($0) } : { values.contains($0) }
    }

    /// SQLite's `lower`: `A`–`Z` to `a`–`z`, every other byte as it is.
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return text }
        let bytes = text.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `instr(haystack, needle) > 0` on UTF-8 bytes (an empty needle is found everywhere).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var index = 1
            while index < needle.count, haystack[start + index] == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }
}
