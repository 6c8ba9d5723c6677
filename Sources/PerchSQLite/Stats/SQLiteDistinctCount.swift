import GRDB
import GRDBSQLite

/// The `perch_uniq(x)` SQL aggregate: the number of distinct non-NULL integers in a group, what
/// the SQLite dialect's `countDistinct` emits for visitor and visit counts.
///
/// Registered through SQLite's C API: GRDB's `DatabaseAggregate` builds an array of values per
/// row, which costs more than the counting. Each group's state is a `DistinctIntegers`
/// (`SQLiteAggregateState`).
/// Other value types are an SQL error: the planner only counts integer ids.
enum SQLiteDistinctCount {
    static let name = "perch_uniq"

    static func register(on db: Database) throws {
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil, step, final, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)")
        }
    }

    private static let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
        context, _, arguments in
        guard let argument = arguments?[0] else { return }
        switch sqlite3_value_type(argument) {
        case SQLITE_NULL:
            return
        case SQLITE_INTEGER:
            guard let state = SQLiteAggregateState.get(context, make: { DistinctIntegers() }) else {
                sqlite3_result_error_nomem(context)
                return
            }
            state.insert(sqlite3_value_int64(argument))
        default:
            sqlite3_result_error(context, "\(name) counts integers only", -1)
        }
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { context in
        let state = SQLiteAggregateState<DistinctIntegers>.take(context)
        sqlite3_result_int64(context, Int64(state?.count ?? 0))
    }
}
