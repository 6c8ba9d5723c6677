import GRDB
import GRDBSQLite

/// Binds, steps and reads a GRDB-prepared statement through SQLite's C API.
///
/// Why: building a `StatementArguments` and reading `Row` subscripts cost ~20 µs per 40-column
/// row (generic, unspecialised key-path maps); binding directly makes a 10k-event batch a matter
/// of milliseconds. The statement stays owned by GRDB (prepared and cached by it); this type only
/// uses it between GRDB calls on the same connection, and always leaves it reset.
struct StatementHandle {
    /// SQLite's SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Kept so GRDB does not finalize the statement while its handle is in use.
    private let statement: Statement
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?
    private var index: Int32 = 0

    init(_ statement: Statement, in db: Database) {
        self.statement = statement
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: - Binding, in parameter order

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bind(_ value: Int64?) {
        guard let value else {
            index += 1
            sqlite3_bind_null(handle, index)
            return
        }
        bind(value)
    }

    mutating func bind(_ value: String) {
        index += 1
        var value = value
        let position = index
        value.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind SQL NULL; SQLite
            // copies the text (transient), so the literal's temporary pointer is enough.
            guard let base = bytes.baseAddress else {
                _ = sqlite3_bind_text(handle, position, "", 0, Self.transient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                sqlite3_bind_text(handle, position, pointer, Int32(bytes.count), Self.transient)
            }
        }
    }

    /// Runs a statement that returns no rows, then resets it for the next bindings.
    mutating func execute() throws {
        index = 0
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
        sqlite3_reset(handle)
    }

    // MARK: - Reading

    /// Moves to the next row; false when there are no more (the statement is then reset).
    mutating func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(handle)
        return false
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column's text as bytes, valid only inside `body` (no String is built).
    func withText<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard let text = sqlite3_column_text(handle, column) else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }
}
