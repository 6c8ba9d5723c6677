import GRDB
import GRDBSQLite

/// The `perch_group(spec, key…, value…)` SQL aggregate: GROUP BY in a hash table, for the SQLite
/// dialect's breakdowns (`SQLDialect.groupedAggregate`). Its result is one JSON text,
/// `[[key…, result…], …]`, which the query unpacks with `json_each`.
///
/// `spec` is `<number of keys>:<one letter per value>`: `c` counts rows, `s` sums (NULLs
/// skipped, NULL without values, integer unless a real was added), `a` averages, `u` counts
/// distinct integers. A malformed spec, a non-integer `u` value or an integer sum overflow is an
/// SQL error, never a wrong number. Each group's state lives in `SQLiteAggregateState`.
enum SQLiteGroupedAggregate {
    static let name = "perch_group"

    static func register(on db: Database) throws {
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil,
            { context, count, arguments in SQLiteGroupedAggregate.step(context, count, arguments) },
            { context in SQLiteGroupedAggregate.final(context) }, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)")
        }
    }

    private static func step(
        _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard let arguments, count >= 1 else {
            sqlite3_result_error(context, "\(name) needs a spec", -1)
            return
        }
        var specError = false
        let state = SQLiteAggregateState.get(context) { () -> GroupedAggregates? in
            guard let text = sqlite3_value_text(arguments[0]), let parsed = parse(String(cString: text)),
                parsed.keys + parsed.operations.count == Int(count) - 1
            else {
                specError = true
                return nil
            }
            return GroupedAggregates(keyCount: parsed.keys, operations: parsed.operations)
        }
        guard let state else {
            if specError {
                sqlite3_result_error(context, "\(name): bad spec or argument count", -1)
            } else {
                sqlite3_result_error_nomem(context)
            }
            return
        }
        if !state.add(arguments + 1) {
            sqlite3_result_error(context, "\(name): non-integer distinct value or sum overflow", -1)
        }
    }

    private static func final(_ context: OpaquePointer?) {
        let json = SQLiteAggregateState<GroupedAggregates>.take(context)?.json ?? "[]"
        sqlite3_result_text(context, json, -1, StatementHandle.transient)
    }

    static func parse(_ spec: String) -> (keys: Int, operations: [GroupedAggregates.Operation])? {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let keys = Int(parts[0]), keys >= 0 else { return nil }
        var operations: [GroupedAggregates.Operation] = []
        for letter in parts[1] {
            switch letter {
            case "c": operations.append(.count)
            case "s": operations.append(.sum)
            case "a": operations.append(.average)
            case "u": operations.append(.distinct)
            default: return nil
            }
        }
        return (keys, operations)
    }
}
