/// A row the column cache reads values from: a statement on its current row (a load, which
/// reads straight from SQLite), or a row already copied out (`BufferedRow`, a refresh, which
/// reads every new row before it changes anything).
protocol ColumnRow {
    func int64(_ column: Int32) -> Int64
    func withText<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T
}

extension StatementHandle: ColumnRow {}

/// A row's integer and text values, copied out of a statement.
struct BufferedRow: ColumnRow {
    private enum Value {
        case integer(Int64)
        case text(String)
    }

    private let values: [Value]

    /// Copies the current row of `statement`, whose columns `texts` are texts and the others integers.
    init(_ statement: StatementHandle, columns: Int32, texts: Range<Int32>) {
        values = (0..<columns).map { column in
            texts.contains(column) ? .text(statement.string(column)) : .integer(statement.int64(column))
        }
    }

    func int64(_ column: Int32) -> Int64 {
        guard case .integer(let value) = values[Int(column)] else { return 0 }
        return value
    }

    func withText<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard case .text(var text) = values[Int(column)] else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
