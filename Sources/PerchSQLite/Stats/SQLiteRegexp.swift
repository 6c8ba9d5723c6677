import Foundation
import GRDB
import PerchStats
import Synchronization

/// The `regexp(pattern, value)` SQL function the SQLite dialect's regex, wildcard and page-goal
/// filters call, for one query. Patterns are compiled once and cached: a query evaluates the same
/// few patterns on every row. `(?i)` at the start of a pattern is ICU syntax, so case folding needs
/// no flag. A pattern that does not compile matches nothing, so a bad regex is an empty result,
/// not a 500.
///
/// Patterns come from API clients, so a query's matching has a deadline: each match asks ICU to
/// report progress and stops past it, and every later call fails at once, which aborts the query
/// with `StatsReadError.timedOut` instead of tying up a reader connection.
final class SQLiteRegexp: Sendable {
    private static let cacheLimit = 64
    /// Carried by the SQL error a timed-out match raises, to recognise it afterwards.
    static let timeoutMarker = "perch: regular expression time limit"
    /// nil caches a pattern that failed to compile.
    private let cache = Mutex<[String: NSRegularExpression?]>([:])
    private let deadline: ContinuousClock.Instant
    let limitSeconds: Int
    private let expired = Atomic<Bool>(false)

    init(limitSeconds: Int = 10) {
        self.limitSeconds = limitSeconds
        deadline = .now + .seconds(limitSeconds)
    }

    var function: DatabaseFunction {
        DatabaseFunction("regexp", argumentCount: 2, pure: true) { [self] arguments in
            guard let pattern = String.fromDatabaseValue(arguments[0]),
                let value = String.fromDatabaseValue(arguments[1])
            else { return nil }
            guard let matched = matches(pattern: pattern, value: value) else {
                throw DatabaseError(resultCode: .SQLITE_INTERRUPT, message: Self.timeoutMarker)
            }
            return matched
        }
    }

    /// Whether a match has run past the deadline (every later one then answers nil).
    var hasExpired: Bool { expired.load(ordering: .relaxed) }

    /// Whether `value` matches; nil once the query's deadline has passed.
    func matches(pattern: String, value: String) -> Bool? {
        guard !expired.load(ordering: .relaxed) else { return nil }
        guard let expression = compiled(pattern) else { return false }
        var found = false
        var stopped = false
        let deadline = deadline
        let range = NSRange(location: 0, length: value.utf16.count)
        expression.enumerateMatches(in: value, options: [.reportProgress], range: range) { result, _, stop in
            if result != nil {
                found = true
                stop.pointee = true
            } else if ContinuousClock.now >= deadline {
                stopped = true
                stop.pointee = true
            }
        }
        if stopped || ContinuousClock.now >= deadline {
            expired.store(true, ordering: .relaxed)
            return found ? true : nil
        }
        return found
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
