import GRDB
import GRDBSQLite

/// The `perch_uniq(x)` SQL aggregate: the number of distinct non-NULL integers in a group, what
/// the SQLite dialect's `countDistinct` emits for visitor and visit counts.
///
/// Registered through SQLite's C API: GRDB's `DatabaseAggregate` builds an array of values per
/// row, which costs more than the counting. Each group's state is a `DistinctIntegers` whose
/// retained reference lives in the group's SQLite aggregate context; `xFinal` (which SQLite calls
/// for every group it started, also when a query fails or is interrupted) releases it.
/// Other value types are an SQL error: the planner only counts integer ids.
enum SQLiteDistinctCount {
    static let name = "perch_uniq"
    /// SQLite's SQLITE_TRANSIENT: copy the result text before returning.
    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

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
            guard let state = state(of: context) else {
                sqlite3_result_error_nomem(context)
                return
            }
            state.insert(sqlite3_value_int64(argument))
        default:
            sqlite3_result_error(context, "\(name) counts integers only", -1)
        }
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { context in
        guard let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeRawPointer?.self),
            let pointer = slot.pointee
        else {
            sqlite3_result_int64(context, 0)
            return
        }
        let state = Unmanaged<DistinctIntegers>.fromOpaque(pointer).takeRetainedValue()
        slot.pointee = nil
        sqlite3_result_int64(context, Int64(state.count))
    }

    /// The group's state, created on its first non-NULL value.
    private static func state(of context: OpaquePointer?) -> DistinctIntegers? {
        let size = Int32(MemoryLayout<UnsafeRawPointer?>.size)
        guard let raw = sqlite3_aggregate_context(context, size) else { return nil }
        let slot = raw.assumingMemoryBound(to: UnsafeRawPointer?.self)
        if let pointer = slot.pointee {
            return Unmanaged<DistinctIntegers>.fromOpaque(pointer).takeUnretainedValue()
        }
        let state = DistinctIntegers()
        slot.pointee = UnsafeRawPointer(Unmanaged.passRetained(state).toOpaque())
        return state
    }
}
