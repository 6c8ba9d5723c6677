import Foundation

/// One filter leaf on a `visit:*_name` dimension evaluated in Swift against a place name, with
/// the semantics the SQL gives other leaves: `is` equal, `contains` a substring, `matches` an
/// unanchored regular expression (ICU, as the SQLite store's `regexp`; one that does not compile
/// matches nothing), `matches_wildcard` a whole-value wildcard pattern; `case_sensitive: false`
/// folds case. The `_not` forms are left to the caller: this answers the positive form.
struct LocationNameMatcher {
    private let op: FilterOperator
    private let clauses: [String]
    private let caseSensitive: Bool
    private let expressions: [NSRegularExpression]

    init(_ leaf: FilterLeaf) {
        op = leaf.op.positive
        caseSensitive = leaf.caseSensitive
        clauses = leaf.clauses.map { leaf.caseSensitive ? $0.text : $0.text.lowercased() }
        let options: NSRegularExpression.Options = leaf.caseSensitive ? [] : [.caseInsensitive]
        expressions =
            op == .matches
            ? leaf.clauses.compactMap { try? NSRegularExpression(pattern: $0.text, options: options) } : []
    }

    func matches(_ name: String) -> Bool {
        let value = caseSensitive ? name : name.lowercased()
        switch op {
        case .contains:
            return clauses.contains { $0.isEmpty || value.contains($0) }
        case .matches:
            let range = NSRange(location: 0, length: name.utf16.count)
            return expressions.contains { $0.firstMatch(in: name, options: [], range: range) != nil }
        case .matchesWildcard:
            return clauses.contains { WildcardPattern($0).matches(value) }
        default:
            return clauses.contains(value)
        }
    }
}
