import GRDB
import GRDBSQLite

/// Binds, steps and reads a GRDB-prepared statement through SQLite's C API.
///
/// Why: building a `StatementArguments` and reading `Row` subscripts cost ~20 µs per 40-column
/// row (generic, unspecialised key-path maps); binding directly makes a 10k-event batch a matter
/// of milliseconds. The statement stays owned by GRDB (prepared and cached by it); this type only
/// uses it between GRDB calls on the same connection, and always leaves it reset.
///
/// Text is bound without a copy per value: `bind(_: String)` appends the bytes to one buffer kept
/// for the statement's life, and `execute()` binds them as SQLITE_STATIC pointers into it while
/// it steps. Bound transient, SQLite copied each string into an allocation of its own and freed it
/// on the next bind: Debian's SQLite is built without lookaside, so that was two mallocs and four
/// mutex operations (memory statistics) per text column, some 50 of each for an event and its new
/// session. After the step, each text parameter is bound to NULL again, so no pointer into the
/// buffer outlives the execution (GRDB, or anything that renders the statement's bindings, would
/// otherwise find the statement bound to bytes since overwritten).
struct StatementHandle {
    /// SQLite's SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Kept so GRDB does not finalize the statement while its handle is in use.
    private let statement: Statement
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?
    private var index: Int32 = 0
    /// The text bound for the next execution, back to back. Its first byte is a spare one, so the
    /// buffer has an address even when every bound string is empty (SQLite reads a NULL pointer
    /// as SQL NULL).
    private var texts: [UInt8] = [0]
    /// Where each pending text parameter's bytes are in `texts`.
    private var textParameters: [(position: Int32, offset: Int, count: Int)] = []

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

    /// Text, bound when the statement is executed: `execute()` only, not `step()`.
    mutating func bind(_ value: String) {
        index += 1
        let offset = texts.count
        var value = value
        value.withUTF8 { texts.append(contentsOf: $0) }
        textParameters.append((index, offset, texts.count - offset))
    }

    /// Runs a statement that returns no rows, then resets it for the next bindings.
    mutating func execute() throws {
        index = 0
        guard !textParameters.isEmpty else {
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
            sqlite3_reset(handle)
            return
        }
        let code = stepWithTexts()
        // `failure` reads the message, then resets; a statement must be reset before binding.
        let error = code == SQLITE_DONE || code == SQLITE_ROW ? nil : failure(code)
        if error == nil { sqlite3_reset(handle) }
        for parameter in textParameters { sqlite3_bind_null(handle, parameter.position) }
        texts.removeSubrange(1...)
        textParameters.removeAll(keepingCapacity: true)
        if let error { throw error }
    }

    /// Binds the pending text parameters to their bytes in `texts` (no copy: SQLite reads them
    /// during the step, while the buffer is pinned) and steps once. The caller resets the
    /// statement and unbinds them before the buffer is reused.
    private func stepWithTexts() -> Int32 {
        let handle = handle
        return texts.withUnsafeBufferPointer { buffer in
            // Never empty: `texts` keeps its spare first byte.
            let base = UnsafeRawPointer(buffer.baseAddress!)
            for parameter in textParameters {
                _ = sqlite3_bind_text(
                    handle, parameter.position,
                    (base + parameter.offset).assumingMemoryBound(to: CChar.self),
                    Int32(parameter.count), Self.staticText)
            }
            return sqlite3_step(handle)
        }
    }

    /// SQLite's SQLITE_STATIC: SQLite uses the bytes where they are, without copying them.
    private static let staticText: sqlite3_destructor_type? = nil

    // MARK: - Reading

    /// Moves to the next row; false when there are no more (the statement is then reset).
    mutating func step() throws -> Bool {
        precondition(textParameters.isEmpty, "text parameters are bound by execute()")
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
