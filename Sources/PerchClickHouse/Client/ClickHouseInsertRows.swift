/// The rows of an INSERT body, in one of the input formats ClickHouse reads: what
/// `ClickHouseRequest.insert` sends after `FORMAT <format>`.
package protocol ClickHouseInsertRows: Sendable {
    /// The format's name in the INSERT statement (`JSONEachRow`, `RowBinary`).
    static var format: String { get }
    var bytes: [UInt8] { get }
    var rowCount: Int { get }
}

extension JSONEachRowWriter: ClickHouseInsertRows {
    package static var format: String { "JSONEachRow" }
}

extension RowBinaryWriter: ClickHouseInsertRows {
    package static var format: String { "RowBinary" }
}
