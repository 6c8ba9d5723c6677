import Foundation
import GRDB
import Synchronization

/// The `regexp(pattern, value)` SQL function the SQLite dialect's regex, wildcard and page-goal
/// filters call. Patterns are compiled once and cached: a query evaluates the same few patterns
/// on every row. `(?i)` at the start of a pattern is ICU syntax, so case folding needs no flag.
/// A pattern that does not compile matches nothing, so a bad regex is an empty result, not a 500.
final class SQLiteRegexp: Sendable {
    private static let cacheLimit = 64
    /// nil caches a pattern that failed to compile.
    private let cache = Mutex<[String: NSRegularExpression?]>([:])

    var function: DatabaseFunction {
        DatabaseFunction("regexp", argumentCount: 2, pure: true) { [self] arguments in
            guard let pattern = String.fromDatabaseValue(arguments[0]),
                let value = String.fromDatabaseValue(arguments[1])
            else { return nil }
            return matches(pattern: pattern, value: value)
        }
    }

    func matches(pattern: String, value: String) -> Bool {
        guard let expression = compiled(pattern) else { return false }
        let range = NSRange(location: 0, length: value.utf16.count)
        return expression.firstMatch(in: value, options: [], range: range) != nil
    }

    private func compiled(_ pattern: String) -> NSRegularExpression? {
        if let hit = cache.withLock({ $0[pattern] }) { return hit }
        let expression = try? NSRegularExpression(pattern: pattern)
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[pattern] = .some(expression)
        }
        return expression
    }
}
