/// One request to ClickHouse's HTTP interface: a statement, and for an INSERT the rows it reads.
package struct ClickHouseRequest: Sendable {
    /// The statement. Sent in the body, or for an INSERT in the `query` URL parameter, with the
    /// rows in the body.
    package var sql: String
    package var rows: [UInt8]?
    /// False for statements that must run before the database exists (`CREATE DATABASE`).
    package var inDatabase = true

    /// A statement without a result worth reading (DDL, `ALTER … DELETE`).
    package static func statement(_ sql: String, inDatabase: Bool = true) -> ClickHouseRequest {
        ClickHouseRequest(sql: sql, rows: nil, inDatabase: inDatabase)
    }

    /// A `SELECT` whose answer `ClickHouseResult(jsonCompact:)` reads; the FORMAT clause is added here.
    package static func query(_ sql: String) -> ClickHouseRequest {
        ClickHouseRequest(sql: sql + "\nFORMAT JSONCompact", rows: nil)
    }

    /// `INSERT INTO table (columns) FORMAT <format>` with the writer's rows. Naming the columns
    /// lets later migrations add columns with defaults without breaking older writers.
    package static func insert<Rows: ClickHouseInsertRows>(
        into table: String, columns: [String], rows: Rows
    ) -> ClickHouseRequest {
        let names = columns.map(ClickHouseSQL.identifier).joined(separator: ", ")
        return ClickHouseRequest(sql: "INSERT INTO \(table) (\(names)) FORMAT \(Rows.format)", rows: rows.bytes)
    }
}
